"""A hostile hall against a real `streamlit run app.py` (issue 15): security headers on every
answer, Streamlit's own pages included; a desk device stays signed in across a server restart
through its HttpOnly cookie, and signing out sticks."""

import json
import re
import urllib.error
import urllib.request

from .conftest import PINS, wait_for_app

EXPECTED = {
    "content-security-policy": "frame-ancestors 'none'",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
}


def fetch(url: str, data: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(req, timeout=10) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_every_answer_forbids_framing_and_referrers(live_server):
    status, _, index = fetch(live_server.url + "/")
    assert status == 200
    asset = re.search(rb'src="\.?/?(static/js/[^"]+\.js)"', index)
    assert asset, "Streamlit's page names its script"
    person = live_server.add_person(name="Kari")
    paths = ["/", "/desk", "/screen", f"/ticket?t={person.token}", "/_stcore/health", "/" + asset.group(1).decode()]
    paths += ["/api/version", f"/api/questions?t={person.token}"]
    answers = {path: fetch(live_server.url + path) for path in paths}
    answers["POST /api/vote (odd body)"] = fetch(live_server.url + "/api/vote", b'{"question_id": ' + b"[" * 5000)
    for path, (status, headers, _body) in answers.items():
        assert status < 500, (path, status)
        for name, value in EXPECTED.items():
            assert headers.get(name) == value, (path, name, headers.get(name))
    status, _, body = answers["POST /api/vote (odd body)"]
    assert status == 400 and "error" in json.loads(body)


def test_a_desk_stays_signed_in_across_a_server_restart_and_signing_out_sticks(live_server, phone):
    page = phone.new_page()
    page.goto(live_server.url + "/desk")
    wait_for_app(page)
    page.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_DESK_PIN"])
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_text("Innlogget som registrering").wait_for()
    for _ in range(50):  # the page hands its grant to /api/staff/device; the answer sets the cookie
        cookies = {c["name"]: c for c in phone.cookies()}
        if "verksted_staff" in cookies:
            break
        page.wait_for_timeout(200)
    cookie = cookies["verksted_staff"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("verksted_staff") == -1, "page scripts cannot read it"

    live_server.stop()
    live_server.start()
    page.goto(live_server.url + "/desk")
    wait_for_app(page)
    page.get_by_text("Innlogget som registrering").wait_for()
    assert page.locator("input[type=password]").count() == 0

    page.get_by_role("button", name="Logg ut").click()
    page.locator("input[type=password]").wait_for()
    page.wait_for_timeout(1500)  # the sign-out call marks the cookie
    page.goto(live_server.url + "/desk")
    wait_for_app(page)
    page.locator("input[type=password]").wait_for()
    assert page.get_by_text("Innlogget som registrering").count() == 0
