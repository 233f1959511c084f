"""Nobody in where they don't belong, in a real browser: staff pages opened by direct URL show only
the PIN prompt, a wrong PIN is refused and shown to the organizer; the big screen needs no PIN; an unknown path
falls back to the Nå page."""

import pytest

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e

SECRET_NAME = "Ingrid Hemmelighaug"
STAFF_PATHS = ("/desk", "/moderator", "/organizer")


def visible_text(page) -> str:
    return page.locator("body").inner_text()


def test_staff_pages_need_a_pin_and_show_no_data(live_server, phone):
    person = live_server.add_person(name=SECRET_NAME, county="Nordland", email="ingrid@example.no")
    page = phone.new_page()
    for path in STAFF_PATHS:
        page.goto(live_server.url + path)
        wait_for_app(page)
        page.get_by_text("Skriv inn PIN-koden").wait_for()
        page.locator("input[type=password]").wait_for()
        assert page.locator("input[type=password]").count() == 1, path
        html = page.content()
        for secret in (SECRET_NAME, person.email, person.code, person.token):
            assert secret not in html, (path, secret)
    screenshot(page, "access-pin-prompt-phone")

    page.locator("input[type=password]").fill("0000")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_text("Feil PIN-kode.").wait_for()
    assert SECRET_NAME not in visible_text(page)

    # The right PIN opens the page; the wrong one is on the organizer's list.
    page.locator("input[type=password]").fill("975310")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("tab", name="Sikkerhet").click()
    page.get_by_role("button", name="Ta sikkerhetskopi nå").click()
    page.get_by_text("Sikkerhetskopi lagret").wait_for()
    page.get_by_text("1 feil PIN-forsøk i alt.").wait_for()
    screenshot(page, "organizer-safety-phone")

    page.goto(live_server.url + "/screen")
    wait_for_app(page)
    assert page.locator("input[type=password]").count() == 0
    assert "PIN" not in visible_text(page)

    page.goto(live_server.url + "/admin")
    wait_for_app(page)
    page.get_by_text("Program 25.").first.wait_for()  # the Nå page's programme heading
    assert page.locator("[data-testid=stException]").count() == 0
    assert "Traceback" not in visible_text(page)
    assert page.locator("input[type=password]").count() == 0
    screenshot(page, "access-unknown-path-phone")
