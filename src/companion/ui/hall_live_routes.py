"""The hall talking back, as small routes (no Streamlit run for what phones do):

- GET /api/phone?t=TOKEN&lang=nb: Nå's live part for one person: the day's messages for them, the
  open poll with their answer, the presentations of items that have begun.
- POST /api/poll {token, poll_id, answer, lang}: one answer per person, changeable while open.
- GET /api/poll/results?lang=nb: the poll on Storskjerm, counts only (no person in it).
- GET /api/notes?t=TOKEN&lang=nb&v=V and POST /api/notes {token, text, guiding, nonce, note_id?,
  lang}: a group's points (group_notes.py), read by members, written by the facilitator or secretary.
- GET /api/presentation/{id}: a presentation's PDF, as a download with safe headers.
"""

import re
import sqlite3

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from .. import db, group_notes, groups, hall_messages, people, polls, presentations, schedule
from ..errors import CompanionError
from ..i18n import t
from .prefix import api_base
from .route_context import NO_STORE, RouteContext, Unavailable, json_body, lang_of, participant, refuse, server_context

_NONCE = re.compile(r"[0-9a-f]{16,64}")
MAX_ID = 2**63 - 1


def _ok(body: dict) -> JSONResponse:
    return JSONResponse(body, headers=NO_STORE)


def _id(value: object) -> int | None:
    return value if type(value) is int and 0 < value <= MAX_ID else None  # type: ignore[return-value]


# --- Nå: messages, the open poll, presentations


def poll_view(conn, poll: polls.Poll | None, lang: str, person_id: int | None) -> dict | None:
    if poll is None:
        return None
    return {
        "id": poll.id,
        "kind": poll.kind,
        "question": poll.question(lang),
        "labels": list(poll.labels(lang)),
        "mine": polls.answer_of(conn, poll.id, person_id) if person_id is not None else None,
    }


def phone_view(ctx: RouteContext, conn, person: people.Participant, lang: str) -> dict:
    """Nå's live part for one person: their messages, the open poll with their answer, the
    presentations of items that have begun."""
    group = groups.group_of(conn, ctx.event, person.id)
    theme = group.theme if group else person.theme
    messages = hall_messages.for_person(conn, theme, group.number if group else None)
    poll = poll_view(conn, polls.open_poll(conn), lang, person.id)
    shown = presentations.started(conn, ctx.event, ctx.clock.now(), schedule.get_shifts(conn))
    titles = {presentations.slot_key(i): i.title(lang) for i in ctx.event.programme}
    return {
        "messages": [{"id": m.id, "text": m.text, "at": m.created_at[11:16]} for m in messages],
        "poll": poll,
        "presentations": [
            {
                "title": p.title,
                "item": titles.get(slot, ""),
                "href": p.url if p.kind == "link" else f"{api_base()}presentation/{p.id}",
                "label": t("pres.link_web" if p.kind == "link" else "pres.link_pdf", lang),
            }
            for slot, p in shown
        ],
    }


def read_phone(ctx: RouteContext, token: object, lang: str) -> dict:
    with db.kept_connection(ctx.db_path) as conn:
        return phone_view(ctx, conn, participant(conn, token), lang)


async def phone(request: Request) -> Response:
    lang = lang_of(request.query_params.get("lang"))
    try:
        return _ok(read_phone(server_context(), request.query_params.get("t"), lang))
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("poll_unavailable", lang, 503)


def answer_poll(ctx: RouteContext, token: object, poll_id: int, value: object, lang: str) -> dict:
    with db.kept_connection(ctx.db_path) as conn:
        person = participant(conn, token)
        status = polls.answer(conn, poll_id, person.id, value, now=ctx.clock.now())
    return {"status": status, "message": t("poll.saved" if status == "saved" else "poll.updated", lang)}


async def poll_answer(request: Request) -> Response:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    poll_id = _id(body.get("poll_id")) if body else None
    if body is None or poll_id is None or "answer" not in body:
        return refuse("bad_poll_answer", lang, 400)
    try:
        ctx = server_context()
        # In a worker thread: a write may wait for the database lock, the event loop must not.
        return _ok(await run_in_threadpool(answer_poll, ctx, body.get("token"), poll_id, body["answer"], lang))
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("poll_unavailable", lang, 503)


def screen_results(ctx: RouteContext, lang: str) -> dict:
    with db.kept_connection(ctx.db_path) as conn:
        poll = polls.shown_poll(conn)
        if poll is None:
            return {"poll": None}
        found = polls.results(conn, poll)
    closed = t("poll.closed", lang) if poll.status == "closed" else ""
    return {"poll": poll.id, "kind": poll.kind, "question": poll.question(lang), "closed": closed, **found}


