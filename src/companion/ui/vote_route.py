"""POST /api/vote: a vote from the hall list's iframe, without a Streamlit rerun.

A vote used to be a fragment rerun that rebuilt the whole list (about 45 elements) on the
server; here it is one small write transaction and a JSON answer, and the browser updates the
card in place. The body is {token, question_id, vote: bool, nonce?, lang?}. Setting a vote is
idempotent (set, not toggle), so a repeated tap or a retried request is harmless and the
nonce is accepted but not needed.
"""

import functools
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import db, people, questions
from ..clock import Clock, make_clock
from ..config import load_settings, read_secrets_file
from ..errors import CompanionError, QuestionError
from ..event import load_event
from ..i18n import LANGS, error_text

# What a domain error means for HTTP; anything else the domain refuses is a bad request.
_STATUS = {"unknown_participant": 403, "question_not_found": 404, "own_question": 409, "not_votable": 409}
_NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True)
class _Context:
    db_path: Path
    clock: Clock


@functools.lru_cache(maxsize=1)
def _secrets() -> dict:
    return read_secrets_file(Path(".streamlit/secrets.toml"))


@functools.lru_cache(maxsize=4)
def _boot(values: tuple[tuple[str, str | None], ...]) -> _Context:
    # Once per process and settings, like ui/context.py: the event file is read once.
    settings = load_settings(dict(values))
    event = load_event(settings.data_dir)
    return _Context(settings.db_path, make_clock(event.date, event.tz, settings.get("COMPANION_NOW")))


def server_context() -> _Context:
    """Settings, database path and clock for code that runs outside a Streamlit script (routes)."""
    settings = load_settings(os.environ, _secrets())
    return _boot(tuple(sorted(settings.values.items())))


def _refuse(code: str, lang: str, status: int | None = None, **details) -> JSONResponse:
    body = {"error": code, "message": error_text(code, lang, **details)}
    return JSONResponse(body, status_code=status or _STATUS.get(code, 400), headers=_NO_STORE)


def _parse(body: object) -> tuple[str, int, bool] | None:
    if not isinstance(body, dict):
        return None
    token, question_id, vote = body.get("token"), body.get("question_id"), body.get("vote")
    if not isinstance(token, str) or type(question_id) is not int or not isinstance(vote, bool):
        return None
    return token, question_id, vote


def cast_vote(ctx: _Context, token: str, question_id: int, vote: bool) -> dict:
    """One vote in one transaction; raises CompanionError (unknown_participant and the domain's)."""
    with db.connect(ctx.db_path) as conn:
        person = people.by_token(conn, token)
        if person is None:
            raise QuestionError("unknown_participant", "No participant with this link.")
        votes = questions.set_vote(conn, question_id=question_id, participant_id=person.id, vote=vote, now=ctx.clock.now())
    return {"votes": votes, "voted": vote}


async def vote(request: Request) -> JSONResponse:
    try:
        body = await request.json()
    except ValueError:
        body = None
    lang = body.get("lang") if isinstance(body, dict) and body.get("lang") in LANGS else "nb"
    parsed = _parse(body)
    if parsed is None:
        return _refuse("bad_vote", lang, 400)
    try:
        ctx = server_context()
        # In a worker thread: a write may wait for the database lock, the event loop must not.
        answer = await run_in_threadpool(cast_vote, ctx, *parsed)
    except CompanionError as exc:
        return _refuse(exc.code, lang, **exc.details)
    except sqlite3.Error:
        return _refuse("vote_unavailable", lang, 503)
    return JSONResponse(answer, headers=_NO_STORE)


VOTE_ROUTE = Route("/api/vote", vote, methods=["POST"])
