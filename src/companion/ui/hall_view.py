"""What the Spørsmål page shows one participant, as data for its iframe (ui/hall_page.py).

The page is drawn by the browser from this data, and kept fresh by polling GET /api/questions
(ui/hall_routes.py): during the panel a hundred phones ask, vote and follow the list without a
Streamlit script run. Two parts:

- the hall's part (open or closed, the published list, the answered ones) is the same for
  everybody who reads the same language: built at most once a second and shared;
- the reader's part (own questions with their status, own votes) is two small indexed queries.

Cards carry HTML made by question_html(), which escapes every piece of user text; the browser
puts nothing else from a question into the page.
"""

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from .. import caches, questions
from ..agenda import schedule
from ..event import Event
from ..i18n import clock_time, t
from ..questions import Question
from ..schedule import get_shifts
from ..templating import spliced_json
from .question_card import question_html

MAX_CARDS = 200  # the list a phone holds; beyond this nobody scrolls
SHARED_SECONDS = 1.0  # the hall's part is rebuilt at most this often (vote counts lag by as much)


@dataclass(frozen=True)
class _Shared:
    built: float
    json: str  # {"open": ..., "list": [...], "answered": [...]}
    digest: str


_shared: dict[tuple[str, str], _Shared] = {}
_shared_lock = threading.Lock()


def _closed_message(state: questions.OpenState, lang: str) -> str | None:
    if state.is_open:
        return None
    if state.reason == "before":
        return t("q.closed_before", lang, time=clock_time(state.opens_at))
    if state.reason == "after":
        return t("q.closed_after", lang)
    return t("q.closed_organizer", lang)


def _card(q: Question, event: Event, lang: str, *, status: bool) -> dict:
    return {"id": q.id, "html": question_html(q, event, lang, status=status), "votes": q.votes}


def _build_shared(conn: sqlite_utils.Database, event: Event, lang: str, now: datetime) -> str:
    state = questions.open_state(conn, event.programme, now)
    listed = questions.public_questions(conn, viewer_id=None, sort="newest")[:MAX_CARDS]
    answered = questions.public_questions(conn, viewer_id=None, sort="newest", answered=True)[:MAX_CARDS]
    part = {
        "open": state.is_open,
        "closed": _closed_message(state, lang),
        # Newest first; the browser sorts by votes itself (stable, so ties stay newest first,
        # as questions.public_questions orders them).
        "list": [_card(q, event, lang, status=q.on_screen) for q in listed],
        "answered": [_card(q, event, lang, status=False) for q in answered],
    }
    return json.dumps(part, ensure_ascii=False, separators=(",", ":"))


def shared_part(
    conn: sqlite_utils.Database,
    db_path: Path,
    event: Event,
    lang: str,
    now: datetime,
    *,
    monotonic: Callable[[], float] = time.monotonic,
) -> _Shared:
    """The hall's part, from memory when it is under a second old (by `monotonic`, a timer)."""
    key = (str(db_path), lang)
    found = _shared.get(key)
    if found is None or monotonic() - found.built > SHARED_SECONDS:
        text = _build_shared(conn, event, lang, now)
        found = _Shared(monotonic(), text, hashlib.sha1(text.encode()).hexdigest()[:16])
        with _shared_lock:
            _shared[key] = found
    return found


def forget_shared() -> None:
    """Drop the shared parts, so the next reader sees the database as it is this instant (tests
    that cannot wait the second)."""
    with _shared_lock:
        _shared.clear()


caches.register(forget_shared)


def _reader_part(conn: sqlite_utils.Database, event: Event, lang: str, participant_id: int) -> str:
    mine = questions.my_questions(conn, participant_id)
    voted = [
        r[0]
        for r in conn.execute(
            "SELECT question_id FROM votes WHERE participant_id = ? ORDER BY question_id", (participant_id,)
        )
    ]
    part = {"mine": [_card(q, event, lang, status=True) for q in mine], "voted": voted}
    return json.dumps(part, ensure_ascii=False, separators=(",", ":"))


def view_json(
    conn: sqlite_utils.Database,
    db_path: Path,
    event: Event,
    lang: str,
    participant_id: int,
    now: datetime,
    *,
    known: str | None = None,
) -> str:
    """The whole view as JSON text: {"v", "hall", "me"}. When `known` is the current "v", only
    {"v", "same": true}: a poll that finds nothing new costs the phone a few bytes."""
    hall = shared_part(conn, db_path, event, lang, now)
    me = _reader_part(conn, event, lang, participant_id)
    version = hall.digest + hashlib.sha1(me.encode()).hexdigest()[:16]
    if known == version:
        return json.dumps({"v": version, "same": True})
    return spliced_json({"v": version}, hall=hall.json, me=me)


def panel_start(conn: sqlite_utils.Database, event: Event) -> datetime | None:
    panel = questions.panel_slot(schedule(event.programme, get_shifts(conn)))
    return panel.start if panel else None
