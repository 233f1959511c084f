"""The desk's live scanner in a real browser: ten badges from a live fake camera without a click; ten
codes typed during a network drop, all checked in afterwards; the whole desk by keyboard."""

import re
import time

import pytest

from companion import db
from companion.people import personal_url
from tests.photos import photo_of, y4m_sequence

from .conftest import ARTIFACTS, CHROMIUM_FLAGS, PINS, chromium_path, scanner, screenshot, wait_for_app
from .conftest import sign_in as staff_sign_in
from .cutting_proxy import CuttingProxy

pytestmark = pytest.mark.e2e
LAPTOP = {"width": 1366, "height": 768}
DESK_PIN = PINS["COMPANION_DESK_PIN"]


def screenshots(page, name: str) -> None:
    """The whole page, and what a 1366x768 laptop shows without scrolling."""
    screenshot(page, name)
    page.screenshot(path=str(ARTIFACTS / f"{name}-1366x768.png"))


def sign_in(page, url: str) -> None:
    staff_sign_in(page, url, "COMPANION_DESK_PIN")


def active_checkins(server) -> set[int]:
    with db.connect(server.db_path) as conn:
        return {row[0] for row in conn.execute("SELECT participant_id FROM checkins WHERE undone_at IS NULL")}


@pytest.mark.parametrize("live_server", ["2019-09-25T08:40:00"], indirect=True)
def test_ten_badges_in_a_row_from_a_live_camera_are_ten_greens_without_a_click(live_server, browser, tmp_path):
    people = [live_server.add_person(name=f"Deltaker {i:02d}", county="Nordland") for i in range(10)]
    photos = [
        photo_of(personal_url(live_server.url, p.token), size=(640, 480), qr_fraction=0.55, angle=3, seed=i)
        for i, p in enumerate(people)
    ]
    clip = y4m_sequence(photos, tmp_path / "badges.y4m")
    flags = [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    ]
    chromium = browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS + flags, headless=True)
    try:
        context = chromium.new_context(viewport=LAPTOP, locale="nb-NO")
        context.grant_permissions(["camera"])
        page = context.new_page()
        sign_in(page, live_server.url + "/desk")
        frame = scanner(page)
        # No click from here on: the camera reads each badge as it comes into view.
        frame.wait_for_function(
            "(n) => window.deskScanner.log().filter(r => r.colour === 'green').length >= n", arg=10, timeout=60_000
        )
        greens = frame.evaluate("() => window.deskScanner.log().filter(r => r.colour === 'green').map(r => r.name)")
        assert sorted(greens) == sorted(p.name for p in people)
        assert active_checkins(live_server) == {p.id for p in people}
        # "Siste skanninger" shows when the server recorded each: the event's clock (08:40 in
        # practice mode here), not the laptop's.
        first_row = frame.locator("#log li.green").first.inner_text()
        assert re.match(r"08:4\d:\d\d · Sjekket inn · Deltaker", first_row), first_row
        screenshot(page, "desk-scanner-ten-greens")
        # The clip loops: the first badge comes round again and is orange, read once while in view.
        frame.wait_for_function("() => window.deskScanner.log().some(r => r.colour === 'orange')", timeout=30_000)
        orange = frame.evaluate("() => window.deskScanner.log().find(r => r.colour === 'orange')")
        assert orange["headline"].startswith("Allerede sjekket inn")
        with db.connect(live_server.db_path) as conn:
            reads = dict(conn.execute("SELECT participant_id, count(*) FROM scans GROUP BY participant_id").fetchall())
        # Each badge was in view for 1.2 s (a dozen frames read) and is read at most twice: once per pass of the clip.
        assert all(reads[p.id] <= 2 for p in people), reads
    finally:
        chromium.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T08:40:00"], indirect=True)
