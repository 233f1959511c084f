"""What the HTTP routes beside Streamlit (votes, questions) share: the process's boot (the same
object and clock as the pages', see companion/boot.py), and refusals as JSON with a message in the
reader's language, never a traceback."""

import asyncio
import json

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse

from .. import boot, people
from ..boot import Boot
from ..errors import CompanionError, QuestionError
from ..i18n import LANGS, error_text

NO_STORE = {"Cache-Control": "no-store"}

# What a domain error means for HTTP; anything else the domain refuses is a bad request.
STATUS = {
    "unknown_participant": 403,
    "question_not_found": 404,
    "own_question": 409,
    "not_votable": 409,
    "questions_closed": 409,
    "duplicate_question": 409,
    "too_many_questions": 429,
    "busy": 503,
    "not_in_group": 403,
    "not_note_writer": 403,
    "note_not_found": 404,
    "poll_not_open": 409,
}


RouteContext = Boot  # what the route helpers receive as `ctx`


class Unavailable(Exception):
    """The server could not boot (a broken data file or setting): every route answers 503."""


def server_context() -> Boot:
    """The server's boot, the same the pages get. Raises Unavailable for a broken data file or
    setting (the pages show its message)."""
    try:
        return boot.serving()
    except CompanionError as exc:
        raise Unavailable(exc.message) from exc


def participant(conn, token: object) -> people.Participant:
    """The owner of a personal link sent in a request; anything else is unknown_participant."""
    person = people.by_token(conn, token) if isinstance(token, str) else None
    if person is None:
        raise QuestionError("unknown_participant", "No participant with this link.")
    return person


def refuse(code: str, lang: str, status: int | None = None, **details) -> JSONResponse:
    body = {"error": code, "message": error_text(code, lang, **details)}
    return JSONResponse(body, status_code=status or STATUS.get(code, 400), headers=NO_STORE)


# A question is at most a few KB; a body past this, or one that trickles in slower than this, is refused.
MAX_BODY_BYTES = 64 * 1024
BODY_SECONDS = 10.0


async def _read_body(request: Request) -> bytes | None:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


async def json_body(request: Request) -> dict | None:
    """The request's JSON object, or None for anything else: not JSON, not an object, too big,
    nested too deep for the parser, or sent too slowly. The caller answers a JSON 400."""
    try:
        raw = await asyncio.wait_for(_read_body(request), BODY_SECONDS)
        body = json.loads(raw) if raw is not None else None
    except (ValueError, RecursionError, TimeoutError, ClientDisconnect):
        return None
    return body if isinstance(body, dict) else None


def lang_of(value: object) -> str:
    return value if value in LANGS else "nb"
