"""POST /api/vote: a vote from the hall list's iframe, without a Streamlit rerun.

A vote used to be a fragment rerun that rebuilt the whole list (about 45 elements) on the
server; here it is one small write transaction and a JSON answer, and the browser updates the
card in place. The body is {token, question_id, vote: bool, nonce?, lang?}. Setting a vote is
idempotent (set, not toggle), so a repeated tap or a retried request is harmless and the
nonce is accepted but not needed.
"""

import sqlite3

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import db, questions
from ..errors import CompanionError
from .route_context import NO_STORE, RouteContext, Unavailable, json_body, lang_of, participant, refuse, server_context

MAX_ID = 2**63 - 1


def _parse(body: object) -> tuple[str, int, bool] | None:
    if not isinstance(body, dict):
        return None
    token, question_id, vote = body.get("token"), body.get("question_id"), body.get("vote")
    if not isinstance(token, str) or type(question_id) is not int or not isinstance(vote, bool):
        return None
    if not 0 < question_id <= MAX_ID:  # SQLite's integers are 64-bit; past that no question exists
        return None
    return token, question_id, vote


def cast_vote(ctx: RouteContext, token: str, question_id: int, vote: bool) -> dict:
    """One vote in one transaction; raises CompanionError (unknown_participant and the domain's)."""
    with db.kept_connection(ctx.db_path) as conn:
        person = participant(conn, token)
        votes = questions.set_vote(
            conn, question_id=question_id, participant_id=person.id, vote=vote, now=ctx.clock.now()
        )
    return {"votes": votes, "voted": vote}


async def vote(request: Request) -> JSONResponse:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    parsed = _parse(body)
    if parsed is None:
        return refuse("bad_vote", lang, 400)
    try:
        ctx = server_context()
        # In a worker thread: a write may wait for the database lock, the event loop must not.
        answer = await run_in_threadpool(cast_vote, ctx, *parsed)
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("vote_unavailable", lang, 503)
    return JSONResponse(answer, headers=NO_STORE)


VOTE_ROUTE = Route("/api/vote", vote, methods=["POST"])
