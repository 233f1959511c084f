"""Nothing invisible pushes a page's heading down: scripts, the sr-only h1, helper frames and an
empty live frame take no room (templates/a11y.css, hall/phone.js)."""

from datetime import datetime, time

import pytest

from companion import db, questions
from companion.event import load_event

from .conftest import ROOT, sign_in, wait_for_app

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1366, "height": 768}
# Streamlit's column puts 1rem (16 px) between two elements; a little more is rounding.
ONE_GAP = 24

TOP = "e => Math.round(e.getBoundingClientRect().top)"
BOTTOM = "e => Math.round(e.getBoundingClientRect().bottom)"


def asked_and_approved(live_server, texts, then):
    """Guro Fjeld asks each of `texts` at 15:18; each is approved, then `then(conn, id, at)` is done to it."""
    event = load_event(ROOT / "data")
    at = datetime.combine(event.date, time(15, 18), event.tz)
    person = live_server.add_person(name="Guro Fjeld", county="Oslo")
    with db.connect(live_server.db_path) as conn:
        for text in texts:
            asked = questions.ask(conn, programme=event.programme, participant_id=person.id, text=text, now=at)
            questions.moderate(conn, asked.question.id, "approve", now=at, role="moderator")
            then(conn, asked.question.id, at)
    return person


@pytest.mark.parametrize("live_server", ["2019-09-25T10:45:00"], indirect=True)
def test_the_personal_now_page_starts_its_slot_right_below_the_event_name(live_server, phone):
    person = live_server.add_person()
    page = phone.new_page()
    page.goto(f"{live_server.url}/?t={person.token}")
    wait_for_app(page)
    heading = page.get_by_role("heading", name="Oppstart av arbeid i grupper for begge tema")
    heading.wait_for()
    # The frames have drawn and fitted themselves.
    page.frame_locator("iframe[title='Klokke og nedtelling']").locator("#time").wait_for()
    page.wait_for_timeout(1000)
    main = page.locator("[data-testid=stMainBlockContainer]")
    event_line = main.get_by_text("Verksted for regional utvikling", exact=False).first
    caption = main.locator("[data-testid=stCaptionContainer]").filter(has_text="Nå").first
    # Between the event's name and the slot's "Nå": one gap, no empty frame.
    assert caption.evaluate(TOP) - event_line.evaluate(BOTTOM) <= ONE_GAP
    # The menu starts at the top: no gap for the page's script and its sr-only h1.
    menu = page.locator(".st-key-menu")
    assert menu.evaluate(TOP) - main.evaluate("e => e.getBoundingClientRect().top") <= ONE_GAP
    # Menu, rehearsal banner, event name, "Nå": the slot's heading is on the first screen's upper third.
    assert heading.evaluate(TOP) < 290


def test_the_moderator_title_follows_the_banner(live_server, browser):
    context = browser.new_context(viewport=LAPTOP, locale="nb-NO")
    try:
        page = context.new_page()
        sign_in(page, f"{live_server.url}/moderator", "COMPANION_MODERATOR_PIN")
        heading = page.get_by_role("heading", name="Spørsmål til panelet")
        heading.wait_for()
        wait_for_app(page)
        page.wait_for_timeout(1000)
        banner = page.locator("[data-testid=stAlert]").filter(has_text="Øvingsmodus").first
        row = page.locator("[data-testid=stHorizontalBlock]").filter(has=heading).first
        # Between the rehearsal banner and the title's row: one gap, none for scripts and key frames.
        assert row.evaluate(TOP) - banner.evaluate(BOTTOM) <= ONE_GAP
        assert heading.evaluate(TOP) < 180
    finally:
        context.close()


def test_a_metric_label_is_never_cut_off(live_server, browser):
    """The organizer's theme counts: "FNs bærekraftsmål og regional utvikling" wraps, never ends in "…"."""
    context = browser.new_context(viewport=LAPTOP, locale="nb-NO")
    try:
        page = context.new_page()
        sign_in(page, f"{live_server.url}/organizer", "COMPANION_ORGANIZER_PIN")
        page.get_by_role("tab", name="Grupper").click()
        label = page.locator("[data-testid=stMetricLabel]").filter(has_text="FNs bærekraftsmål og regional utvikling")
        label.first.wait_for()
        # No text cut with an ellipsis (Streamlit sets nowrap, overflow: hidden and text-overflow: ellipsis).
        cut = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=stMetricLabel] *')]"
            ".filter(e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)"
            ".map(e => e.textContent)"
        )
        assert cut == []
    finally:
        context.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20:00"], indirect=True)
def test_a_queued_question_shows_more_than_a_word_beside_the_screen(live_server, browser):
    """The queue's narrow column: the details go under the question, not the question under an ellipsis."""
    asks = ("Hvordan kan fylkeskommunene beholde unge fagfolk i distriktene?", "Hva med bredbånd i hele fylket?")
    asked_and_approved(
        live_server, asks, lambda conn, qid, at: questions.star(conn, qid, True, now=at, role="moderator")
    )
    context = browser.new_context(viewport=LAPTOP, locale="nb-NO")
    try:
        page = context.new_page()
        sign_in(page, f"{live_server.url}/moderator", "COMPANION_MODERATOR_PIN")
        queued = page.locator("[class*=st-key-queue_] .mrow-text")
        queued.first.wait_for()
        wait_for_app(page)
        widths = queued.evaluate_all("es => es.map(e => Math.round(e.getBoundingClientRect().width))")
        # About 25 characters at least; a squeezed row showed "Hvordan …" in 80 px.
        assert len(widths) == 2 and min(widths) >= 200, widths
    finally:
        context.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20:00"], indirect=True)
def test_a_frame_shrinks_again_when_its_content_does(live_server, phone):
    """Spørsmål's frame (templates/frame_shared.js): "Besvarte spørsmål" opened grows it, closed shrinks it back."""
    person = asked_and_approved(
        live_server,
        ("Hva med bredbånd i hele fylket?", "Hvordan beholder vi unge fagfolk?"),
        lambda conn, qid, at: questions.moderate(conn, qid, "answer", now=at, role="moderator"),
    )
    page = phone.new_page()
    page.goto(f"{live_server.url}/questions?t={person.token}")
    wait_for_app(page)
    frame_element = page.locator("iframe[srcdoc*='id=\"cfg\"']")
    answered = page.frame_locator("iframe[srcdoc*='id=\"cfg\"']").locator("#answered summary")
    answered.wait_for()
    page.wait_for_timeout(500)
    height = lambda: frame_element.evaluate("e => e.getBoundingClientRect().height")  # noqa: E731
    closed = height()
    answered.click()
    page.wait_for_function(
        "([e, h]) => e.getBoundingClientRect().height > h + 40", arg=[frame_element.element_handle(), closed]
    )
    answered.click()
    page.wait_for_timeout(500)
    assert abs(height() - closed) <= 2, (closed, height())
