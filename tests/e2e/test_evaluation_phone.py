"""The evaluation on a phone: Nå with a personal link at 16:05, answer, see it stored, change it."""

import json

import pytest

from companion import db

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def stored(server) -> list[dict]:
    with db.connect(server.db_path) as conn:
        return [json.loads(r[0]) for r in conn.execute("SELECT answers FROM evaluation_answers")]


@pytest.mark.parametrize("live_server", ["2019-09-25T16:05:00"], indirect=True)
def test_a_phone_answers_the_evaluation_and_changes_the_answer(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann", theme=2)
    page = phone.new_page()
    page.goto(f"{live_server.url}/?t={kari.token}")
    wait_for_app(page)
    form = page.frame_locator("iframe[srcdoc*='/api/evaluation']")
    form.get_by_role("heading", name="Evaluering av dagen").wait_for()
    overall = form.get_by_role("group", name="Hva synes du om dagen alt i alt?")
    useful = form.get_by_role("group", name="Hvor nyttig var arbeidet med temaet ditt?")
    overall.get_by_role("radio", name="4").check()
    useful.get_by_role("radio", name="5").check()
    form.get_by_label("Hva bør vi gjøre annerledes neste gang?").fill("Mer tid i gruppene, <b>takk</b>")
    form.get_by_role("button", name="Send svaret").click()
    form.get_by_text("Takk! Svaret ditt er lagret.").wait_for()
    assert stored(live_server) == [{"overall": 4, "theme_useful": 5, "differently": "Mer tid i gruppene, <b>takk</b>"}]
    assert form.get_by_role("button", name="Lagre endringen").is_visible()
    screenshot(page, "evaluation-phone-answered")

    overall.get_by_role("radio", name="2").check()
    form.get_by_role("button", name="Lagre endringen").click()
    form.get_by_text("Endringen er lagret.").wait_for()
    assert stored(live_server) == [{"overall": 2, "theme_useful": 5, "differently": "Mer tid i gruppene, <b>takk</b>"}]

    # Opened again, the form shows the answer as it is stored.
    page.reload()
    wait_for_app(page)
    form = page.frame_locator("iframe[srcdoc*='/api/evaluation']")
    form.get_by_text("Du har svart.").wait_for()
    assert form.locator("input[name=overall][value='2']").is_checked()
    typed = form.get_by_label("Hva bør vi gjøre annerledes neste gang?").input_value()
    assert typed == "Mer tid i gruppene, <b>takk</b>"
    form.locator("#heading").scroll_into_view_if_needed()
    screenshot(page, "evaluation-phone-reopened")


def test_the_privacy_page_on_a_phone_from_the_menu(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann")
    page = phone.new_page()
    page.goto(f"{live_server.url}/?t={kari.token}")
    wait_for_app(page)
    page.get_by_role("link", name="Personvern").click()
    page.get_by_role("heading", name="Hvem er ansvarlig").wait_for()
    assert f"t={kari.token}" in page.url and page.url.split("?")[0].endswith("/personvern")
    page.get_by_text("slettes 30 dager etter verkstedet").wait_for()
    screenshot(page, "privacy-phone")
