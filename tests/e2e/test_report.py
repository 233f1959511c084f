"""The Rapport tab in a real browser: a seeded day downloads as Word and as HTML, the Word file
opens with python-docx and holds the day's numbers, and the HTML report is looked at in Chromium."""

import io
from datetime import datetime, time

import docx
import pytest

from companion import db
from companion.event import load_event
from companion.i18n import t
from tests.report_day import DATA, seed_day

from .conftest import ARTIFACTS, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("live_server", ["2019-09-25T16:40"], indirect=True)
def test_the_organizer_downloads_the_report_of_a_seeded_day(live_server, projector):
    event = load_event(DATA)

    def at(clock: str) -> datetime:
        return datetime.combine(event.date, time.fromisoformat(clock), event.tz)

    with db.connect(live_server.db_path) as conn:
        seed_day(conn, event, at)
        arrived = conn.execute("SELECT count(*) FROM checkins WHERE undone_at IS NULL").fetchone()[0]

    page = projector.new_page()
    page.goto(live_server.url + "/organizer")
    wait_for_app(page)
    page.locator("input[type=password]").fill("975310")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("tab", name="Rapport").click()
    page.get_by_text(t("noshow.heading", "nb")).first.wait_for()
    screenshot(page, "organizer-report-projector")

    with page.expect_download() as download:
        page.get_by_role("button", name=t("report.dl_docx", "nb")).click()
    word = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    assert download.value.suggested_filename == "rapport.docx"
    rows = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert [t("report.arrived", "nb"), str(arrived)] in rows

    with page.expect_download() as download:
        page.get_by_role("button", name=t("report.dl_html", "nb")).click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "report.html"
    report.write_bytes(download.value.path().read_bytes())
    view = projector.new_page()
    view.set_viewport_size({"width": 1366, "height": 768})
    view.goto(report.as_uri())
    view.get_by_role("heading", name=t("report.day", "nb")).wait_for()
    assert view.locator("img").count() >= 2
    view.screenshot(path=str(ARTIFACTS / "report-html-1366.png"))
