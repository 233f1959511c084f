"""Venue Wi-Fi drops and a server restart, as phones see them: a calm banner instead of Streamlit's
developer dialog, and a question sent during the outage stored exactly once after it.

A connection-cutting proxy (cutter.py) sits between Chromium and the app: it resets every
connection and refuses new ones for a while, which Playwright's set_offline does not do to
Streamlit's WebSocket."""

import os
import signal

import pytest

from companion import db

from .conftest import screenshot, wait_for_app
from .cutter import Cutter

pytestmark = pytest.mark.e2e

HALL = "iframe[srcdoc*='id=\"cfg\"']"
DEVELOPER_TEXT = ("Is Streamlit still running", "streamlit run", "Connection error", "server is not responding")
PAGES = ("", "questions", "ticket", "group", "privacy")


@pytest.fixture
def cutter(live_server):
    proxy = Cutter(live_server.port).start()
    yield proxy
    proxy.stop()


def _questions(db_path) -> list[str]:
    with db.connect(db_path) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM questions ORDER BY id").fetchall()]


def _open(page, url) -> None:
    """The page drawn by its first script run, not only Streamlit's empty frame."""
    page.goto(url)
    wait_for_app(page)
    page.locator(".st-key-menu").wait_for(timeout=30_000)


def _no_developer_text(page) -> None:
    text = page.locator("body").inner_text()
    for words in DEVELOPER_TEXT:
        assert words not in text, f"{page.url} shows Streamlit's {words!r}"
    assert page.locator('[data-testid="stDialog"]').count() == 0


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_a_drop_shows_our_calm_banner_on_every_page_and_never_streamlits_dialog(live_server, cutter, phone):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    pages = []
    for path in PAGES:
        page = phone.new_page()
        _open(page, f"{cutter.url}/{path}?t={kari.token}")
        pages.append(page)
    english = phone.new_page()
    _open(english, f"{cutter.url}/questions?t={kari.token}&lang=en")

    cutter.cut(25)
    english.get_by_text("Connection lost – trying again …").wait_for(timeout=15_000)
    for page in pages:
        page.get_by_text("Mistet forbindelsen – prøver igjen …").wait_for(timeout=15_000)
    english.wait_for_timeout(4000)  # Streamlit's dialog came about 3 s into an outage
    for page in [*pages, english]:
        _no_developer_text(page)
    screenshot(pages[1], "connection-lost-phone")

    cutter.restore()
    for page in pages:
        page.get_by_text("Mistet forbindelsen").wait_for(state="hidden", timeout=30_000)


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_a_question_sent_during_a_drop_is_stored_once_after_it(live_server, cutter, phone):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    page = phone.new_page()
    _open(page, f"{cutter.url}/questions?t={kari.token}")
    form = page.frame_locator(HALL)
    form.get_by_label("Spørsmålet ditt").wait_for()

    cutter.cut(12)
    form.get_by_label("Spørsmålet ditt").fill("Hvem betaler for bredbåndet?")
    form.get_by_role("button", name="Send spørsmålet").click()
    form.locator("#flash").get_by_text("sendes av seg selv").wait_for(timeout=10_000)
    form.get_by_role("button", name="Send spørsmålet").click()  # an impatient second tap
    assert _questions(live_server.db_path) == []

    form.locator("#flash").get_by_text("venter på godkjenning fra moderator").wait_for(timeout=40_000)
    assert _questions(live_server.db_path) == ["Hvem betaler for bredbåndet?"]
    page.wait_for_timeout(4000)  # a late retry would store a second one now
    assert _questions(live_server.db_path) == ["Hvem betaler for bredbåndet?"]
    _no_developer_text(page)


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_a_killed_and_restarted_server_loses_nothing_the_phone_sent(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    page = phone.new_page()
    _open(page, f"{live_server.url}/questions?t={kari.token}")
    form = page.frame_locator(HALL)
    form.get_by_label("Spørsmålet ditt").wait_for()

    os.kill(live_server.proc.pid, signal.SIGKILL)
    live_server.proc.wait(10)
    form.get_by_label("Spørsmålet ditt").fill("Kommer presentasjonene på nett?")
    form.get_by_role("button", name="Send spørsmålet").click()
    form.locator("#flash").get_by_text("sendes av seg selv").wait_for(timeout=10_000)
    page.get_by_text("Mistet forbindelsen – prøver igjen …").wait_for(timeout=10_000)
    _no_developer_text(page)

    live_server.start()  # the same port and database
    page.get_by_text("Mistet forbindelsen").wait_for(state="hidden", timeout=40_000)
    page.frame_locator(HALL).locator("#mine").get_by_text("Kommer presentasjonene på nett?").wait_for(timeout=40_000)
    assert _questions(live_server.db_path) == ["Kommer presentasjonene på nett?"]
    _no_developer_text(page)
