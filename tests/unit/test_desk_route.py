"""/api/desk/*: the desk's scanner route. Only a device signed in at the desk may check people in;
a resent scan (same nonce) is harmless; odd bodies are a JSON 400, never a 500."""

import json
import re

import pytest

from companion import auth, db
from companion.config import load_settings
from companion.ui.desk_route import token_hash

from .asgi import exchange

PIN = "246813"


def call(method: str, path: str, body=None, *, raw: bytes | None = None, cookie: str | None = None):
    """One request through the app's routes, with the staff cookie if given: (status, headers, body bytes)."""
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    cookies = ((b"cookie", f"{auth.COOKIE_NAME}={cookie}".encode()),) if cookie is not None else ()
    return exchange(method, path, data=data, headers=cookies)


def post(path: str, body=None, **kwargs) -> tuple[int, dict]:
    status, _, payload = call("POST", path, body, **kwargs)
    return status, json.loads(payload)


@pytest.fixture
def desk(hall, monkeypatch, at):
    """The hall, with a desk device signed in (its cookie) and one signed out."""
    monkeypatch.setenv("COMPANION_DESK_PIN", PIN)
    import os

    settings = load_settings(os.environ, {})
    now = at("15:20")
    with db.connect(hall["db"]) as conn:
        signed_in = auth.redeem(conn, settings, auth.grant(conn, settings, "desk", now=now), now=now)
        signed_out = auth.signed_out(conn, settings, signed_in, now=now)
        moderator = auth.redeem(conn, settings, auth.grant(conn, settings, "moderator", now=now), now=now)
    return {**hall, "cookie": signed_in, "signed_out": signed_out, "moderator": moderator}


def scan(desk, text: str, nonce: str, **extra) -> tuple[int, dict]:
    body = {"text": text, "nonce": nonce, "method": "typed", "desk": "desk 2", **extra}
    return post("/api/desk/scan", body, cookie=desk["cookie"])


def checkins(desk) -> int:
    with db.connect(desk["db"]) as conn:
        return conn.execute("SELECT count(*) FROM checkins WHERE undone_at IS NULL").fetchone()[0]


def test_a_scan_checks_in_green_then_orange_and_says_who(desk):
    kari = desk["kari"]
    status, body = scan(desk, kari.code, "n" * 16)
    assert status == 200 and body["colour"] == "green" and body["name"] == "Kari"
    assert body["participant_id"] == kari.id and body["headline"] == "Sjekket inn"
    # The time it was recorded, on the event's clock (15:20 here, in practice mode), for the desk's list.
    assert re.fullmatch(r"15:2\d:\d\d", body["at"]), body["at"]
    status, body = scan(desk, f"http://x/?t={kari.token}", "m" * 16, method="camera", lang="en")
    assert body["colour"] == "orange" and body["code"] == "already_checked_in"
    assert "desk 2" in body["headline"] and body["headline"].startswith("Already")
    assert checkins(desk) == 1


def test_a_resent_scan_replays_its_first_answer(desk):
    first = scan(desk, desk["kari"].code, "resend-nonce-1")
    again = scan(desk, desk["kari"].code, "resend-nonce-1")
    assert first == again and first[1]["colour"] == "green"
    with db.connect(desk["db"]) as conn:
        assert conn.execute("SELECT count(*) FROM scans WHERE nonce = 'desk:resend-nonce-1'").fetchone()[0] == 1


def test_an_unknown_code_is_red_and_logged(desk):
    status, body = scan(desk, "ZZZZZZ", "red-nonce-01")
    assert status == 200 and body["colour"] == "red" and body["participant_id"] is None
    assert checkins(desk) == 0


@pytest.mark.parametrize("who", [None, "signed_out", "moderator", "forged"])
def test_only_a_desk_signed_in_may_scan_undo_or_read_the_list(desk, who):
    cookie = {None: None, "forged": "d.desk.x.9999999999.1." + "0" * 64}.get(who) or desk.get(who)
    body = {"text": desk["kari"].code, "nonce": "x" * 16, "method": "typed"}
    assert post("/api/desk/scan", body, cookie=cookie)[0] == 401
    assert post("/api/desk/undo", {"participant_id": desk["kari"].id}, cookie=cookie)[0] == 401
    status, _, payload = call("GET", "/api/desk/roster", cookie=cookie)
    assert status == 401 and "Kari" not in payload.decode()
    assert checkins(desk) == 0


