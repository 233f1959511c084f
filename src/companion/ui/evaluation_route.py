"""POST /api/evaluation: the evaluation form on Nå (ui/evaluation_page.py) answers here, with one
small write transaction and a JSON answer, not a Streamlit run.

The body is {token, answers: {key: value}, nonce?, lang?}. Storing is idempotent (the person's one
answer is set, not added), and a request repeated with its nonce changes nothing. Refusals are
JSON with a message in the reader's language: a malformed body is 400, never a 500.
"""

import functools
import re
import sqlite3
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import caches, db, evaluation, purge
from ..errors import CompanionError, EvaluationError
from ..evaluation import Form
from ..event import ProgrammeItem
from ..i18n import t
from .route_context import (
    NO_STORE,
    RouteContext,
    Unavailable,
    json_body,
    lang_of,
    participant,
    refuse,
    server_context,
)

_NONCE = re.compile(r"[0-9a-f]{16,64}")
STATUS = {
    "unknown_participant": 403,
    "evaluation_not_open": 409,
    "evaluation_closed": 409,
    "event_purged": 410,
    "busy": 503,
    "bad_event_file": 503,
}


@functools.lru_cache(maxsize=4)
def _form(data_dir: str, mtime_ns: int, programme: tuple[ProgrammeItem, ...]) -> Form:
    return evaluation.load_form(data_dir, programme)


caches.register(_form.cache_clear)


def load_form(data_dir: Path, programme: tuple[ProgrammeItem, ...]) -> Form:
    """data/evaluation.toml, read again only when the file changes. Raises EventDataError."""
    try:
        stamp = (Path(data_dir) / evaluation.FILE_NAME).stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _form(str(data_dir), stamp, programme)


def _parse(body: dict | None) -> tuple[str, dict, str | None] | None:
    if body is None:
        return None
    token, answers, nonce = body.get("token"), body.get("answers"), body.get("nonce")
    if not isinstance(token, str) or not isinstance(answers, dict):
        return None
    if nonce is not None and (not isinstance(nonce, str) or not _NONCE.fullmatch(nonce)):
        return None
    return token, answers, nonce


def store_answer(ctx: RouteContext, token: str, answers: dict, nonce: str | None, lang: str) -> dict:
    """One answer in one transaction; raises CompanionError."""
    form = load_form(ctx.settings.data_dir, ctx.event.programme)
    with db.kept_connection(ctx.db_path) as conn:
        if purge.purged_at(conn) is not None:
            raise EvaluationError("event_purged", "The event's personal data has been deleted.")
        person = participant(conn, token)
        done = evaluation.submit(
            conn,
            form,
            ctx.event.programme,
            participant_id=person.id,
            theme=person.theme,
            answers=answers,
            now=ctx.clock.now(),
            nonce=nonce,
        )
    message = t("eval.saved" if done.status == "saved" else "eval.updated", lang)
    return {"status": done.status, "message": message, "answers": done.answers}


async def answer(request: Request) -> JSONResponse:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    parsed = _parse(body)
    if parsed is None:
        return refuse("bad_evaluation", lang, 400)
    try:
        ctx = server_context()
        # In a worker thread: a write may wait for the database lock, the event loop must not.
        stored = await run_in_threadpool(store_answer, ctx, *parsed, lang)
    except CompanionError as exc:
        return refuse(exc.code, lang, STATUS.get(exc.code, 400), **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("evaluation_unavailable", lang, 503)
    return JSONResponse(stored, headers=NO_STORE)


EVALUATION_ROUTE = Route("/api/evaluation", answer, methods=["POST"])
