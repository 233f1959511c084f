"""GET /api/questions and POST /api/ask: the Spørsmål page's iframe talks to these, so following
the list and asking a question cost the server a query or one write, not a Streamlit run.

GET /api/questions?t=TOKEN&lang=nb&v=VERSION answers the reader's view (ui/hall_view.py); with
the version the phone already shows, just {"v", "same": true}. POST /api/ask takes
{token, text, theme, show_name, nonce, lang} and answers {"status", "message", "view"}: the
reader's fresh view comes back with the answer, so the new question shows without another trip.
The nonce makes a double tap or a retried request store one question.
"""

import re
import sqlite3

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import db, questions
from ..errors import CompanionError, QuestionError
from ..i18n import t
from ..templating import spliced_json
from . import hall_view
from .hall_live_routes import HALL_LIVE_ROUTES
from .route_context import NO_STORE, RouteContext, Unavailable, json_body, lang_of, participant, refuse, server_context

_NONCE = re.compile(r"[0-9a-f]{16,64}")
_VERSION = re.compile(r"[0-9a-f]{1,64}")


def read_view(ctx: RouteContext, token: object, lang: str, known: str | None) -> str:
    with db.kept_connection(ctx.db_path) as conn:
        person = participant(conn, token)
        return hall_view.view_json(conn, ctx.db_path, ctx.event, lang, person.id, ctx.clock.now(), known=known)


async def hall(request: Request) -> Response:
    params = request.query_params
    lang = lang_of(params.get("lang"))
    known = params.get("v")
    if known is not None and not _VERSION.fullmatch(known):
        known = None  # an odd version is simply not the current one
    try:
        # Reads only (WAL readers never wait for writers): on the event loop, no thread hop.
        text = read_view(server_context(), params.get("t"), lang, known)
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("questions_unavailable", lang, 503)
    return Response(text, media_type="application/json", headers=NO_STORE)


def _parse_ask(body: dict | None) -> dict | None:
    if body is None:
        return None
    text, theme, show_name, nonce = (
        body.get("text"),
        body.get("theme", 0),
        body.get("show_name", False),
        body.get("nonce"),
    )
    if not isinstance(text, str) or type(theme) is not int or not isinstance(show_name, bool):
        return None
    if not -(2**63) <= theme < 2**63:  # past SQLite's integers no theme exists
        return None
    if not isinstance(nonce, str) or not _NONCE.fullmatch(nonce):
        return None
    return {"text": text, "theme": theme, "show_name": show_name, "nonce": nonce}


def ask_question(ctx: RouteContext, token: object, lang: str, fields: dict) -> dict:
    """One question in one transaction, then the asker's fresh view. Raises CompanionError."""
    if fields["theme"] != 0 and ctx.event.theme(fields["theme"]) is None:
        raise QuestionError("bad_theme", "Theme must be 0 (general) or a theme number.")
    with db.kept_connection(ctx.db_path) as conn:
        person = participant(conn, token)
        now = ctx.clock.now()
        result = questions.ask(conn, programme=ctx.event.programme, participant_id=person.id, now=now, **fields)
        status = result.question.status
        # The asker's own part is read fresh; the hall's list follows within a second (the page
        # puts the asker's own question at the top of the list at once).
        view = hall_view.view_json(conn, ctx.db_path, ctx.event, lang, person.id, now)
    message = t("q.sent_pending" if status == "pending" else "q.sent_published", lang)
    return {"status": status, "message": message, "question_id": result.question.id, "view": view}


async def ask(request: Request) -> Response:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    try:
        ctx = server_context()
        fields = _parse_ask(body)
        if fields is None:
            return refuse("bad_ask", lang, 400)
        # In a worker thread: a write may wait for the database lock, the event loop must not.
        answer = await run_in_threadpool(ask_question, ctx, body.get("token"), lang, fields)
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("ask_unavailable", lang, 503)
    view = answer.pop("view")  # already JSON text: spliced in, not parsed and encoded again
    return Response(spliced_json(answer, view=view), media_type="application/json", headers=NO_STORE)


# The hall's other small routes (polls, group points, messages, presentations) are served with these.
HALL_ROUTES = [Route("/api/questions", hall), Route("/api/ask", ask, methods=["POST"]), *HALL_LIVE_ROUTES]
