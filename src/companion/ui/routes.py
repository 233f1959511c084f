"""Extra HTTP routes served beside Streamlit (st.App): tiny, and no personal data in any answer.

/api/version is read-only; /api/vote (ui/vote_route.py) writes one vote for the token's owner;
/api/questions and /api/ask (ui/hall_routes.py) are the Spørsmål page's list and question form;
/api/evaluation (ui/evaluation_route.py) stores the evaluation form's answer; /api/desk/* (ui/desk_route.py)
is the desk's scanner, for a signed-in desk only; /api/phone, /api/poll, /api/notes and
/api/presentation (ui/hall_live_routes.py, through HALL_ROUTES) are the hall's polls, notes, messages
and presentations."""

import functools
import json
import sqlite3
import time
from pathlib import Path

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import caches, changes, db
from .compression import CompressedStatic
from .desk_route import DESK_ROUTES
from .evaluation_route import EVALUATION_ROUTE
from .hall_routes import HALL_ROUTES
from .headers import SecurityHeaders
from .live import CLOCK_POLL_SECONDS
from .page_shell import PageShell
from .prefix import UnderPrefix
from .route_context import Unavailable, server_context
from .staff_route import STAFF_ROUTES
from .vote_route import VOTE_ROUTE

# A hundred phones poll every few seconds; answer from memory within this window.
_CACHE_SECONDS = 1.0
# uvicorn closes a connection after 5 s without a request, so a phone polling every 10 s would open
# a new one per poll, which costs the server more than the answer itself (see README, Capacity).
# Polling connections stay open past the next poll; Streamlit has no setting for this.
POLL_KEEP_ALIVE_SECONDS = CLOCK_POLL_SECONDS + 5
# database path -> (when, status, answer): the last answer, for _CACHE_SECONDS.
_cache: dict[str, tuple[float, int, dict[str, str]]] = {}
caches.register(_cache.clear)


# The server's database, from its boot on the first poll: reading the settings again costs
# more than the rest of a cached answer (about 17 us against 0.2 us).
@functools.lru_cache(maxsize=1)
def _db_path() -> Path:
    return server_context().db_path


caches.register(_db_path.cache_clear)


def _versions() -> tuple[int, dict[str, str]]:
    try:
        path = str(_db_path())
    except (Unavailable, sqlite3.Error):  # a broken data file: the pages say so; the poll has no answer
        return 503, {"error": "unavailable"}
    stamp, status, value = _cache.get(path, (0.0, 0, {}))
    if time.monotonic() - stamp > _CACHE_SECONDS:
        try:
            with db.kept_connection(path) as conn:
                status, value = (
                    200,
                    {
                        "version": changes.version(conn),
                        "questions": changes.questions_version(conn),
                        # A message sent or withdrawn, a poll opened or closed: Nå's live part (ui/hall_widgets.py).
                        "hall": changes.hall_version(conn),
                    },
                )
        except sqlite3.Error:
            # No answer is better than a wrong one: browsers act only on a 200.
            status, value = 503, {"error": "unavailable"}
        _cache[path] = (time.monotonic(), status, value)
    return status, value


async def version(request: Request) -> JSONResponse:
    status, body = _versions()
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


class VersionFastPath:
    """Answers GET /api/version before Streamlit's own middleware stack (sessions, gzip, path
    checks), which a hundred phones polling every five seconds would otherwise pay for on every
    poll. Everything else passes through untouched."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] != "/api/version" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        _keep_connection_open(receive, POLL_KEEP_ALIVE_SECONDS)
        status, body = _versions()
        payload = json.dumps(body).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"cache-control", b"no-store"),
            (b"content-length", str(len(payload)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def _keep_connection_open(receive, seconds: float) -> None:
    """Raise the idle timeout of the uvicorn connection this request came on. `receive` is bound
    to uvicorn's request cycle, whose `on_response` is bound to the connection's protocol; any
    other server (or a uvicorn that changed its insides) is left as it is."""
    cycle = getattr(receive, "__self__", None)
    protocol = getattr(getattr(cycle, "on_response", None), "__self__", None)
    current = getattr(protocol, "timeout_keep_alive", None)
    if isinstance(current, (int, float)) and current < seconds:
        protocol.timeout_keep_alive = seconds


ROUTES = [Route("/api/version", version), VOTE_ROUTE, *HALL_ROUTES, EVALUATION_ROUTE, *STAFF_ROUTES, *DESK_ROUTES]
# SecurityHeaders first: it wraps everything, the fast path and Streamlit's own pages included.
# UnderPrefix before the fast path: under server.baseUrlPath the phones poll <prefix>/api/version.
# PageShell and CompressedStatic make a first visit light on a poor network (ui/page_shell.py,
# ui/compression.py).
MIDDLEWARE = [
    Middleware(SecurityHeaders),
    Middleware(UnderPrefix),
    Middleware(PageShell),
    Middleware(CompressedStatic),
    Middleware(VersionFastPath),
]
