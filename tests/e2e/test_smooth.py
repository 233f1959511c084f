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


def _moderator(browser, server, size=(1366, 768)):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="nb-NO")
    page = context.new_page()
    page.goto(server.url + "/moderator")
    wait_for_app(page)
    page.get_by_label("PIN-kode for ansatte").fill("135724")
    page.get_by_role("button", name="Logg inn").click()
    page.locator('[class*="st-key-mrow_l_"]').first.wait_for()
    page.wait_for_timeout(500)
    return context, page


def _status(server, qid):
    with db.connect(server.db_path) as conn:
        return questions.get(conn, qid)


@pytest.mark.parametrize("live_server", [PANEL], indirect=True)
def test_the_moderator_sees_the_first_question_without_scrolling_and_uses_keys(live_server, browser):
    asked = [_ask(live_server, f"Spørsmål nummer {i} om regional utvikling?", approve=i % 2 == 0) for i in range(7)]
    context, page = _moderator(browser, live_server)
    try:
        rows = page.locator('[class*="st-key-mrow_l_"]')
        assert rows.count() == 7
        first = rows.first.bounding_box()
        assert first["y"] + first["height"] <= 768, first
        # One line per question: every row about as tall as a button.
        assert all(rows.nth(i).bounding_box()["height"] < 70 for i in range(7))
        screenshot(page, "moderator-1366x768")
        page.screenshot(path=str(ARTIFACTS / "moderator-1366x768-window.png"))

        # The keys act on the chosen row: ↓ chooses the first, A approves it.
        pending = [q for q in asked if _status(live_server, q.id).status == "pending"]
        order = [int(c.split("mrow_l_")[1].split()[0]) for c in rows.evaluate_all("rs => rs.map(r => r.className)")]
        target = next(qid for qid in order if qid in {q.id for q in pending})
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for _ in range(order.index(target) + 1):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("a")
        page.wait_for_function(
            f"() => !!document.querySelector('.st-key-mrow_l_{target} .st-key-star_{target}_l_0')", timeout=15_000
        )
        assert _status(live_server, target).status == "published"
        page.keyboard.press("s")
        page.wait_for_function(f"() => !!document.querySelector('.st-key-star_{target}_l_1')", timeout=15_000)
        assert _status(live_server, target).starred
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Ta av skjermen").wait_for(timeout=15_000)
        with db.connect(live_server.db_path) as conn:
            assert questions.current_on_screen(conn).id == target

        # Typing in a field never triggers a key.
        other = next(q for q in pending if q.id != target)
        page.keyboard.press("ArrowDown")
        page.get_by_role("button", name="Filter og sortering").click()
        page.get_by_label("Søk i teksten").press_sequentially("ahs")
        page.wait_for_timeout(800)
        assert _status(live_server, other.id).status == "pending"
        assert all(_status(live_server, q.id).status != "hidden" for q in asked)
    finally:
        context.close()


@pytest.mark.parametrize("live_server", [PANEL], indirect=True)
def test_approve_all_visible_approves_only_what_the_filter_shows(live_server, browser):
    about_skills = [_ask(live_server, f"Kompetanse i distriktene, del {i}?", approve=False) for i in range(3)]
    other = _ask(live_server, "Hva med bærekraftsmålene?", approve=False)
    context, page = _moderator(browser, live_server)
    try:
        page.get_by_role("button", name="Filter og sortering").click()
        page.get_by_label("Søk i teksten").fill("Kompetanse")
        page.get_by_label("Søk i teksten").press("Enter")
        page.keyboard.press("Escape")
        page.get_by_role("button", name="Godkjenn alle synlige (3)").click()
        page.wait_for_function("() => !document.querySelector('[class*=st-key-approve_all_]')", timeout=15_000)
        assert [_status(live_server, q.id).status for q in about_skills] == ["published"] * 3
        assert _status(live_server, other.id).status == "pending"
    finally:
        context.close()


PARTICIPANT_PATHS = ("/", "/group", "/questions", "/ticket", "/personvern")


@pytest.mark.parametrize("live_server", ["2019-09-25T10:45:00"], indirect=True)
def test_a_broken_personal_link_warns_on_every_page_and_the_phone_menu_is_one_row(live_server, phone):
    page = phone.new_page()
    for path in PARTICIPANT_PATHS:
        page.goto(f"{live_server.url}{path}?t=wrong")
        wait_for_app(page)
        page.get_by_text("Denne personlige lenken virker ikke").wait_for()
        # One row of menu links at 390 px, the language button included: all at one height, nothing cut off.
        page.locator(".st-key-menu a").first.wait_for()
        items = page.locator('.st-key-menu [data-testid="stPageLink-NavLink"], .st-key-lang_switch button')
        tops = items.evaluate_all(
            "items => items.map(e => e.getBoundingClientRect())"
            ".filter(r => r.height > 0).map(r => r.top + r.height / 2)"
        )
        assert len(tops) == 6 and max(tops) - min(tops) < 8, (path, tops)  # a second row is 44 px lower
        widths = page.evaluate(
            "() => { const m = document.querySelector('.st-key-menu'); return [m.scrollWidth, m.clientWidth] }"
        )
        assert widths[0] <= widths[1], widths  # nothing hidden off to the side
    screenshot(page, "smooth-broken-link-390")


@pytest.mark.parametrize("live_server", ["2019-09-25T10:45:00"], indirect=True)
def test_screenshots_of_now_with_a_personal_link(live_server, browser):
    """Not a check of its own: the pictures looked at for the walk-through (tests/artifacts/)."""
    from companion import groups

    people = [live_server.add_person(name=f"Deltaker {i}", theme=1 + i % 2) for i in range(12)]
    with db.connect(live_server.db_path) as conn:
        groups.assign_groups(conn, EVENT, now=_now(live_server), role="organizer")
    for width, height in ((390, 844), (1366, 768), (1920, 1080)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO")
        page = context.new_page()
        page.goto(f"{live_server.url}/?t={people[0].token}")
        wait_for_app(page)
        page.get_by_text("Din gruppe:").wait_for()
        count = page.frame_locator("iframe[title='Klokke og nedtelling']").locator("#count")
        count.wait_for()
        assert count.inner_text().startswith("Neste: Lunsj kl. 12:30 · om 1 t 4")
        page.screenshot(path=str(ARTIFACTS / f"smooth-now-{width}x{height}.png"))
        context.close()
