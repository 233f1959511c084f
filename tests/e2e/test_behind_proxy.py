"""The whole day through a real Caddy (deploy/Caddyfile) or nginx (deploy/nginx-verksted.conf) over
HTTPS: at the root of a host name, and under a path prefix. A personal link opens Nå with no false
warning, a delay reaches an open phone through the clock's poll, a question is asked and voted on,
the desk checks someone in with the camera; Streamlit's files come from disk, gzip and immutable.
And X-Forwarded-For: believed from the proxy, so the PIN log has the browser's address."""

import http.client
import re
import socket
import ssl
import time as time_module
from datetime import datetime, time

import pytest

from companion import db, questions, schedule
from companion.event import load_event
from companion.people import personal_url
from tests.photos import photo_of, y4m_of

from .conftest import CHROMIUM_FLAGS, PINS, ROOT, LiveServer, chromium_path, scanner, screenshot, wait_for_app
from .proxies import HOST, Caddy, Nginx, browser_flags, precompressed_static

pytestmark = pytest.mark.e2e
NOW = "2019-09-25T15:20"
FALSE_WARNING = "Fant ikke den siden"
HALL = "iframe[srcdoc*='id=\"cfg\"']"


@pytest.fixture(scope="module")
def static_files(tmp_path_factory):
    return precompressed_static(tmp_path_factory.mktemp("static"))


@pytest.fixture
def behind_proxy(tmp_path, static_files, request):
    """(server, proxy): the app under the prefix ("" or "/verksted") behind Caddy or nginx,
    `request.param` = (kind, prefix); a bare prefix means Caddy."""
    param = getattr(request, "param", "")
    kind, prefix = param if isinstance(param, tuple) else ("caddy", param)
    server = LiveServer(
        tmp_path,
        NOW,
        {"COMPANION_TRUSTED_PROXIES": "127.0.0.1", "STREAMLIT_SERVER_BASE_URL_PATH": prefix.strip("/")},
    )
    make = Caddy if kind == "caddy" else Nginx
    proxy = make(tmp_path, [server.port], static_files, prefix)
    server.env["COMPANION_BASE_URL"] = proxy.url
    server.url += prefix  # Streamlit's health check is under the prefix too
    server.start()
    try:
        proxy.start()
        yield server, proxy
    finally:
        proxy.stop()
        server.stop()


@pytest.fixture
def chromium(browser, tmp_path):
    """A Chromium that resolves verksted.test to loopback and whose camera films `camera.y4m`."""
    launched = []

    def make(jpeg: bytes, address: str = "127.0.0.1"):
        clip = y4m_of(jpeg, tmp_path / "camera.y4m", width=640, height=480, frames=10)
        flags = browser_flags(address) + [
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={clip}",
        ]
        launched.append(
            browser.browser_type.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS + flags, headless=True)
        )
        return launched[-1]

    yield make
    for one in launched:
        one.close()


