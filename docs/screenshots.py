"""Take the README's screenshots: one per role, from the demo event, in a real Chromium.

Run by hand from the repository root after a change that shows on screen (it needs the test
tools that `make test` installs, and Chromium as the browser tests do):

    .venv/bin/python docs/screenshots.py

It loads the demo event into a database of its own (`python -m companion init --demo`, then
`assign-groups`), checks some people in, asks a few panel questions, starts `streamlit run app.py`
on a free loopback port with the clock at 15:20 (the panel) and writes docs/img/*.png, each the
size of its viewport.
"""

import os
import subprocess
import sys
import tempfile
import urllib.request
from datetime import datetime, time, timedelta
from pathlib import Path
from time import sleep

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from companion import checkin, db, questions  # noqa: E402
from companion.event import load_event  # noqa: E402
from tests.e2e.conftest import CHROMIUM_FLAGS, PINS, chromium_path, free_port, scanner, wait_for_app  # noqa: E402

OUT = ROOT / "docs" / "img"
NOW = "2019-09-25T15:20"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
PROJECTOR = {"width": 1920, "height": 1080}
QUESTIONS = [  # (text, theme, show_name, votes, on screen)
    ("Hvordan kan fylkeskommunene beholde unge fagfolk i distriktene?", 2, True, 14, True),
    ("Hva kan staten gjøre for at samfunnsutviklerrollen får nok ressurser?", 1, False, 9, False),
    ("Hvordan måler vi om regional planlegging faktisk gir bærekraftig utvikling?", 1, True, 6, False),
    ("Kan fylkene dele erfaringer med kompetansemegling på tvers?", 2, False, 3, False),
    ("Hvordan kan fylkeskommunene beholde unge fagfolk i distrikt?", 2, False, 1, False),
]


def prepare(env: dict, path: Path) -> str:
    """The demo event, groups, 40 arrivals between 08:30 and 09:05, and the panel's questions.
    Returns the personal token of the participant whose phone is shown."""
    for args in (["init", "--demo"], ["assign-groups"]):
        subprocess.run([sys.executable, "-m", "companion", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    event = load_event(ROOT / "data")
    day = datetime.combine(event.date, time(8, 30), event.tz)
    panel = datetime.combine(event.date, time(15, 20), event.tz)
    with db.connect(path) as conn:
        people = conn.execute("SELECT id, code, token FROM participants ORDER BY id").fetchall()
        for i, (_, code, _) in enumerate(people[1:41]):
            checkin.check_in(conn, code, now=day + timedelta(seconds=50 * i), desk="Desk 1")
        for i, (text, theme, show, votes, on_screen) in enumerate(QUESTIONS):
            asker = people[10 + i][0]
            q = questions.ask(
                conn, programme=event.programme, participant_id=asker, text=text, theme=theme, show_name=show, now=panel
            ).question
            if i < 4:
                questions.moderate(conn, q.id, "approve", now=panel, role="moderator")
                for voter, _, _ in people[20 : 20 + votes]:
                    questions.set_vote(conn, question_id=q.id, participant_id=voter, vote=True, now=panel)
            if i < 2:
                questions.star(conn, q.id, True, now=panel, role="moderator")
            if on_screen:
                questions.show_on_screen(conn, q.id, now=panel, role="moderator")
    return people[0][2]


def start_server(env: dict, port: int, log: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(log.read_text()[-2000:]) from None
            sleep(0.2)
    raise RuntimeError("no answer from the server")


def sign_in(page, url: str, pin: str) -> None:
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("PIN-kode for ansatte").fill(pin)
    page.get_by_role("button", name="Logg inn").click()
    wait_for_app(page)


def to_top(locator) -> None:
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")


def shoot(page, name: str) -> None:
    page.wait_for_timeout(1500)
    path = OUT / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            **PINS,
            "PYTHONPATH": str(ROOT / "src"),
            "COMPANION_DB": str(path),
            "COMPANION_NOW": NOW,
            "COMPANION_BASE_URL": url,
            "COMPANION_BACKUP_MINUTES": "0",
        }
        token = prepare(env, path)
        server = start_server(env, port, Path(tmp) / "server.log")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
                phone = browser.new_context(viewport=PHONE, device_scale_factor=1.5, is_mobile=True, has_touch=True)
                page = phone.new_page()
                page.goto(f"{url}/?t={token}")
                wait_for_app(page)
                shoot(page, "participant-now")
                page.goto(f"{url}/questions?t={token}")
                wait_for_app(page)
                card = page.frame_locator("iframe[srcdoc*='id=\"cfg\"']").locator("#list .card").first
                card.wait_for()
                to_top(page.locator("iframe").first)
                to_top(card)
                page.evaluate("document.querySelector('[data-testid=stMain]').scrollBy(0, -130)")
                shoot(page, "participant-questions")

                laptop = browser.new_context(viewport=LAPTOP, locale="nb-NO")
                page = laptop.new_page()
                sign_in(page, f"{url}/desk", PINS["COMPANION_DESK_PIN"])
                with db.connect(path) as conn:
                    code = conn.execute("SELECT code FROM participants ORDER BY id DESC LIMIT 1").fetchone()[0]
                # The live scanner's own frame: no camera here, so its box says so.
                field = scanner(page).locator("#scan")
                field.fill(code)
                field.press("Enter")
                scanner(page).locator("#result.desk-green").wait_for(timeout=20_000)
                shoot(page, "desk")

                page = laptop.new_page()
                sign_in(page, f"{url}/moderator", PINS["COMPANION_MODERATOR_PIN"])
                page.get_by_text("beholde unge fagfolk", exact=False).first.wait_for()
                # From the title down: the page starts right below the banner, so the lists fit too.
                shoot(page, "moderator")

                page = laptop.new_page()
                sign_in(page, f"{url}/organizer", PINS["COMPANION_ORGANIZER_PIN"])
                page.get_by_role("tab", name="Grupper").click()
                wait_for_app(page)
                shoot(page, "organizer")

                page = browser.new_context(viewport=PROJECTOR, locale="nb-NO").new_page()
                page.goto(f"{url}/screen")
                wait_for_app(page)
                page.locator(".scr-q").wait_for()
                shoot(page, "screen")
                browser.close()
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