def test_ten_codes_typed_during_a_drop_and_a_restart_are_all_checked_in_afterwards(live_server, browser):
    people = [live_server.add_person(name=f"Person {chr(65 + i)}", county="Troms") for i in range(11)]
    proxy = CuttingProxy(live_server.port)
    context = browser.new_context(viewport=LAPTOP, locale="nb-NO")
    try:
        page = context.new_page()
        sign_in(page, proxy.url + "/desk")
        frame = scanner(page)
        # One scan while online: the desk knows the list of codes and shows a green.
        frame.locator("#scan").wait_for()
        frame.wait_for_function("() => document.activeElement && document.activeElement.id === 'scan'")
        page.keyboard.type(people[0].code + "\n")
        frame.locator("#result.desk-green", has_text=people[0].name).wait_for(timeout=10_000)
        assert frame.locator("#net").get_attribute("data-state") == "online"
        screenshots(page, "desk-scanner-before-drop")

        proxy.cut()
        started = time.monotonic()
        for i, person in enumerate(people[1:], start=1):
            page.keyboard.type(person.code + "\n")
            # At once: this person's name from the downloaded list, not confirmed, never an earlier person's banner.
            result = frame.locator("#result")
            result.locator(".desk-name", has_text=person.name).wait_for(timeout=5_000)
            assert "desk-pending" in result.get_attribute("class")
            assert "ikke bekreftet ennå" in result.inner_text()
            assert all(p.name not in result.inner_text() for p in people[:i])
            page.wait_for_timeout(300)
        frame.wait_for_function("() => document.getElementById('net').dataset.state === 'offline'")
        assert frame.locator("#net").inner_text() == "Frakoblet: 10 skanninger venter"
        assert active_checkins(live_server) == {people[0].id}
        screenshots(page, "desk-scanner-during-drop")
        page.wait_for_timeout(max(0, int((20 - (time.monotonic() - started)) * 1000)))

        proxy.restore()
        frame.wait_for_function("() => window.deskScanner.queue().length === 0", timeout=30_000)
        assert active_checkins(live_server) == {p.id for p in people}
        log = frame.evaluate("() => window.deskScanner.log()")
        assert sorted(r["name"] for r in log if r["colour"] == "green") == sorted(p.name for p in people)
        # The banner shows the last scan's real result; the list shows each result.
        frame.locator("#result.desk-green", has_text=people[-1].name).wait_for(timeout=5_000)
        assert frame.locator("#log li.green").count() == 11
        assert frame.locator("#net").get_attribute("data-state") == "online"
        screenshots(page, "desk-scanner-after-drop")
        with db.connect(live_server.db_path) as conn:
            assert conn.execute("SELECT count(*) FROM scans WHERE method = 'typed'").fetchone()[0] == 11

        # The server is killed mid-queue: scans wait, go through after the restart, and the desk
        # stays signed in (its device cookie), with no PIN asked after a reload either.
        later = [live_server.add_person(name=f"Etter {i}", county="Troms") for i in range(2)]
        live_server.proc.kill()
        live_server.proc.wait(10)
        for person in later:
            page.keyboard.type(person.code + "\n")
            page.wait_for_timeout(300)
        frame.wait_for_function("() => window.deskScanner.queue().length === 2")
        live_server.start()
        frame.wait_for_function("() => window.deskScanner.queue().length === 0", timeout=30_000)
        assert active_checkins(live_server) == {p.id for p in people + later}
        page.reload()
        frame = scanner(page)
        assert page.get_by_label("PIN-kode for ansatte").count() == 0
    finally:
        context.close()
        proxy.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T08:40:00"], indirect=True)