async def poll_results(request: Request) -> Response:
    lang = lang_of(request.query_params.get("lang"))
    try:
        return _ok(screen_results(server_context(), lang))
    except (Unavailable, sqlite3.Error):
        return refuse("poll_unavailable", lang, 503)


# --- group notes


def notes_view(ctx: RouteContext, conn, person_id: int, lang: str) -> dict:
    group = groups.group_of(conn, ctx.event, person_id)
    if group is None:
        return {"v": "none", "group": None, "canWrite": False, "guiding": [], "notes": []}
    try:
        group_notes.writer_group(conn, ctx.event, person_id)
        can_write = True
    except CompanionError:
        can_write = False
    guiding = [q(lang) for q in group_notes.guiding_questions(ctx.event, group.theme)]
    found = group_notes.notes(conn, group.number)
    return {
        "v": group_notes.version(conn, group.number) + ("w" if can_write else "r"),
        "group": group.number,
        "canWrite": can_write,
        "guiding": guiding,
        "notes": [
            {"id": n.id, "text": n.text, "guiding": n.guiding, "mine": n.author_id == person_id, "edited": n.edited}
            for n in found
        ],
    }


def read_notes(ctx: RouteContext, token: object, lang: str, known: str | None) -> dict:
    with db.kept_connection(ctx.db_path) as conn:
        person = participant(conn, token)
        view = notes_view(ctx, conn, person.id, lang)
    return {"v": view["v"], "same": True} if known == view["v"] else view


async def notes(request: Request) -> Response:
    params = request.query_params
    lang = lang_of(params.get("lang"))
    try:
        return _ok(read_notes(server_context(), params.get("t"), lang, params.get("v")))
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("notes_unavailable", lang, 503)


def write_note(ctx: RouteContext, body: dict, lang: str) -> dict:
    with db.kept_connection(ctx.db_path) as conn:
        person = participant(conn, body.get("token"))
        now = ctx.clock.now()
        if body.get("note_id") is None:
            group_notes.post(
                conn, ctx.event, person.id, body["text"], guiding=body["guiding"], now=now, nonce=body["nonce"]
            )
        else:
            group_notes.edit(
                conn, ctx.event, person.id, body["note_id"], body["text"], guiding=body["guiding"], now=now
            )
        return {"status": "saved", "message": t("notes.saved", lang), "view": notes_view(ctx, conn, person.id, lang)}


def _parse_note(body: dict | None) -> dict | None:
    if body is None or type(body.get("guiding")) is not int or not isinstance(body.get("text"), str):
        return None
    if not isinstance(body.get("nonce"), str) or not _NONCE.fullmatch(body["nonce"]):
        return None
    if body.get("note_id") is not None and _id(body.get("note_id")) is None:
        return None
    if not 0 <= body["guiding"] < 100:
        return None
    return body


async def note_post(request: Request) -> Response:
    body = await json_body(request)
    lang = lang_of(body.get("lang")) if body else "nb"
    parsed = _parse_note(body)
    if parsed is None:
        return refuse("bad_note", lang, 400)
    try:
        ctx = server_context()
        return _ok(await run_in_threadpool(write_note, ctx, parsed, lang))
    except CompanionError as exc:
        return refuse(exc.code, lang, **exc.details)
    except (Unavailable, sqlite3.Error):
        return refuse("notes_unavailable", lang, 503)


# --- presentations


async def presentation(request: Request) -> Response:
    raw = request.path_params.get("pid", "")
    pid = int(raw) if raw.isdigit() and len(raw) < 19 else None
    try:
        ctx = server_context()
        with db.kept_connection(ctx.db_path) as conn:
            found = presentations.get(conn, pid) if pid else None
    except (Unavailable, sqlite3.Error):
        return refuse("presentation_not_found", "nb", 503)
    path = presentations.pdf_path(ctx.db_path, pid) if found and pid else None
    if found is None or path is None or not path.is_file():
        return refuse("presentation_not_found", "nb", 404)
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f'inline; filename="{found[1]}"',
        "Cache-Control": "private, max-age=300",
        "Content-Security-Policy": "sandbox",
    }
    return FileResponse(path, media_type="application/pdf", headers=headers)


HALL_LIVE_ROUTES = [
    Route("/api/phone", phone),
    Route("/api/poll", poll_answer, methods=["POST"]),
    Route("/api/poll/results", poll_results),
    Route("/api/notes", notes),
    Route("/api/notes", note_post, methods=["POST"]),
    Route("/api/presentation/{pid}", presentation),
]
