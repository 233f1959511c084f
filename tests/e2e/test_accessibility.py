"""WCAG 2.1 AA in a real browser: axe-core finds no A or AA violation on any page, in the states
that matter, iframes included; each page has its own title, one h1 and `<html lang>` of its
language; Spørsmål and the moderator work by keyboard alone; 320 px and 200 % zoom never scroll
sideways. The statement in docs/accessibility.md says what these tests cover."""

import re

import pytest

from companion import db, questions
from companion.clock import make_clock
from companion.event import load_event
from companion.ui.streamlit_compat import FRONTEND_STRINGS

from .axe import report, violations
from .conftest import PINS, ROOT, scanner, screenshot, wait_for_app

pytestmark = pytest.mark.e2e

HALL = "iframe[srcdoc*='id=\"cfg\"']"
PARTICIPANT = ("/", "/group", "/questions", "/ticket", "/personvern")
TITLES = {
    "nb": {"/": "Nå", "/group": "Min gruppe", "/questions": "Spørsmål", "/ticket": "Min billett"},
    "en": {"/": "Now", "/group": "My group", "/questions": "Questions", "/ticket": "My ticket"},
}


def server_now(server):
    event = load_event(ROOT / "data")
    return event, make_clock(event.date, event.tz, server.env.get("COMPANION_NOW")).now()


def asked(server, person, text, *, approve=True, on_screen=False):
    event, now = server_now(server)
    with db.connect(server.db_path) as conn:
        q = questions.ask(conn, programme=event.programme, participant_id=person.id, text=text, now=now).question
        if approve:
            questions.moderate(conn, q.id, "approve", now=now, role="moderator")
        if on_screen:
            questions.show_on_screen(conn, q.id, now=now, role="moderator")
    return q


def open_page(page, url):
    page.goto(url)
    wait_for_app(page)
    page.wait_for_timeout(800)  # iframes draw themselves after the script run


def assert_accessible(page, where: str) -> None:
    found = violations(page)
    assert found == [], f"{where}:\n{report(found)}"
    headings = page.evaluate("() => [...document.querySelectorAll('h1')].map(h => h.textContent)")
    assert len(headings) == 1, (where, headings)
    assert re.fullmatch(r".+ · Verkstedet", page.title()), (where, page.title())
    levels = heading_levels(page)
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), (where, levels)


# The focused element's outline (an element, or the focused one of the frame when given None).
RING = """el => { const s = getComputedStyle(el || document.activeElement);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"""
# Every document (the page and its frames) whose root or main element scrolls sideways.
SIDEWAYS = """() => {
  const out = [];
  const frames = [...document.querySelectorAll('iframe')].map(f => f.contentDocument).filter(Boolean);
  for (const d of [document, ...frames]) {
    for (const el of [d.scrollingElement, d.querySelector('[data-testid=stMain]')].filter(Boolean)) {
      if (el.scrollWidth > el.clientWidth + 1) out.push([el.tagName, el.scrollWidth, el.clientWidth]);
    }
  }
  return out;
}"""


# What a person can read or hear on the page: its text and the names and hints in attributes.
READABLE = """() => [document.body.innerText,
  ...[...document.querySelectorAll('[aria-label],[placeholder],[title]')].flatMap(
    e => ['aria-label', 'placeholder', 'title'].map(a => e.getAttribute(a) || ''))].join('\\n')"""


def english_left(page) -> list[str]:
    """Streamlit's own English words still on a Norwegian page."""
    readable = page.evaluate(READABLE)
    return [words for words in FRONTEND_STRINGS if words in readable]


def heading_levels(page) -> list[int]:
    return page.evaluate("() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])")