def test_undo_takes_the_check_in_back_once(desk):
    scan(desk, desk["kari"].code, "undo-nonce-1")
    assert post("/api/desk/undo", {"participant_id": desk["kari"].id}, cookie=desk["cookie"]) == (
        200,
        {"undone": desk["kari"].id},
    )
    assert checkins(desk) == 0
    status, body = post("/api/desk/undo", {"participant_id": desk["kari"].id}, cookie=desk["cookie"])
    assert status == 409 and body["error"] == "not_checked_in"


def test_the_roster_names_codes_and_hashed_tokens_never_tokens(desk):
    status, headers, payload = call("GET", "/api/desk/roster", cookie=desk["cookie"])
    roster = json.loads(payload)
    kari = desk["kari"]
    assert status == 200 and headers["cache-control"].startswith("no-store")
    assert roster["codes"][kari.code] == "Kari"
    assert roster["tokens"][token_hash(kari.token)] == "Kari"
    assert kari.token not in payload.decode()


ODD_SCANS = [
    b"",
    b"[1]",
    b'{"text": "ABC"}',
    json.dumps({"text": ["ABC123"], "nonce": "a" * 16, "method": "typed"}).encode(),
    json.dumps({"text": "ABC123", "nonce": "short", "method": "typed"}).encode(),
    json.dumps({"text": "ABC123", "nonce": "a" * 65, "method": "typed"}).encode(),
    json.dumps({"text": "ABC123", "nonce": "a b c d e f g h", "method": "typed"}).encode(),
    json.dumps({"text": "ABC123", "nonce": "a" * 16, "method": "cli"}).encode(),
    json.dumps({"text": "x" * 70_000, "nonce": "a" * 16, "method": "typed"}).encode(),
    json.dumps({"text": "x" * 2001, "nonce": "a" * 16, "method": "typed"}).encode(),
    b'{"text": "ABC' + b"[" * 100_000 + b"}",
    b"\xff\xfe\x00",
]


def test_every_odd_scan_is_a_json_400_and_changes_nothing(desk):
    for raw in ODD_SCANS:
        status, body = post("/api/desk/scan", raw=raw, cookie=desk["cookie"])
        assert status == 400 and body["error"] == "bad_scan", raw[:40]
    for participant in ("1", 1.5, True, 2**63, -1, None):
        status, body = post("/api/desk/undo", {"participant_id": participant}, cookie=desk["cookie"])
        assert status == 400 and body["error"] == "bad_scan", participant
    with db.connect(desk["db"]) as conn:
        assert conn.execute("SELECT count(*) FROM scans").fetchone()[0] == 0


def test_odd_text_that_parses_is_a_red_result_not_an_error(desk):
    for text in ("\ud800", "'; DROP TABLE scans; --", "<script>", "   "):
        status, body = scan(desk, text, f"odd-{abs(hash(text)):012d}")
        assert status == 200 and body["colour"] == "red", text


def test_the_reader_files_are_served_and_nothing_else(desk):
    status, headers, payload = call("GET", "/api/desk/zxing/zxing_reader.wasm")
    assert status == 200 and headers["content-type"] == "application/wasm" and payload[:4] == b"\0asm"
    status, headers, _ = call("GET", "/api/desk/zxing/zxing_reader.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    for name in ("LICENSE", "..%2F..%2Fdesk_route.py", "README.md"):
        assert call("GET", f"/api/desk/zxing/{name}")[0] == 404


def test_a_green_result_names_the_group_free_state_and_the_dietary_needs(desk):
    from companion import extras

    with db.connect(desk["db"]) as conn, db.write_tx(conn):
        extras.keep(conn, desk["kari"].id, "Allergier/matbehov", "Glutenfri", kind="diet")
    status, body = scan(desk, desk["kari"].code, "diet-nonce-1")
    assert status == 200 and "Matbehov: Glutenfri" in body["details"] and "Ingen gruppe ennå" in body["details"]
