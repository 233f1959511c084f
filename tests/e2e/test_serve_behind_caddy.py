"""`make serve` behind Caddy: two app processes (deploy/serve.py) on one database, sticky by
Caddy's cookie. A phone's session stays on its process across reruns and a reload (the other
process frozen meanwhile, so a request sent there would hang); the other process answers a
browser of its own; exactly one process runs the snapshot timer."""

import os
import signal
from datetime import datetime, time

import pytest

from companion import db, questions
from companion.event import load_event

from .conftest import CHROMIUM_FLAGS, ROOT, LiveServer, chromium_path, wait_for_app
from .proxies import Caddy, Serve, browser_flags, caddy_cookie, precompressed_static
from .test_behind_proxy import HALL, NOW, eventually, votes_on

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_behind_caddy(tmp_path):
    """(app, serve, caddy): the app's database and settings, 2 processes, Caddy in front."""
    app = LiveServer(tmp_path, NOW, {"COMPANION_TRUSTED_PROXIES": "127.0.0.1", "COMPANION_BACKUP_MINUTES": "1"})
    serve = Serve(tmp_path, app.env, processes=2)
    caddy = Caddy(tmp_path, serve.ports, precompressed_static(tmp_path / "static"))
    serve.env["COMPANION_BASE_URL"] = caddy.url
    frozen: list[int] = []
    serve.start()
    try:
        caddy.start()
        yield app, serve, caddy, frozen
    finally:
        for pid in frozen:
            os.kill(pid, signal.SIGCONT)
        caddy.stop()
        serve.stop()


def test_a_phone_stays_on_its_process_and_one_process_takes_snapshots(two_behind_caddy, browser):
    app, serve, caddy, frozen = two_behind_caddy
    pids = serve.children()
    assert sorted(pids) == serve.ports
    timers = [port for port, pid in pids.items() if serve.environ(pid).get("COMPANION_BACKUP_MINUTES", "5") != "0"]
    assert timers == [serve.ports[0]], "exactly one process (the first) runs the snapshot timer"

    event = load_event(ROOT / "data")
    at = datetime.combine(event.date, time(15, 20), event.tz)
    kari = app.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    ola = app.add_person(name="Ola Nordmann", county="Troms", theme=1)
    with db.connect(app.db_path) as conn:
        asked = questions.ask(conn, programme=event.programme, participant_id=ola.id, text="Hva med bredbånd?", now=at)
        questions.moderate(conn, asked.question.id, "approve", now=at, role="moderator")

    chromium = browser.browser_type.launch(
        executable_path=chromium_path(), args=CHROMIUM_FLAGS + browser_flags(), headless=True
    )
    try:
        phone = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="nb-NO")
        page = phone.new_page()
        page.goto(f"{caddy.url}/questions?t={kari.token}")
        wait_for_app(page)
        cookies = {c["name"]: c["value"] for c in phone.cookies()}
        assert "verksted_lb" in cookies, f"Caddy set no sticky cookie: {sorted(cookies)}"
        cookie = cookies["verksted_lb"]
        mine = next(port for port in serve.ports if caddy_cookie(port) == cookie)
        other = next(port for port in serve.ports if port != mine)
        # The other process stops answering: anything of this phone's sent there would hang.
        os.kill(pids[other], signal.SIGSTOP)
        frozen.append(pids[other])

        card = page.frame_locator(HALL).locator(f".card[data-qid='{asked.question.id}']")
        card.get_by_role("button", name="Stem på:", exact=False).click()
        card.get_by_text("1 stemme").wait_for()
        assert eventually(lambda: votes_on(app, asked.question.id) == 1)
        for _ in range(2):  # a reload: a new websocket, a new session, the same process
            page.reload()
            wait_for_app(page)
            page.frame_locator(HALL).locator(f".card[data-qid='{asked.question.id}']").get_by_text("1 stemme").wait_for(
                timeout=20_000
            )
        page.get_by_role("link", name="Nå").first.click()  # a rerun on the open websocket
        wait_for_app(page)
        assert next(c["value"] for c in phone.cookies() if c["name"] == "verksted_lb") == cookie
        phone.close()

        # The other process answers a browser of its own, with this one frozen instead.
        os.kill(pids[other], signal.SIGCONT)
        frozen.remove(pids[other])
        os.kill(pids[mine], signal.SIGSTOP)
        frozen.append(pids[mine])
        laptop = chromium.new_context(locale="nb-NO")
        laptop.add_cookies([{"name": "verksted_lb", "value": caddy_cookie(other), "url": caddy.url}])
        second = laptop.new_page()
        second.goto(f"{caddy.url}/questions?t={ola.token}")
        wait_for_app(second)
        second.frame_locator(HALL).locator(f"#list .card[data-qid='{asked.question.id}']").get_by_text(
            "1 stemme"
        ).wait_for(timeout=20_000)
        laptop.close()
    finally:
        chromium.close()
