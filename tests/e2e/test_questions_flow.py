"""A question's whole way in real browsers: asked on a phone, approved and put on screen by the
moderator on a laptop, read on the projector."""

import pytest

from .conftest import PINS, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

def _open(page, url):
    page.goto(url)
    wait_for_app(page)
    assert not page.get_by_role("dialog").filter(has_text="Page not found").count()


QUESTION = "Hvordan kan fylkene beholde unge fagfolk? <b>ikke fet</b> [klikk](javascript:alert(1))"


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_asked_on_a_phone_approved_by_the_moderator_shown_on_the_big_screen(live_server, phone, browser, projector):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland", theme=1)

    ask = phone.new_page()
    _open(ask, f"{live_server.url}/questions?t={kari.token}")
    ask.get_by_label("Spørsmålet ditt").fill(QUESTION)
    ask.get_by_role("button", name="Send spørsmålet").click()
    ask.get_by_text("venter på godkjenning fra moderator").wait_for()
    # Plain text: the characters typed, no bold element and no link.
    ask.get_by_text("<b>ikke fet</b>", exact=False).first.wait_for()
    assert ask.locator("a[href^='javascript']").count() == 0
    assert ask.locator("b", has_text="ikke fet").count() == 0
    screenshot(ask, "questions-phone-asked")

    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nb-NO")
    try:
        mod = laptop.new_page()
        _open(mod, f"{live_server.url}/moderator")
        mod.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_MODERATOR_PIN"])
        mod.get_by_role("button", name="Logg inn").click()
        mod.get_by_text("Hvordan kan fylkene beholde unge fagfolk?", exact=False).first.wait_for()
        mod.get_by_role("button", name="Godkjenn").click()
        mod.get_by_role("button", name="Vis på skjerm").click()
        mod.get_by_role("button", name="Ta av skjermen").wait_for()
        screenshot(mod, "questions-moderator")

        screen = projector.new_page()
        _open(screen, f"{live_server.url}/screen")
        screen.locator(".scr-q", has_text="Hvordan kan fylkene beholde unge fagfolk?").wait_for()
        assert "<b>ikke fet</b>" in screen.locator(".scr-q").inner_text()
        assert "Kari" not in screen.locator("body").inner_text()
        screenshot(screen, "questions-screen-1920")

        # The phone learns that its question is on the screen now.
        _open(ask, ask.url)
        ask.get_by_text("På skjermen nå").first.wait_for()
        screenshot(ask, "questions-phone-on-screen")

        # Answered: the projector goes back to the join code by itself, no reload.
        mod.locator(".st-key-on_screen").get_by_role("button", name="Besvart").click()
        screen.locator(".scr-url").wait_for(timeout=15_000)
        assert screen.locator(".scr-q").count() == 0
        screenshot(screen, "questions-screen-join-1920")
    finally:
        laptop.close()
