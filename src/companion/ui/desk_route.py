"""The desk's scanner without a Streamlit rerun: the browser queues every scan and sends it here.

POST /api/desk/scan {text, nonce, method, desk?, lang?} checks in whoever `text` names and answers
the result in words as JSON (colour, headline, name, details). The nonce comes from the browser the
moment the scan is made, so a scan sent again after a network drop replays the first answer
(checkin.py). POST /api/desk/undo {participant_id, desk?, lang?} takes a check-in back.
GET /api/desk/roster is the list a desk keeps for a network drop: short codes and hashed tokens ->
names only. GET /api/desk/zxing/<file> serves the vendored QR reader (static/zxing/README.md).

Every route but the reader needs a device signed in at the desk (the `verksted_staff` cookie, see
auth.py); refusals are JSON with a code and a message, never a traceback.
"""

import hashlib
import re
import sqlite3
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .. import auth, checkin, db, extras
from ..checkin_text import describe
from ..errors import CompanionError
from ..i18n import error_text
from .route_context import NO_STORE, RouteContext, Unavailable, json_body, lang_of, server_context
from .staff_route import _settings

SCAN_METHODS = ("camera", "scanner", "typed")
MAX_TEXT = 2000  # a personal link is under 200 characters; check_in logs at most checkin.MAX_RAW
MAX_DESK = 30
_NONCE = re.compile(r"^[A-Za-z0-9_:-]{8,64}$")
ZXING_DIR = Path(__file__).parent / "static" / "zxing"
ZXING_FILES = {
    "zxing_reader.js": "text/javascript",
    "zxing_reader.wasm": "application/wasm",
}
# A list downloaded at sign-in names people by hashed token: the token itself is a personal secret.
TOKEN_HASH_CHARS = 16


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:TOKEN_HASH_CHARS]


def _refuse(code: str, lang: str, status: int) -> JSONResponse:
    return JSONResponse({"error": code, "message": error_text(code, lang)}, status_code=status, headers=NO_STORE)


def _desk_role(ctx: RouteContext, request: Request) -> str | None:
    """The role of a device signed in at the desk (desk or organizer), else None."""
    with db.kept_connection(ctx.db_path) as conn:
        device = auth.read_device(conn, _settings(), request.cookies.get(auth.COOKIE_NAME), now=ctx.clock.now())
    if device is None or not device.signed_in or not auth.allows(device.role, "desk"):
        return None
    return device.role


def _desk_name(body: dict) -> str:
    desk = body.get("desk")
    if isinstance(desk, str) and desk.strip():
        return desk.strip()[:MAX_DESK]
    return "desk 1"


def _scan_request(body: dict | None) -> tuple[str, str, str] | None:
    if body is None:
        return None
    text, nonce, method = body.get("text"), body.get("nonce"), body.get("method")
    if not isinstance(text, str) or len(text) > MAX_TEXT:
        return None
    if not isinstance(nonce, str) or not _NONCE.match(nonce) or method not in SCAN_METHODS:
        return None
    return text, f"desk:{nonce}", method


def result_json(conn, ctx: RouteContext, result: checkin.CheckInResult, lang: str) -> dict:
    person = result.participant
    diet = extras.diet_of(conn, person.id) if person is not None and result.colour == "green" else ""
    text = describe(result, ctx.event, lang, diet)
    return {
        "code": result.code,
        "colour": text.colour,
        "headline": text.headline,
        "name": text.name,
        "details": list(text.details),
        "participant_id": person.id if person is not None and result.colour != "red" else None,
        "scan_id": result.scan_id,
    }


def _scan(ctx: RouteContext, text: str, nonce: str, method: str, desk: str, lang: str) -> dict:
    now = ctx.clock.now()
    with db.kept_connection(ctx.db_path) as conn:
        result = checkin.check_in(conn, text, now=now, desk=desk, nonce=nonce, method=method)
        # The time the server recorded, on the event's clock (in practice mode not the desk's own).
        return {**result_json(conn, ctx, result, lang), "at": now.astimezone(ctx.event.tz).strftime("%H:%M:%S")}


async def scan(request: Request) -> Response:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    try:
        ctx = server_context()
        if await run_in_threadpool(_desk_role, ctx, request) is None:
            return _refuse("desk_signed_out", lang, 401)
        parsed = _scan_request(body)
        if parsed is None:
            return _refuse("bad_scan", lang, 400)
        assert body is not None
        answer = await run_in_threadpool(_scan, ctx, *parsed, _desk_name(body), lang)
    except (Unavailable, sqlite3.Error, CompanionError):
        return _refuse("desk_unavailable", lang, 503)
    return JSONResponse(answer, headers=NO_STORE)


def _undo(ctx: RouteContext, participant_id: int, desk: str, role: str) -> None:
    with db.kept_connection(ctx.db_path) as conn:
        checkin.undo_check_in(conn, participant_id, now=ctx.clock.now(), desk=desk, role=role)


async def undo(request: Request) -> Response:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    try:
        ctx = server_context()
        role = await run_in_threadpool(_desk_role, ctx, request)
        if role is None:
            return _refuse("desk_signed_out", lang, 401)
        person = body.get("participant_id") if body else None
        if type(person) is not int or not 0 < person < 2**63:
            return _refuse("bad_scan", lang, 400)
        assert body is not None
        await run_in_threadpool(_undo, ctx, person, _desk_name(body), role)
    except CompanionError as exc:
        return _refuse(exc.code, lang, 409)
    except (Unavailable, sqlite3.Error):
        return _refuse("desk_unavailable", lang, 503)
    return JSONResponse({"undone": person}, headers=NO_STORE)


def _roster(ctx: RouteContext) -> dict:
    with db.kept_connection(ctx.db_path) as conn:
        rows = list(conn.query("SELECT code, token, name FROM participants WHERE deleted_at IS NULL"))
    return {
        "codes": {row["code"]: row["name"] for row in rows if row["code"]},
        "tokens": {token_hash(row["token"]): row["name"] for row in rows if row["token"]},
    }


async def roster(request: Request) -> Response:
    try:
        ctx = server_context()
        if await run_in_threadpool(_desk_role, ctx, request) is None:
            return _refuse("desk_signed_out", "nb", 401)
        answer = await run_in_threadpool(_roster, ctx)
    except (Unavailable, sqlite3.Error, CompanionError):
        return _refuse("desk_unavailable", "nb", 503)
    return JSONResponse(answer, headers={**NO_STORE, "Cache-Control": "no-store, private"})


async def zxing(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in ZXING_FILES:
        return JSONResponse({"error": "not_found"}, status_code=404, headers=NO_STORE)
    # The file name carries no version: an hour's cache, so a refreshed reader reaches the desk the same day.
    return FileResponse(
        ZXING_DIR / name, media_type=ZXING_FILES[name], headers={"Cache-Control": "public, max-age=3600"}
    )


DESK_ROUTES = [
    Route("/api/desk/scan", scan, methods=["POST"]),
    Route("/api/desk/undo", undo, methods=["POST"]),
    Route("/api/desk/roster", roster, methods=["GET"]),
    Route("/api/desk/zxing/{name}", zxing, methods=["GET"]),
]
