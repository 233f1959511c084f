"""A question's whole way in real browsers: asked on a phone, approved and put on screen by the
moderator on a laptop, read on the projector."""

from datetime import datetime, time

import pytest

from companion import db, questions
from companion.event import load_event

from .conftest import PINS, ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


def _open(page, url):
    page.goto(url)
    wait_for_app(page)
    assert not page.get_by_role("dialog").filter(has_text="Page not found").count()


HALL = "iframe[srcdoc*='id=\"cfg\"']"  # the page's one iframe: form, list, own questions
QUESTION = "Hvordan kan fylkene beholde unge fagfolk? <b>ikke fet</b> [klikk](javascript:alert(1))"


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_asked_on_a_phone_approved_by_the_moderator_shown_on_the_big_screen(live_server, phone, browser, projector):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland", theme=1)

    ask = phone.new_page()
    _open(ask, f"{live_server.url}/questions?t={kari.token}")
    form = ask.frame_locator(HALL)
    form.get_by_label("Spørsmålet ditt").fill(QUESTION)
    form.get_by_role("button", name="Send spørsmålet").dblclick()  # a double tap stores one question
    form.locator("#flash").get_by_text("venter på godkjenning fra moderator").wait_for()
    assert form.get_by_label("Spørsmålet ditt").input_value() == ""
    # Plain text: the characters typed, no bold element and no link.
    mine = form.locator("#mine")
    mine.get_by_text("<b>ikke fet</b>", exact=False).wait_for()
    mine.get_by_text("Venter på godkjenning").wait_for()
    assert form.locator("a[href^='javascript']").count() == 0
    assert form.locator("b", has_text="ikke fet").count() == 0
    with db.connect(live_server.db_path) as conn:
        assert db.scalar(conn, "SELECT COUNT(*) FROM questions") == 1
    screenshot(ask, "questions-phone-asked")

    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nb-NO")
    try:
        mod = laptop.new_page()
        _open(mod, f"{live_server.url}/moderator")
        mod.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_MODERATOR_PIN"])
        mod.get_by_role("button", name="Logg inn").click()
        mod.get_by_text("Hvordan kan fylkene beholde unge fagfolk?", exact=False).first.wait_for()
        mod.get_by_role("button", name="Godkjenn", exact=True).click()
        mod.get_by_role("button", name="Vis på skjerm").click()
        mod.get_by_role("button", name="Ta av skjermen").wait_for()
        screenshot(mod, "questions-moderator")

        screen = projector.new_page()
        _open(screen, f"{live_server.url}/screen")
        screen.locator(".scr-q", has_text="Hvordan kan fylkene beholde unge fagfolk?").wait_for()
        assert "<b>ikke fet</b>" in screen.locator(".scr-q").inner_text()
        assert "Kari" not in screen.locator("body").inner_text()
        screenshot(screen, "questions-screen-1920")

        # The open phone learns by itself, without a reload, that its question is on the screen.
        mine.get_by_text("På skjermen nå").wait_for(timeout=15_000)
        # Published now: the asker's own question takes the top of the list without a tap.
        form.locator("#list .card").first.get_by_text("På skjermen nå").wait_for()
        assert form.locator("#fresh").is_hidden()
        screenshot(ask, "questions-phone-on-screen")

        # Answered: the projector goes back to the join code by itself, no reload.
        mod.locator(".st-key-on_screen").get_by_role("button", name="Besvart").click()
        screen.locator(".scr-url").wait_for(timeout=15_000)
        assert screen.locator(".scr-q").count() == 0
        screenshot(screen, "questions-screen-join-1920")
    finally:
        laptop.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_a_tap_on_vote_in_the_list_counts_at_once_and_is_stored(live_server, phone):
    event = load_event(ROOT / "data")
    at = datetime.combine(event.date, time(15, 20), event.tz)
    ola = live_server.add_person(name="Ola Nordmann", county="Troms")
    kari = live_server.add_person(name="Kari Nordmann")
    with db.connect(live_server.db_path) as conn:
        for text, show in [
            ("Hva med bredbånd i distriktene?", True),
            ("<img src=x onerror=alert(1)> [klikk](javascript:alert(1))", False),
        ]:
            q = questions.ask(
                conn, programme=event.programme, participant_id=ola.id, text=text, show_name=show, now=at
            ).question
            questions.moderate(conn, q.id, "approve", now=at, role="moderator")
        first = conn.execute("SELECT min(id) FROM questions").fetchone()[0]

    page = phone.new_page()
    _open(page, f"{live_server.url}/questions?t={kari.token}")
    hall = page.frame_locator(HALL)
    card = hall.locator(f".card[data-qid='{first}']")
    card.get_by_text("0 stemmer").wait_for()
    assert hall.get_by_text("<img src=x onerror=alert(1)>", exact=False).count() == 1
    assert hall.locator("img").count() == 0 and hall.locator("a").count() == 0
    card.get_by_role("button", name="Stem på:", exact=False).click()  # named with the question (issue 14)
    card.get_by_text("1 stemme").wait_for()
    assert card.locator(".vote").inner_text() == "✓ Stemt"
    card.get_by_role("button", name="Stemt på:", exact=False).wait_for()
    with db.connect(live_server.db_path) as conn:
        assert questions.get(conn, first).votes == 1
    # The list keeps its order under the thumb; choosing a sort draws it anew.
    hall.get_by_role("button", name="Nyeste").click()
    assert hall.locator(".card").first.get_attribute("data-qid") == str(first + 1)
    hall.get_by_role("button", name="Mest populære").click()
    assert hall.locator(".card").first.get_attribute("data-qid") == str(first)  # 1 vote against 0
    screenshot(page, "questions-phone-voted")
