"""POST /api/staff/device and /api/staff/signout: the device cookie of a staff browser.

The cookie is HttpOnly (page scripts cannot read it), SameSite=Strict (no other site's page can
send it), Secure over HTTPS. /api/staff/device turns a grant the PIN gate just signed (ui/staff.py)
into the cookie; /api/staff/signout marks the device signed out but keeps it trusted, so its own
next sign-in is not held up by someone else's guessing (auth.py)."""

import sqlite3

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from .. import auth, db
from ..config import Settings, read_settings
from ..errors import CompanionError
from .route_context import NO_STORE, json_body, server_context


def _settings() -> Settings:
    return read_settings()  # the home folder's secrets file, wherever the server was started


def _with_cookie(request: Request, value: str | None) -> Response:
    if value is None:
        return JSONResponse({"error": "bad_grant"}, status_code=400, headers=NO_STORE)
    response = Response(status_code=204, headers=NO_STORE)
    secure = request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"
    response.set_cookie(
        auth.COOKIE_NAME,
        value,
        max_age=int(auth.DEVICE_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="strict",
        secure=secure,
    )
    return response


async def device(request: Request) -> Response:
    body = await json_body(request)
    try:
        ctx = server_context()
        with db.kept_connection(ctx.db_path) as conn:
            value = auth.redeem(conn, _settings(), (body or {}).get("grant"), now=ctx.clock.now())
    except (CompanionError, sqlite3.Error):
        return JSONResponse({"error": "unavailable"}, status_code=503, headers=NO_STORE)
    return _with_cookie(request, value)


async def signout(request: Request) -> Response:
    try:
        ctx = server_context()
        with db.kept_connection(ctx.db_path) as conn:
            value = auth.signed_out(conn, _settings(), request.cookies.get(auth.COOKIE_NAME), now=ctx.clock.now())
    except (CompanionError, sqlite3.Error):
        return JSONResponse({"error": "unavailable"}, status_code=503, headers=NO_STORE)
    if value is None:
        return Response(status_code=204, headers=NO_STORE)
    return _with_cookie(request, value)


STAFF_ROUTES = [
    Route("/api/staff/device", device, methods=["POST"]),
    Route("/api/staff/signout", signout, methods=["POST"]),
]