def fetch(caddy: Caddy | Nginx, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """One HTTPS request to the proxy as verksted.test, on loopback."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    conn = http.client.HTTPSConnection(HOST, caddy.port, context=context, timeout=10)
    conn.sock = context.wrap_socket(socket.create_connection(("127.0.0.1", caddy.port)), server_hostname=HOST)
    conn.request("GET", path, headers={"Host": f"{HOST}:{caddy.port}", **(headers or {})})
    answer = conn.getresponse()
    body = answer.read()
    conn.close()
    return answer.status, {k.lower(): v for k, v in answer.getheaders()}, body


def eventually(check, seconds: float = 15.0) -> bool:
    deadline = time_module.monotonic() + seconds
    while not check():
        if time_module.monotonic() > deadline:
            return False
        time_module.sleep(0.2)
    return True


def votes_on(server, question_id: int) -> int:
    with db.connect(server.db_path) as conn:
        return questions.get(conn, question_id).votes


def clients_in_pin_log(server) -> list[str]:
    with db.connect(server.db_path) as conn:
        return [row["client"] for row in conn.query("SELECT client FROM staff_attempts")]


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)


@pytest.mark.parametrize(
    "behind_proxy",
    [("caddy", ""), ("caddy", "/verksted"), ("nginx", "/verksted")],
    indirect=True,
    ids=["caddy-root", "caddy-prefix", "nginx-prefix"],
)
def test_the_day_through_the_proxy_over_https(behind_proxy, chromium):
    server, caddy = behind_proxy
    event = load_event(ROOT / "data")
    at = datetime.combine(event.date, time(15, 20), event.tz)
    kari = server.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    ola = server.add_person(name="Ola Nordmann", county="Troms", theme=1)
    per = server.add_person(name="Per Hansen", county="Troms")
    with db.connect(server.db_path) as conn:
        asked = questions.ask(conn, programme=event.programme, participant_id=ola.id, text="Hva med bredbånd?", now=at)
        questions.moderate(conn, asked.question.id, "approve", now=at, role="moderator")

    # Our routes answer under the prefix as JSON, not Streamlit's HTML page.
    status, headers, body = fetch(caddy, f"{caddy.prefix}/api/version")
    assert status == 200 and headers["content-type"].startswith("application/json"), body[:200]

    photo = photo_of(personal_url(caddy.url, per.token), size=(640, 480), qr_fraction=0.6, angle=4, seed=3)
    browser = chromium(photo)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="nb-NO")
    page = phone.new_page()
    open_page(page, personal_url(caddy.url, kari.token))
    assert page.url.startswith("https://")
    page.get_by_role("heading").first.wait_for()
    page.evaluate("window.__sameDocument = true")
    assert page.get_by_text(FALSE_WARNING).count() == 0
    # A delay set elsewhere reaches the open phone through the clock's poll of <prefix>/api/version.
    with db.connect(server.db_path) as conn:
        schedule.set_delay(conn, 10, now=at)
    page.get_by_text("Programmet er forsinket med 10 min").first.wait_for(timeout=30_000)
    assert page.evaluate("window.__sameDocument") is True
    assert page.get_by_text(FALSE_WARNING).count() == 0

    open_page(page, f"{caddy.url}/questions?t={kari.token}")
    assert page.get_by_text(FALSE_WARNING).count() == 0
    hall = page.frame_locator(HALL)
    hall.get_by_label("Spørsmålet ditt").fill("Hvordan beholder vi unge fagfolk?")
    hall.get_by_role("button", name="Send spørsmålet").click()
    hall.locator("#flash").get_by_text("venter på godkjenning fra moderator").wait_for()
    card = hall.locator(f".card[data-qid='{asked.question.id}']")
    card.get_by_role("button", name="Stem på:", exact=False).click()
    card.get_by_text("1 stemme").wait_for()
    # The card counts at once; the POST through the proxy lands a moment later.
    assert eventually(lambda: votes_on(server, asked.question.id) == 1)
    with db.connect(server.db_path) as conn:
        assert db.scalar(conn, "SELECT COUNT(*) FROM questions WHERE participant_id = ?", [kari.id]) == 1
    screenshot(page, f"proxy-questions-{type(caddy).__name__.lower()}-{caddy.prefix.strip('/') or 'root'}")

    laptop = browser.new_context(viewport={"width": 1366, "height": 768}, locale="nb-NO")
    laptop.grant_permissions(["camera"], origin=f"https://{HOST}:{caddy.port}")
    desk = laptop.new_page()
    open_page(desk, f"{caddy.url}/desk")
    desk.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_DESK_PIN"])
    desk.get_by_role("button", name="Logg inn").click()
    # The live scanner reads the badge the fake camera films and checks in through /api/desk/scan,
    # under the prefix when there is one: no click.
    frame = scanner(desk)
    frame.locator("#result.desk-green", has_text="Per Hansen").wait_for(timeout=30_000)

    # Streamlit's files: from disk, the .gz sibling, cached for a year.
    status, headers, page_html = fetch(caddy, f"{caddy.prefix}/")
    script = re.search(rb"static/js/index\.[\w-]+\.js", page_html)
    assert status == 200 and script, page_html[:300]
    status, headers, _ = fetch(caddy, f"{caddy.prefix}/{script.group().decode()}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    # The page's first look for its server below its own path is answered by the proxy (the app
    # would add its security headers); the real probes still reach the app.
    for probe in ("health", "host-config"):
        status, headers, _ = fetch(caddy, f"{caddy.prefix}/questions/_stcore/{probe}")
        assert status == 404 and "x-frame-options" not in headers, (probe, headers)
        status, headers, _ = fetch(caddy, f"{caddy.prefix}/_stcore/{probe}")
        assert status == 200 and "x-frame-options" in headers, (probe, headers)
    phone.close()
    laptop.close()


@pytest.mark.parametrize("behind_proxy", [("caddy", ""), ("nginx", "")], indirect=True, ids=["caddy", "nginx"])
def test_the_pin_log_has_the_browsers_address_from_the_trusted_proxy(behind_proxy, chromium):
    """The browser reaches the proxy at ::1, the proxy the app from 127.0.0.1 (the one trusted
    proxy). The browser's own X-Forwarded-For is a lie the proxy drops; the app reads the proxy's."""
    server, caddy = behind_proxy
    browser = chromium(photo_of("x", size=(64, 64)), address="[::1]")
    laptop = browser.new_context(extra_http_headers={"X-Forwarded-For": "203.0.113.9"}, locale="nb-NO")
    desk = laptop.new_page()
    open_page(desk, f"{caddy.url}/desk")
    desk.get_by_label("PIN-kode for ansatte").fill("000000")
    desk.get_by_role("button", name="Logg inn").click()
    desk.get_by_role("alert").first.wait_for()
    assert eventually(lambda: clients_in_pin_log(server) != [])
    assert clients_in_pin_log(server) == ["::1"]
    laptop.close()