def test_the_desk_by_keyboard_alone(live_server, browser):
    kari = live_server.add_person(name="Kari Nordmann", county="Nordland")
    live_server.add_person(name="Per Hansen", county="Troms")
    context = browser.new_context(viewport=LAPTOP, locale="nb-NO")
    try:
        page = context.new_page()
        page.goto(live_server.url + "/desk")
        wait_for_app(page)
        page.get_by_label("PIN-kode for ansatte").focus()
        page.keyboard.type(DESK_PIN)
        page.keyboard.press("Enter")
        frame = scanner(page)
        frame.wait_for_function("() => document.activeElement && document.activeElement.id === 'scan'")
        width = page.evaluate("() => document.querySelector('[data-testid=stMainBlockContainer]').offsetWidth")

        # Check in by code, then Tab to Undo and use it.
        frame.evaluate("() => { window.firstRegion = document.getElementById('result'); }")
        page.keyboard.type(kari.code + "\n")
        frame.locator("#result.desk-green", has_text="Kari Nordmann").wait_for(timeout=10_000)
        # One live region for results, polite, whose text changed: not a new element per scan (the
        # other one is the camera box's note).
        assert frame.evaluate(
            "() => [...document.querySelectorAll('[role=status], [aria-live]')].map(e => e.id).join()"
            " === 'camera-note,result'"
            " && document.getElementById('result') === window.firstRegion"
            " && window.firstRegion.getAttribute('aria-live') === 'polite'"
        )
        for _ in range(6):
            page.keyboard.press("Tab")
            if frame.evaluate("() => document.activeElement.id") == "undo":
                break
        assert frame.evaluate("() => document.activeElement.id") == "undo"
        page.keyboard.press("Enter")
        frame.locator("#result.desk-undone", has_text="Kari Nordmann").wait_for(timeout=10_000)
        assert active_checkins(live_server) == set()

        # No trap: a button the clerk moved to keeps focus.
        frame.locator("#camera-toggle").focus()
        page.wait_for_timeout(1500)
        assert frame.evaluate("() => document.activeElement.id") == "camera-toggle"

        # Out of the scanner to the name search, by Tab only.
        for _ in range(6):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Søk på navn":
                break
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Søk på navn"
        page.keyboard.type("Kari")
        page.keyboard.press("Enter")
        check_in = page.get_by_role("button", name="Sjekk inn").first
        check_in.wait_for(timeout=10_000)
        page.wait_for_timeout(1000)
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Søk på navn"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.innerText.trim()") == "Sjekk inn"
        page.keyboard.press("Enter")
        page.locator(".desk-green", has_text="Kari Nordmann").wait_for(timeout=10_000)
        assert active_checkins(live_server) == {kari.id}

        # A walk-in, then on to the desk-name field: every control is reachable and keeps focus.
        reached = set()
        for _ in range(80):
            page.keyboard.press("Tab")
            page.wait_for_timeout(120)
            label = page.evaluate(
                "() => { const a = document.activeElement;"
                " const lines = (a.getAttribute('aria-label') || a.innerText || '').split('\\n');"
                " return (lines.find(l => l.trim() && !l.startsWith('keyboard_arrow')) || '').trim(); }"
            )
            reached.add(label)
            if label == "Walk-in: ny deltaker":
                page.keyboard.press("Enter")
                page.get_by_label("Navn", exact=True).wait_for()
            elif label == "Navn":
                page.keyboard.type("Ny Person")
            elif label == "Registrer og sjekk inn":
                page.keyboard.press("Enter")
                page.locator(".desk-green", has_text="Ny Person").wait_for(timeout=10_000)
            elif label == "Skranke":
                break
        assert {"Walk-in: ny deltaker", "Navn", "Registrer og sjekk inn", "Skranke"} <= reached, reached
        page.wait_for_timeout(1500)
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Skranke"
        assert len(active_checkins(live_server)) == 2
        # One steady wide layout through scans, undo, search and a walk-in.
        assert page.evaluate("() => document.querySelector('[data-testid=stMainBlockContainer]').offsetWidth") == width
        assert width > 1100
    finally:
        context.close()


@pytest.mark.parametrize("live_server", ["2019-09-25T08:40:00"], indirect=True)
@pytest.mark.parametrize(
    ("flags", "says"),
    [
        ([], "Ingen kamera funnet – bruk skanneren eller søk på navn"),
        (["--use-fake-device-for-media-stream"], "Kameraet er ikke tillatt i denne nettleseren"),
    ],
    ids=["no-camera", "not-allowed"],
)
def test_the_camera_box_says_why_it_shows_no_picture(live_server, browser, flags, says):
    """A desk without a camera, or a browser that refuses it: words in the box, and the scanner field keeps focus."""
    chromium = browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS + flags, headless=True)
    try:
        page = chromium.new_context(viewport=LAPTOP, locale="nb-NO").new_page()  # no camera permission granted
        sign_in(page, live_server.url + "/desk")
        frame = scanner(page)
        note = frame.locator(".camera #camera-note")
        note.filter(has_text=says).wait_for(timeout=10_000)
        assert note.get_attribute("aria-live") == "polite"
        # In the camera box, and inside the frame (not cut off below it).
        box, video = note.bounding_box(), frame.locator("#video").bounding_box()
        frame_box = page.locator("iframe[title='Skanner: kamera, kodefelt og resultat']").bounding_box()
        text = frame.evaluate(
            "() => { const r = document.createRange(); r.selectNodeContents(document.getElementById('camera-note'));"
            " const b = r.getBoundingClientRect(); return {top: b.top, bottom: b.bottom}; }"
        )
        assert video["y"] <= box["y"] and box["y"] + box["height"] <= video["y"] + video["height"] + 1
        assert 0 <= text["top"] and text["bottom"] <= min(video["height"], frame_box["height"])
        page.wait_for_timeout(600)
        assert frame.evaluate("() => document.activeElement.id") == "scan"
        # Switched off by hand: the box says so too, in the page's language.
        frame.locator("#camera-toggle").click()
        note.filter(has_text="Kameraet er slått av").wait_for(timeout=5_000)
    finally:
        chromium.close()
