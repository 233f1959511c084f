"""Extra HTTP routes served beside Streamlit (st.App): tiny, and no personal data in any answer.

/api/version is read-only; /api/vote (ui/vote_route.py) writes one vote for the token's owner."""

import functools
import os
import sqlite3
import time
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import changes, db
from ..config import load_settings, read_secrets_file
from .vote_route import VOTE_ROUTE

# A hundred phones poll every few seconds; answer from memory within this window.
_CACHE_SECONDS = 1.0
_cache: dict[str, tuple[float, dict[str, str]]] = {}


@functools.lru_cache(maxsize=1)
def _db_path() -> Path:
    secrets = read_secrets_file(Path(".streamlit/secrets.toml"))
    return load_settings(os.environ, secrets).db_path


async def version(request: Request) -> JSONResponse:
    path = _db_path()
    stamp, value = _cache.get(str(path), (0.0, {}))
    if time.monotonic() - stamp > _CACHE_SECONDS:
        try:
            with db.connect(path) as conn:
                value = {"version": changes.version(conn), "questions": changes.questions_version(conn)}
        except sqlite3.Error:
            # No answer is better than a wrong one: browsers act only on a 200.
            return JSONResponse({"error": "unavailable"}, status_code=503, headers={"Cache-Control": "no-store"})
        _cache[str(path)] = (time.monotonic(), value)
    return JSONResponse(value, headers={"Cache-Control": "no-store"})


ROUTES = [Route("/api/version", version), VOTE_ROUTE]
