"""What a walk-through of the day tripped on (issue 16), in a real browser: Storskjerm fits a long
question, a broken personal link warns on every page, the phone menu is one row, the moderator's
first question is on screen at 1366x768 and answers to keys."""

import pytest

from companion import db, questions
from companion.clock import parse_instant
from companion.event import load_event

from .conftest import ARTIFACTS, ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

EVENT = load_event(ROOT / "data")
PANEL = "2019-09-25T15:20:00"
# 280 characters, the most a question may have, of long words that wrap badly.
LONG = (
    "Hvordan kan fylkeskommunene sammen med kommunene, næringslivet, universitetene og høgskolene sikre at "
    "bærekraftsmålene blir til konkrete tiltak i regional planlegging, og hvordan måler vi om tiltakene "
    "faktisk gir miljømessig, sosial og økonomisk utvikling i distriktene innen 2030, og hvem har ansvaret?"
)[: questions.MAX_CHARS]


def _now(server):
    return parse_instant(server.env["COMPANION_NOW"], EVENT.tz)


def _ask(server, text, *, approve=True, screen=False, theme=1):
    asker = server.add_person(name="Spør Spørsen")
    with db.connect(server.db_path) as conn:
        q = questions.ask(
            conn, programme=EVENT.programme, participant_id=asker.id, text=text, now=_now(server), theme=theme
        ).question
        if approve:
            questions.moderate(conn, q.id, "approve", now=_now(server), role="moderator")
        if screen:
            questions.show_on_screen(conn, q.id, now=_now(server), role="moderator")
    return q


def _fits(page) -> dict:
    """Where the question and its votes sit, against the window."""
    return page.evaluate(
        """() => {
          const box = (s) => document.querySelector(s).getBoundingClientRect();
          const q = box('.scr-q'), v = box('.scr-votes');
          return {qTop: q.top, qBottom: q.bottom, votesTop: v.top, votesBottom: v.bottom,
                  height: window.innerHeight, scrolls: document.querySelector('[data-testid=stMain]').scrollHeight};
        }"""
    )


@pytest.mark.parametrize("live_server", [PANEL], indirect=True)
@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
@pytest.mark.parametrize("length", [280, 170])
def test_the_screen_fits_a_280_character_question_and_its_votes(live_server, browser, size, length):
    assert len(LONG) == questions.MAX_CHARS == 280
    _ask(live_server, LONG[:length], screen=True)
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nb-NO")
    page = context.new_page()
    page.goto(live_server.url + "/screen")
    wait_for_app(page)
    page.locator(".scr-votes").wait_for()
    page.wait_for_timeout(500)
    where = _fits(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"screen-{length}-{size[0]}x{size[1]}.png"))
    context.close()
    assert where["qBottom"] <= where["votesTop"] + 1, where
    assert where["votesBottom"] <= where["height"], where
