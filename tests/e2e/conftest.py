"""A live app server on a free loopback port, and Chromium driven by Playwright.

Debian's /usr/bin/chromium is used when it exists (Playwright cannot download its own browser
here), else Playwright's own Chromium. No browser at all is a failure with a clear message,
never a silent skip.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from companion import db, people
from companion.clock import make_clock

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
PINS = {"COMPANION_DESK_PIN": "246813", "COMPANION_MODERATOR_PIN": "135724", "COMPANION_ORGANIZER_PIN": "975310"}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
PROJECTOR = {"width": 1920, "height": 1080}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc: subprocess.Popen | None) -> None:
    """Ask a child process to end, and kill it if it has not within 10 s."""
    if proc and proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


class LiveServer:
    """`streamlit run app.py` in a subprocess with its own database and clock."""

    def __init__(self, tmp: Path, now: str | None, extra_env: dict | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db_path = tmp / "live.db"
        self.env = {
            **os.environ,
            **PINS,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
            "COMPANION_DB": str(self.db_path),
            "COMPANION_BASE_URL": self.url,
            **({"COMPANION_NOW": now} if now else {}),
            **(extra_env or {}),
        }
        self.log = tmp / "server.log"
        with db.connect(self.db_path) as conn:
            db.migrate(conn)
        self.proc = None

    def start(self) -> "LiveServer":
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not answer /_stcore/health within 60 s")

    def stop(self) -> None:
        stop_process(self.proc)

    def add_person(self, name="Test Person", county="Nordland", role="caseworker", theme=1, email=None):
        from companion.event import load_event

        event = load_event(ROOT / "data")
        now = make_clock(event.date, event.tz, self.env.get("COMPANION_NOW")).now()
        with db.connect(self.db_path) as conn, db.write_tx(conn):
            return people.add_participant(conn, name=name, county=county, role=role, theme=theme, email=email, now=now)


@pytest.fixture
def live_server(tmp_path, request):
    """Use with @pytest.mark.parametrize("live_server", ["2019-09-25T10:45"], indirect=True) to set the clock."""
    now = getattr(request, "param", "2019-09-25T10:45")
    server = LiveServer(tmp_path, now).start()
    yield server
    server.stop()


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as p:
        executable = chromium_path()
        try:
            chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        except Error as exc:
            pytest.fail(
                "No Chromium for the browser tests: install Debian's `chromium` (apt-get install chromium) "
                f"or Playwright's (`playwright install chromium`). Launch said: {exc}",
                pytrace=False,
            )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nb-NO")
    yield context
    context.close()


@pytest.fixture
def projector(browser):
    context = browser.new_context(viewport=PROJECTOR, locale="nb-NO")
    yield context
    context.close()


def screenshot(page, name: str) -> Path:
    """The whole page: Streamlit scrolls inside its main element, so grow the viewport to fit it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], [data-testid=stAppViewContainer]')]"
        ".map(e => e.scrollHeight), window.innerHeight)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 6000)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def wait_for_app(page, timeout=30_000) -> None:
    """Streamlit is ready when the script has run and nothing is left 'running'."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
        timeout=timeout,
    )


def sign_in(page, url: str, pin_setting: str) -> None:
    """Open a staff page and sign in with the PIN of that role (PINS' setting name)."""
    page.goto(url)
    wait_for_app(page)
    page.get_by_label("PIN-kode for ansatte").fill(PINS[pin_setting])
    page.get_by_role("button", name="Logg inn").click()


def scanner(page, timeout=30.0):
    """The scanner frame (desk_scanner.html), once its script runs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate("() => !!window.deskScanner"):
                    return frame
            except Exception:  # a frame still loading or gone
                pass
        page.wait_for_timeout(200)
    raise AssertionError("the scanner frame did not start")