@pytest.mark.parametrize("live_server", ["2019-09-25T07:30", "2019-09-25T10:45", "2019-09-25T16:05"], indirect=True)
def test_participant_pages_on_a_phone_in_both_languages(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann", theme=1)
    per = live_server.add_person(name="Per Hansen", theme=2)
    if live_server.env["COMPANION_NOW"].endswith("10:45"):
        asked(live_server, per, "Hvordan kan fylkene beholde unge fagfolk?")
    page = phone.new_page()
    for lang in ("nb", "en"):
        for path in PARTICIPANT:
            open_page(page, f"{live_server.url}{path}?t={kari.token}" + ("&lang=en" if lang == "en" else ""))
            where = f"{path} {lang} {live_server.env['COMPANION_NOW']}"
            assert_accessible(page, where)
            assert page.evaluate("document.documentElement.lang") == lang, where
            if lang == "nb":
                assert english_left(page) == [], where
            if path in TITLES[lang]:
                assert page.title() == f"{TITLES[lang][path]} · Verkstedet", where
            if path in ("/ticket",):
                assert page.get_by_role("img", name=re.compile("QR")).count() == 1, where
    screenshot(page, f"a11y-phone-{live_server.env['COMPANION_NOW'][-5:].replace(':', '')}")


def test_the_language_toggle_changes_html_lang_and_the_title(live_server, phone):
    page = phone.new_page()
    open_page(page, live_server.url + "/")
    assert page.evaluate("document.documentElement.lang") == "nb"
    assert page.title() == "Nå · Verkstedet"
    assert page.locator("[data-testid=stSkipToContent]").text_content() == "Hopp til hovedinnholdet"
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.wait_for_function("() => document.title === 'Now · Verkstedet'")
    assert page.locator("[data-testid=stSkipToContent]").text_content() == "Skip to main content"


@pytest.mark.parametrize("live_server", ["2019-09-25T08:42"], indirect=True)
def test_the_desk_after_a_green_an_orange_and_a_red_result(live_server, browser):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland")
    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nb-NO")
    # No camera on this laptop: the scanner's camera is switched off (its switch is remembered).
    laptop.add_init_script("localStorage.setItem('verksted.desk.prefs', JSON.stringify({camera: false, sound: true}))")
    page = laptop.new_page()
    open_page(page, live_server.url + "/desk")
    assert_accessible(page, "desk sign-in")
    page.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_DESK_PIN"])
    page.get_by_role("button", name="Logg inn").click()
    frame = scanner(page)
    field = frame.locator("#scan")
    for code, colour in ((kari.code, "green"), (kari.code, "orange"), ("ZZZ999", "red")):
        field.fill(code)
        field.press("Enter")
        frame.locator(f"#result.desk-{colour}").wait_for(timeout=20_000)
        page.wait_for_timeout(800)
        assert_accessible(page, f"desk {colour}")
    # Streamlit's words in Norwegian: the skip link, the camera, the walk-in form's county field.
    page.get_by_text("Walk-in: ny deltaker").click()
    page.get_by_label("Navn", exact=True).wait_for()
    assert english_left(page) == []
    # The arrivals chart says in words what it shows.
    page.get_by_text(re.compile(r"1 av \d+ har kommet")).first.wait_for()
    screenshot(page, "a11y-desk-red")
    laptop.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_moderator_by_keyboard_and_the_big_screen_with_and_without_a_question(live_server, browser, projector):
    kari = live_server.add_person(name="Kari Nordmann", theme=1)
    asked(live_server, kari, "Hvordan kan fylkene beholde unge fagfolk?", approve=False)
    asked(live_server, kari, "Hva gjør staten for distriktene?")

    screen = projector.new_page()
    open_page(screen, live_server.url + "/screen")
    assert_accessible(screen, "screen without a question")
    assert screen.get_by_role("img", name=re.compile("QR")).count() == 1

    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nb-NO")
    mod = laptop.new_page()
    open_page(mod, live_server.url + "/moderator")
    mod.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_MODERATOR_PIN"])
    mod.keyboard.press("Enter")
    mod.get_by_text("Hvordan kan fylkene beholde unge fagfolk?").first.wait_for()
    mod.wait_for_timeout(800)
    assert_accessible(mod, "moderator with questions")

    # Keyboard only: Tab to "Godkjenn" and press Enter, then to "Vis på skjerm".
    tab_to(mod, "Godkjenn")
    mod.keyboard.press("Enter")
    mod.get_by_text("Hvordan kan fylkene beholde unge fagfolk?").first.wait_for()
    tab_to(mod, "Vis på skjerm")
    mod.keyboard.press("Enter")
    mod.get_by_role("button", name="Ta av skjermen").wait_for()
    with db.connect(live_server.db_path) as conn:
        assert questions.current_on_screen(conn) is not None

    screen.get_by_text(re.compile("Hvordan kan fylkene|Hva gjør staten")).first.wait_for(timeout=15_000)
    assert_accessible(screen, "screen with a question")
    screenshot(screen, "a11y-screen-question")
    laptop.close()


def tab_to(page, name: str, limit: int = 80) -> None:
    """Press Tab until the focused element's accessible text starts with `name`."""
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("() => (document.activeElement.innerText || document.activeElement.value || '').trim()")
        if text.startswith(name) or name in text.split("\n")[0]:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_every_organizer_tab(live_server, browser):
    live_server.add_person(name="Kari Nordmann")
    laptop = browser.new_context(viewport={"width": 1366, "height": 900}, locale="nb-NO")
    page = laptop.new_page()
    open_page(page, live_server.url + "/organizer")
    page.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_ORGANIZER_PIN"])
    page.get_by_role("button", name="Logg inn").click()
    tabs = page.get_by_role("tab")
    tabs.first.wait_for()
    names = tabs.all_inner_texts()
    assert len(names) >= 6
    for name in names:
        page.get_by_role("tab", name=name).click()
        page.wait_for_timeout(800)
        assert_accessible(page, f"organizer {name}")
    laptop.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_ask_and_vote_by_keyboard_and_focus_stays_on_the_card(live_server, phone):
    kari = live_server.add_person(name="Kari Nordmann", theme=1)
    per = live_server.add_person(name="Per Hansen", theme=2)
    first = asked(live_server, per, "Hvordan kan fylkene beholde unge fagfolk?")
    page = phone.new_page()
    open_page(page, f"{live_server.url}/questions?t={kari.token}")
    hall = page.frame_locator(HALL)
    hall.locator("#list").wait_for(state="attached")
    frame = next(f for f in page.frames[1:] if f.evaluate("() => !!document.getElementById('cfg')"))

    # The textarea's focus ring: at least 2 px, and 3:1 against the page.
    tab_into_frame(page, "TEXTAREA")
    ring = frame.evaluate(RING, None)
    assert ring[0] != "none" and float(ring[1].rstrip("px")) >= 2, ring
    assert contrast(ring[2], "rgb(255, 255, 255)") >= 3, ring
    page.keyboard.type("Hva med bredbånd i distriktene?")
    for _ in range(12):  # Tab on to the send button, and press it
        page.keyboard.press("Tab")
        if frame.evaluate("() => document.activeElement.id") == "send":
            break
    page.keyboard.press("Enter")
    hall.locator("#flash").wait_for()

    # The vote button says which question; Tab to it and vote with the space bar.
    button = hall.get_by_role("button", name="Stem på: Hvordan kan fylkene beholde unge fagfolk?")
    button.wait_for()
    for _ in range(20):  # on from the send button, by Tab alone
        page.keyboard.press("Tab")
        name = frame.evaluate("() => document.activeElement.getAttribute('aria-label') || ''")
        if name.startswith("Stem på: Hvordan"):
            break
    page.keyboard.press("Space")
    hall.get_by_role("button", name=re.compile("^Stemt på: Hvordan kan fylkene")).wait_for()
    assert_focus_on_card(frame, first.id)

    # Another vote moves the list: the next refresh redraws it, focus stays on the same card.
    other = live_server.add_person(name="Ola Nordmann")
    _, now = server_now(live_server)
    with db.connect(live_server.db_path) as conn:
        questions.set_vote(conn, question_id=first.id, participant_id=other.id, vote=True, now=now)
    hall.locator(f".card[data-qid='{first.id}'] .qvotes", has_text="2").wait_for(timeout=15_000)
    assert_focus_on_card(frame, first.id)
    page.wait_for_timeout(5_500)  # one more poll with nothing new
    assert_focus_on_card(frame, first.id)


def tab_into_frame(page, tag: str, limit: int = 40) -> None:
    page.locator("body").focus()
    for _ in range(limit):
        page.keyboard.press("Tab")
        for frame in page.frames[1:]:
            try:
                if frame.evaluate("() => document.hasFocus() && document.activeElement.tagName") == tag:
                    return
            except Exception:
                continue
    raise AssertionError(f"Tab never reached a {tag} in a frame")


def assert_focus_on_card(frame, qid: int) -> None:
    where = frame.evaluate(
        "() => { const a = document.activeElement; const c = a.closest('.card');"
        " return [a.tagName, c ? +c.dataset.qid : null]; }"
    )
    assert where == ["BUTTON", qid], where


def contrast(a: str, b: str) -> float:
    def luminance(rgb: str) -> float:
        channels = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_menu_links_show_where_the_keyboard_is(live_server, phone):
    page = phone.new_page()
    open_page(page, live_server.url + "/")
    link = page.locator("[data-testid=stPageLink] a").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # :focus-visible comes from the keyboard
    ring = link.evaluate(
        "a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert ring[0] != "none" and float(ring[1].rstrip("px")) >= 2, ring
    assert contrast(ring[2], "rgb(255, 255, 255)") >= 3, ring
    # The clock's frame has nothing to focus: it is no Tab stop, and every frame has a name.
    frames = page.evaluate("() => [...document.querySelectorAll('iframe')].map(f => [f.title, f.tabIndex])")
    assert frames and all(title and title != "st.iframe" for title, _ in frames), frames
    assert any(title == "Klokke og nedtelling" for title, _ in frames), frames
    assert all(tab == -1 for title, tab in frames if title == "Klokke og nedtelling"), frames
    # A text field's border stands out from the page (1.4.11: 3:1).
    open_page(page, live_server.url + "/desk")
    border = page.locator("[data-testid=stTextInputRootElement]").first.evaluate(
        "e => getComputedStyle(e).borderTopColor"
    )
    assert contrast(border, "rgb(255, 255, 255)") >= 3, border


@pytest.mark.parametrize(
    "size", [{"width": 320, "height": 640}, {"width": 640, "height": 400}], ids=["320px", "zoom200"]
)
def test_no_sideways_scrolling_at_320_px_or_200_percent(live_server, browser, size):
    """640 x 400 CSS px is a 1280 x 800 screen at 200 % zoom (WCAG 1.4.10 reflow)."""
    kari = live_server.add_person(name="Kari Nordmann", theme=1)
    context = browser.new_context(viewport=size, locale="nb-NO")
    page = context.new_page()
    for path in (*PARTICIPANT, "/screen", "/desk"):
        open_page(page, f"{live_server.url}{path}?t={kari.token}")
        wide = page.evaluate(SIDEWAYS)
        assert wide == [], (path, size, wide)
    screenshot(page, f"a11y-desk-{size['width']}")
    context.close()
