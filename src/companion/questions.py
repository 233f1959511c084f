"""Questions for the panel: ask, vote, moderate, queue, and the one question on the big screen.

Invariants live in the store: one vote per person per question (primary key), the same
question twice from one person refused (unique text_key), one question on screen (partial
unique index). Every write is one IMMEDIATE transaction; actions a double tap could repeat
are idempotent (a nonce for asking; "set" rather than "toggle" for everything else).
"""

import sqlite3
import unicodedata
from collections.abc import Sequence, Set
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import sqlite_utils

from . import audit, caches
from . import text as plain_text
from .agenda import Slot, schedule
from .clock import to_iso
from .db import get_setting, put_setting, scalar, write_tx
from .errors import QuestionError
from .event import ProgrammeItem
from .schedule import get_shifts
from .similarity import group_near_duplicates, normalize

MAX_CHARS = 280
RATE_LIMIT = 5
RATE_WINDOW = timedelta(minutes=10)
STATUSES = ("pending", "published", "hidden", "answered")
DISPLAY_STATUSES = (*STATUSES, "on_screen", "merged")  # what a person sees: Question.display_status
SORTS = ("votes", "newest", "oldest")
OVERRIDE_KEY = "questions.override"  # "open" | "closed" | "" (follow the programme)
PREMODERATION_KEY = "questions.premoderation"  # "1" | "0"
PREMODERATION_DEFAULT = True  # a ministry event: nothing reaches the hall unseen unless switched off

# From -> to for each moderator action. Asking for the state a question is already in does nothing,
# so a second tap on "Godkjenn" is harmless.
_TRANSITIONS = {
    "approve": ({"pending", "hidden"}, "published"),
    "hide": ({"pending", "published", "answered"}, "hidden"),
    "answer": ({"published"}, "answered"),
    "restore": ({"answered", "hidden"}, "published"),
}


# --- values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    id: int
    participant_id: int
    text: str
    original_text: str
    theme: int
    show_name: bool
    status: str
    starred: bool
    queue_pos: int | None
    on_screen: bool
    created_at: datetime
    answered_at: datetime | None
    merged_into: int | None
    edited_at: datetime | None
    votes: int
    author: str | None  # only when the asker chose to show it
    county: str | None  # only when the asker chose to show it
    voted: bool = False  # by the person looking at the list
    mine: bool = False

    @property
    def display_status(self) -> str:
        """What a person sees: pending, published, on_screen, answered, hidden or merged."""
        if self.merged_into is not None:
            return "merged"
        if self.on_screen:
            return "on_screen"
        return self.status

    @property
    def edited(self) -> bool:
        return self.text != self.original_text


@dataclass(frozen=True)
class OpenState:
    is_open: bool
    reason: str  # "scheduled" | "before" | "after" | "opened_by_organizer" | "closed_by_organizer"
    opens_at: datetime
    closes_at: datetime


@dataclass(frozen=True)
class Filters:
    statuses: tuple[str, ...] = ()  # empty: every status
    theme: int | None = None  # 0 = general
    county: str | None = None  # only counties the askers chose to show
    text: str = ""
    min_votes: int = 0
    since: datetime | None = None
    until: datetime | None = None
    starred_only: bool = False
    sort: str = "votes"


@dataclass(frozen=True)
class Budget:
    phase: str  # "before" | "during" | "after" | "none"
    minutes_left: int  # of the panel slot (its whole length before it starts)
    starred_remaining: int
    panel_start: datetime | None
    panel_end: datetime | None

    @property
    def minutes_per_question(self) -> float | None:
        return self.minutes_left / self.starred_remaining if self.starred_remaining else None


@dataclass(frozen=True)
class ModeratorView:
    blocks: list[list[Question]]  # near-duplicates together; the first of a block is the merge target
    total: int  # questions matching the filters
    counts: dict[str, int]  # per status, over every question
    queue: list[Question]  # starred and still to come, in queue order
    on_screen: Question | None
    budget: Budget
    premoderation: bool
    open_state: OpenState


@dataclass(frozen=True)
class AskResult:
    question: Question
    repeated: bool = False  # the same nonce came again: nothing new was stored


# --- text ---------------------------------------------------------------------------------


def clean_text(text: str | None) -> str:
    """The text as it is stored: control and direction characters removed, spaces trimmed.
    Raises QuestionError empty or too_long."""
    cleaned = plain_text.lines(text)
    if not cleaned:
        raise QuestionError("empty_question", "The question is empty.")
    if len(cleaned) > MAX_CHARS:
        raise QuestionError("question_too_long", f"At most {MAX_CHARS} characters.", max=MAX_CHARS, length=len(cleaned))
    return cleaned


def text_key(text: str) -> str:
    """The form in which two questions from one person count as the same: case, punctuation,
    accents and spacing do not matter. Text with no letters at all falls back to itself."""
    key = normalize(text)
    return key if key else " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# --- open or closed -----------------------------------------------------------------------


def panel_slot(slots: Sequence[Slot]) -> Slot | None:
    return next((s for s in slots if s.kind == "panel"), None)


def open_state(db: sqlite_utils.Database, programme: Sequence[ProgrammeItem], now: datetime) -> OpenState:
    """Open from the first programme item after registration until the panel ends, both
    following any delay; the organizer's override wins while it is set."""
    slots = schedule(programme, get_shifts(db))
    real = [s for s in slots if not s.is_end_marker]
    opens = next((s.start for s in real if s.kind != "registration"), real[0].start)
    panel = panel_slot(slots)
    closes = panel.end if panel else real[-1].end
    forced = override(db)
    if forced == "open":
        return OpenState(True, "opened_by_organizer", opens, closes)
    if forced == "closed":
        return OpenState(False, "closed_by_organizer", opens, closes)
    if now < opens:
        return OpenState(False, "before", opens, closes)
    if now >= closes:
        return OpenState(False, "after", opens, closes)
    return OpenState(True, "scheduled", opens, closes)


def override(db: sqlite_utils.Database) -> str:
    """The organizer's choice: "open", "closed", or "" (follow the programme)."""
    return get_setting(db, OVERRIDE_KEY, "") or ""


def set_override(db: sqlite_utils.Database, value: str, *, now: datetime, role: str, desk: str | None = None) -> None:
    """ "open", "closed", or "" to follow the programme again."""
    if value not in ("open", "closed", ""):
        raise QuestionError("bad_override", "Use open, closed or nothing.")
    with write_tx(db):
        if override(db) != value:
            put_setting(db, OVERRIDE_KEY, value)
            audit.record(
                db, at=now, role=role, desk=desk, action="questions.override", detail={"value": value or "auto"}
            )


def premoderation(db: sqlite_utils.Database) -> bool:
    value = get_setting(db, PREMODERATION_KEY)
    return PREMODERATION_DEFAULT if value is None else value == "1"


def set_premoderation(
    db: sqlite_utils.Database, on: bool, *, now: datetime, role: str, desk: str | None = None
) -> None:
    with write_tx(db):
        if premoderation(db) != on or get_setting(db, PREMODERATION_KEY) is None:
            put_setting(db, PREMODERATION_KEY, "1" if on else "0")
            audit.record(db, at=now, role=role, desk=desk, action="questions.premoderation", detail={"on": on})


# --- participants: ask and vote -----------------------------------------------------------


def ask(
    db: sqlite_utils.Database,
    *,
    programme: Sequence[ProgrammeItem],
    participant_id: int,
    text: str,
    now: datetime,
    theme: int = 0,
    show_name: bool = False,
    nonce: str | None = None,
) -> AskResult:
    """Store a question. Raises QuestionError: empty_question, question_too_long, bad_theme,
    questions_closed, duplicate_question, too_many_questions, unknown_participant."""
    cleaned = clean_text(text)
    if not isinstance(theme, int) or isinstance(theme, bool) or theme < 0:
        raise QuestionError("bad_theme", "Theme must be 0 (general) or a theme number.")
    key = text_key(cleaned)
    with write_tx(db):
        if nonce:
            earlier = scalar(
                db, "SELECT id FROM questions WHERE nonce = ? AND participant_id = ?", (nonce, participant_id)
            )
            if earlier is not None:
                return AskResult(get(db, earlier), repeated=True)
        if not scalar(db, "SELECT 1 FROM participants WHERE id = ? AND deleted_at IS NULL", (participant_id,)):
            raise QuestionError("unknown_participant", "No such participant.")
        state = open_state(db, programme, now)
        if not state.is_open:
            raise QuestionError(
                "questions_closed", "Questions are closed.", reason=state.reason, opens=state.opens_at.strftime("%H:%M")
            )
        if scalar(db, "SELECT 1 FROM questions WHERE participant_id = ? AND text_key = ?", (participant_id, key)):
            raise QuestionError("duplicate_question", "You have already asked this question.")
        recent = [
            r["created_at"]
            for r in db.query(
                "SELECT created_at FROM questions WHERE participant_id = ? AND created_at > ? ORDER BY created_at",
                (participant_id, to_iso(now - RATE_WINDOW)),
            )
        ]
        if len(recent) >= RATE_LIMIT:
            free_at = datetime.fromisoformat(recent[-RATE_LIMIT]) + RATE_WINDOW
            wait = max(1, -(-int((free_at - now).total_seconds()) // 60))
            raise QuestionError(
                "too_many_questions", f"At most {RATE_LIMIT} questions per 10 minutes.", limit=RATE_LIMIT, minutes=wait
            )
        status = "pending" if premoderation(db) else "published"
        try:
            cursor = db.execute(
                "INSERT INTO questions (participant_id, text, original_text, text_key, theme, show_name, status, "
                "created_at, nonce)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (participant_id, cleaned, cleaned, key, theme, int(bool(show_name)), status, to_iso(now), nonce),
            )
        except sqlite3.IntegrityError:
            # The unique indexes are the last word (a nonce reused by someone else included).
            raise QuestionError("duplicate_question", "You have already asked this question.") from None
        assert cursor.lastrowid is not None  # set by every INSERT
        return AskResult(get(db, cursor.lastrowid))


def set_vote(db: sqlite_utils.Database, *, question_id: int, participant_id: int, vote: bool, now: datetime) -> int:
    """Vote (True) or take the vote back (False); returns the question's vote count.
    Setting, not toggling: the same tap twice leaves one vote. A vote for a merged question
    counts for the question it was merged into. Raises question_not_found, own_question, not_votable.
    A pending or hidden question is not there for anyone but its asker: it answers question_not_found,
    exactly as an id that does not exist, so unpublished ids and their vote counts do not leak."""
    with write_tx(db):
        question = _root(db, question_id)
        if question["participant_id"] == participant_id:
            raise QuestionError("own_question", "You cannot vote for your own question.")
        if question["status"] in ("pending", "hidden"):
            raise QuestionError("question_not_found", f"No question {question_id}.", id=question_id)
        if vote:
            if question["status"] != "published":
                raise QuestionError("not_votable", "This question is not open for votes.")
            db.execute(
                "INSERT OR IGNORE INTO votes (question_id, participant_id, created_at) VALUES (?, ?, ?)",
                (question["id"], participant_id, to_iso(now)),
            )
        else:
            db.execute(
                "DELETE FROM votes WHERE question_id = ? AND participant_id = ?", (question["id"], participant_id)
            )
        return int(scalar(db, "SELECT COUNT(*) FROM votes WHERE question_id = ?", (question["id"],)))


# --- moderator ----------------------------------------------------------------------------


def moderate(
    db: sqlite_utils.Database, question_id: int, action: str, *, now: datetime, role: str, desk: str | None = None
) -> Question:
    """approve, hide, answer or restore. Raises not_found, bad_action, bad_transition."""
    if action not in _TRANSITIONS:
        raise QuestionError("bad_action", f"Unknown action {action!r}.")
    allowed, target = _TRANSITIONS[action]
    with write_tx(db):
        row = _row(db, question_id)
        if row["merged_into"] is not None:
            raise QuestionError("already_merged", "This question was merged into another.", into=row["merged_into"])
        if row["status"] == target:
            return get(db, question_id)
        if row["status"] not in allowed:
            raise QuestionError(
                "bad_transition", f"Cannot {action} a {row['status']} question.", status=row["status"], action=action
            )
        answered_at = to_iso(now) if target == "answered" else None
        # Only a published question may stay on the screen.
        db.execute(
            "UPDATE questions SET status = ?, answered_at = ?, on_screen = CASE WHEN ? = 'published' THEN on_screen "
            "ELSE 0 END WHERE id = ?",
            (target, answered_at, target, question_id),
        )
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action=f"question.{action}",
            detail={"id": question_id, "from": row["status"]},
        )
        return get(db, question_id)


def edit(
    db: sqlite_utils.Database, question_id: int, text: str, *, now: datetime, role: str, desk: str | None = None
) -> Question:
    """Fix a typo; the asker's words stay in original_text and the audit trail."""
    cleaned = clean_text(text)
    with write_tx(db):
        row = _row(db, question_id)
        if cleaned == row["text"]:
            return get(db, question_id)
        db.execute(
            "UPDATE questions SET text = ?, edited_at = ?, edited_by = ? WHERE id = ?",
            (cleaned, to_iso(now), role, question_id),
        )
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action="question.edit",
            detail={"id": question_id, "before": row["text"], "after": cleaned},
        )
        return get(db, question_id)


def merge(
    db: sqlite_utils.Database,
    keep_id: int,
    other_ids: Sequence[int],
    *,
    now: datetime,
    role: str,
    desk: str | None = None,
) -> Question:
    """Fold near-duplicates into one question. Their votes move over; a person who voted for
    several of them counts once, and the kept question's asker never votes for their own."""
    others = sorted(set(other_ids) - {keep_id})
    if not others:
        raise QuestionError("nothing_to_merge", "Choose at least one other question.")
    with write_tx(db):
        keep = _row(db, keep_id)
        if keep["merged_into"] is not None:
            raise QuestionError("already_merged", "This question was merged into another.", into=keep["merged_into"])
        moved_screen = False
        for other_id in others:
            other = _row(db, other_id)
            if other["merged_into"] is not None:
                continue  # merged already (a second tap): nothing left to move
            db.execute(
                "INSERT OR IGNORE INTO votes (question_id, participant_id, created_at)"
                " SELECT ?, participant_id, created_at FROM votes WHERE question_id = ? AND participant_id != ?",
                (keep_id, other_id, keep["participant_id"]),
            )
            db.execute("DELETE FROM votes WHERE question_id = ?", (other_id,))
            moved_screen |= bool(other["on_screen"])
            db.execute(
                "UPDATE questions SET merged_into = ?, on_screen = 0, starred = 0, queue_pos = NULL WHERE id = ?",
                (keep_id, other_id),
            )
            # Anything merged into the other question now belongs to the kept one.
            db.execute("UPDATE questions SET merged_into = ? WHERE merged_into = ?", (keep_id, other_id))
            if other["starred"] and not keep["starred"]:
                _star(db, keep_id, True)
                keep = _row(db, keep_id)
        if moved_screen and keep["status"] == "published":
            db.execute("UPDATE questions SET on_screen = 1 WHERE id = ?", (keep_id,))
        audit.record(
            db, at=now, role=role, desk=desk, action="question.merge", detail={"into": keep_id, "merged": others}
        )
        return get(db, keep_id)


def star(
    db: sqlite_utils.Database, question_id: int, starred: bool, *, now: datetime, role: str, desk: str | None = None
) -> Question:
    """Star (join the end of the queue) or unstar (leave it)."""
    with write_tx(db):
        row = _row(db, question_id)
        if bool(row["starred"]) != starred:
            _star(db, question_id, starred)
            audit.record(
                db,
                at=now,
                role=role,
                desk=desk,
                action="question.star" if starred else "question.unstar",
                detail={"id": question_id},
            )
        return get(db, question_id)


def place_in_queue(
    db: sqlite_utils.Database, question_id: int, position: int, *, now: datetime, role: str, desk: str | None = None
) -> list[int]:
    """Move a starred question to `position` (0 = next) in the queue; returns the queue's ids.
    An absolute position, so the same tap twice gives the same order."""
    with write_tx(db):
        row = _row(db, question_id)
        if not row["starred"]:
            raise QuestionError("not_starred", "Star the question first.")
        order = [
            r["id"]
            for r in db.query(
                "SELECT id FROM questions WHERE starred = 1 AND id != ? ORDER BY queue_pos, id", (question_id,)
            )
        ]
        position = max(0, min(int(position), len(order)))
        order.insert(position, question_id)
        for pos, qid in enumerate(order, start=1):
            db.execute("UPDATE questions SET queue_pos = ? WHERE id = ?", (pos, qid))
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action="question.reorder",
            detail={"id": question_id, "position": position},
        )
        return order


def show_on_screen(
    db: sqlite_utils.Database, question_id: int, *, now: datetime, role: str, desk: str | None = None
) -> Question:
    """Put one published question on the big screen, replacing the one there."""
    with write_tx(db):
        row = _row(db, question_id)
        if row["merged_into"] is not None:
            raise QuestionError("already_merged", "This question was merged into another.", into=row["merged_into"])
        if row["status"] != "published":
            raise QuestionError(
                "not_published", "Only a published question can go on the screen.", status=row["status"]
            )
        if not row["on_screen"]:
            db.execute("UPDATE questions SET on_screen = 0 WHERE on_screen = 1")
            db.execute("UPDATE questions SET on_screen = 1 WHERE id = ?", (question_id,))
            audit.record(db, at=now, role=role, desk=desk, action="question.screen", detail={"id": question_id})
        return get(db, question_id)


def clear_screen(db: sqlite_utils.Database, *, now: datetime, role: str, desk: str | None = None) -> None:
    with write_tx(db):
        shown = scalar(db, "SELECT id FROM questions WHERE on_screen = 1")
        if shown is not None:
            db.execute("UPDATE questions SET on_screen = 0 WHERE id = ?", (shown,))
            audit.record(db, at=now, role=role, desk=desk, action="question.unscreen", detail={"id": shown})


# --- reading ------------------------------------------------------------------------------

# One or a few questions (append a WHERE clause): each one's votes counted by its own lookup.
_SELECT = """
SELECT q.id, q.participant_id, q.text, q.original_text, q.theme, q.show_name, q.status, q.starred,
       q.queue_pos, q.on_screen, q.created_at, q.answered_at, q.merged_into, q.edited_at,
       CASE WHEN q.show_name = 1 THEN p.name END AS author,
       CASE WHEN q.show_name = 1 THEN p.county END AS county,
       (SELECT COUNT(*) FROM votes v WHERE v.question_id = q.id) AS votes
FROM questions q JOIN participants p ON p.id = q.participant_id
"""
# Long lists: every question's votes counted in one pass. The same columns as _SELECT.
_SELECT_MANY = """
SELECT q.id, q.participant_id, q.text, q.original_text, q.theme, q.show_name, q.status, q.starred,
       q.queue_pos, q.on_screen, q.created_at, q.answered_at, q.merged_into, q.edited_at,
       CASE WHEN q.show_name = 1 THEN p.name END AS author,
       CASE WHEN q.show_name = 1 THEN p.county END AS county,
       COALESCE(v.n, 0) AS votes
FROM questions q JOIN participants p ON p.id = q.participant_id
LEFT JOIN (SELECT question_id, COUNT(*) AS n FROM votes GROUP BY question_id) v ON v.question_id = q.id
"""


_Row = tuple[Any, ...]


def _query(db: sqlite_utils.Database, sql: str, params: Sequence[object] = ()) -> tuple[dict[str, int], list[_Row]]:
    """A query's rows, and where each column is in them: read a value as ``row[at["text"]]``.
    The names are looked up once per query; sqlite3.Row looks them up in every row, which a list
    of 5,000 questions feels (about 2 µs a row)."""
    cursor = db.execute(sql, params)
    return {column[0]: i for i, column in enumerate(cursor.description)}, cursor.fetchall()


def _from_row(row: _Row, at: dict[str, int], viewer: int | None = None, voted: Set[int] = frozenset()) -> Question:
    answered_at, edited_at = row[at["answered_at"]], row[at["edited_at"]]
    return Question(
        id=row[at["id"]],
        participant_id=row[at["participant_id"]],
        text=row[at["text"]],
        original_text=row[at["original_text"]],
        theme=row[at["theme"]],
        show_name=bool(row[at["show_name"]]),
        status=row[at["status"]],
        starred=bool(row[at["starred"]]),
        queue_pos=row[at["queue_pos"]],
        on_screen=bool(row[at["on_screen"]]),
        created_at=datetime.fromisoformat(row[at["created_at"]]),
        answered_at=datetime.fromisoformat(answered_at) if answered_at else None,
        merged_into=row[at["merged_into"]],
        edited_at=datetime.fromisoformat(edited_at) if edited_at else None,
        author=row[at["author"]],
        county=row[at["county"]],
        votes=row[at["votes"]],
        voted=row[at["id"]] in voted,
        mine=viewer is not None and row[at["participant_id"]] == viewer,
    )


def _questions(
    db: sqlite_utils.Database,
    sql: str,
    params: Sequence[object] = (),
    *,
    viewer: int | None = None,
    voted: Set[int] = frozenset(),
) -> list[Question]:
    at, rows = _query(db, sql, params)
    return [_from_row(row, at, viewer, voted) for row in rows]


def _row(db: sqlite_utils.Database, question_id: int) -> dict[str, Any]:
    rows = list(db.query("SELECT * FROM questions WHERE id = ?", (question_id,)))
    if not rows:
        raise QuestionError("question_not_found", f"No question {question_id}.", id=question_id)
    return rows[0]


def _root(db: sqlite_utils.Database, question_id: int) -> dict[str, Any]:
    row = _row(db, question_id)
    for _ in range(100):  # merges are flattened, so this is one step; the bound guards a cycle
        if row["merged_into"] is None:
            return row
        row = _row(db, row["merged_into"])
    raise QuestionError("question_not_found", "Merge chain too long.")


def _star(db: sqlite_utils.Database, question_id: int, starred: bool) -> None:
    if starred:
        last = scalar(db, "SELECT COALESCE(MAX(queue_pos), 0) FROM questions WHERE starred = 1") or 0
        db.execute("UPDATE questions SET starred = 1, queue_pos = ? WHERE id = ?", (last + 1, question_id))
    else:
        db.execute("UPDATE questions SET starred = 0, queue_pos = NULL WHERE id = ?", (question_id,))


def get(db: sqlite_utils.Database, question_id: int) -> Question:
    found = _questions(db, _SELECT + " WHERE q.id = ?", (question_id,))
    if not found:
        raise QuestionError("question_not_found", f"No question {question_id}.", id=question_id)
    return found[0]


def current_on_screen(db: sqlite_utils.Database) -> Question | None:
    found = _questions(db, _SELECT + " WHERE q.on_screen = 1")
    return found[0] if found else None


_ORDER = {
    "votes": "votes DESC, q.created_at DESC, q.id DESC",
    "newest": "q.created_at DESC, q.id DESC",
    "oldest": "q.created_at ASC, q.id ASC",
}


def list_questions(db: sqlite_utils.Database, filters: Filters = Filters()) -> list[Question]:
    """Questions matching every filter (merged ones never), in the chosen order."""
    at, rows = _matching_rows(db, filters)
    return [_from_row(row, at) for row in rows]


def _matching_rows(db: sqlite_utils.Database, filters: Filters) -> tuple[dict[str, int], list[_Row]]:
    """The raw rows of list_questions: turning 5,000 rows into Questions costs more than the query."""
    if filters.sort not in SORTS:
        raise QuestionError("bad_sort", f"Sort by one of {', '.join(SORTS)}.")
    where: list[str] = ["q.merged_into IS NULL"]
    params: list[object] = []
    if filters.statuses:
        unknown = set(filters.statuses) - set(STATUSES)
        if unknown:
            raise QuestionError("bad_status", f"Unknown status {sorted(unknown)}.")
        where.append(f"q.status IN ({', '.join('?' for _ in filters.statuses)})")
        params += list(filters.statuses)
    if filters.theme is not None:
        where.append("q.theme = ?")
        params.append(filters.theme)
    if filters.county:
        where.append("q.show_name = 1 AND p.county = ?")
        params.append(filters.county)
    if filters.since is not None:
        where.append("q.created_at >= ?")
        params.append(to_iso(filters.since))
    if filters.until is not None:
        where.append("q.created_at < ?")
        params.append(to_iso(filters.until))
    if filters.starred_only:
        where.append("q.starred = 1")
    matching = f"{_SELECT_MANY} WHERE {' AND '.join(where)}"
    sql = f"SELECT * FROM ({matching}) AS q WHERE votes >= ? ORDER BY {_ORDER[filters.sort]}"
    params.append(max(0, int(filters.min_votes or 0)))
    at, rows = _query(db, sql, params)
    needle = filters.text.strip().casefold()
    if needle:
        text, original = at["text"], at["original_text"]
        rows = [r for r in rows if needle in r[text].casefold() or needle in r[original].casefold()]
    return at, rows


# Near-duplicates are looked for among the first this many questions in the moderator's order
# (three pages of 40). Grouping grows faster than linearly with the list, and the
# moderator's list must redraw in well under 100 ms every few seconds with 5,000 questions.
GROUP_WINDOW = 120


@lru_cache(maxsize=16)
def _clusters(items: tuple[tuple[int, str], ...]) -> list[list[int]]:
    # Keyed by the (id, text) pairs in id order: a refresh with nothing new costs a lookup.
    return group_near_duplicates(items)


caches.register(_clusters.cache_clear)


def with_near_duplicates(questions: Sequence[Question], window: int = GROUP_WINDOW) -> list[list[Question]]:
    """The list in its order, with each question's near-duplicates pulled up next to the first
    of them. In a block the one with most votes (then the oldest) comes first: the merge target."""
    clusters = _clusters(tuple(sorted((q.id, q.text) for q in questions[:window])))
    cluster_of = {qid: i for i, ids in enumerate(clusters) for qid in ids}
    by_id = {q.id: q for q in questions}
    blocks: list[list[Question]] = []
    placed: set[int] = set()
    for q in questions:
        if q.id in placed:
            continue
        if q.id in cluster_of:
            members = [by_id[i] for i in clusters[cluster_of[q.id]]]
            members.sort(key=lambda m: (-m.votes, m.created_at, m.id))
            blocks.append(members)
            placed.update(m.id for m in members)
        else:
            blocks.append([q])
            placed.add(q.id)
    return blocks


def panel_budget(db: sqlite_utils.Database, programme: Sequence[ProgrammeItem], now: datetime) -> Budget:
    remaining = (
        scalar(db, "SELECT COUNT(*) FROM questions WHERE starred = 1 AND status = 'published' AND merged_into IS NULL")
        or 0
    )
    panel = panel_slot(schedule(programme, get_shifts(db)))
    if panel is None:
        return Budget("none", 0, remaining, None, None)
    if now < panel.start:
        phase, left = "before", panel.end - panel.start
    elif now < panel.end:
        phase, left = "during", panel.end - now
    else:
        phase, left = "after", timedelta()
    return Budget(phase, int(left.total_seconds() // 60), remaining, panel.start, panel.end)


def moderator_view(
    db: sqlite_utils.Database,
    filters: Filters,
    *,
    programme: Sequence[ProgrammeItem],
    now: datetime,
    limit: int = GROUP_WINDOW,
) -> ModeratorView:
    """Everything the moderator's screen shows, read in one go. `blocks` covers the first
    `limit` matching questions (at least GROUP_WINDOW); `total` counts them all."""
    at, rows = _matching_rows(db, filters)
    matching = [_from_row(row, at) for row in rows[: max(limit, GROUP_WINDOW)]]
    counts = {s: 0 for s in STATUSES}
    for status, n in db.execute("SELECT status, COUNT(*) FROM questions WHERE merged_into IS NULL GROUP BY status"):
        counts[status] = n
    queue = _questions(
        db,
        _SELECT
        + " WHERE q.starred = 1 AND q.status = 'published' AND q.merged_into IS NULL ORDER BY q.queue_pos, q.id",
    )
    return ModeratorView(
        blocks=with_near_duplicates(matching),
        total=len(rows),
        counts=counts,
        queue=queue,
        on_screen=current_on_screen(db),
        budget=panel_budget(db, programme, now),
        premoderation=premoderation(db),
        open_state=open_state(db, programme, now),
    )


def public_questions(
    db: sqlite_utils.Database, *, viewer_id: int | None, sort: str = "votes", answered: bool = False
) -> list[Question]:
    """What the hall sees: published questions (or the answered ones), with the viewer's votes marked."""
    if sort not in SORTS:
        raise QuestionError("bad_sort", f"Sort by one of {', '.join(SORTS)}.")
    status = "answered" if answered else "published"
    voted: set[int] = set()
    if viewer_id is not None:
        votes = db.query("SELECT question_id FROM votes WHERE participant_id = ?", (viewer_id,))
        voted = {r["question_id"] for r in votes}
    sql = f"SELECT * FROM ({_SELECT_MANY} WHERE q.status = ? AND q.merged_into IS NULL) AS q ORDER BY {_ORDER[sort]}"
    return _questions(db, sql, (status,), viewer=viewer_id, voted=voted)


def my_questions(db: sqlite_utils.Database, participant_id: int) -> list[Question]:
    """The asker's own questions, newest first. A merged one shows the state of the question it
    joined, so the asker still learns whether it was answered."""
    mine = _questions(
        db,
        _SELECT + " WHERE q.participant_id = ? ORDER BY q.created_at DESC, q.id DESC",
        (participant_id,),
        viewer=participant_id,
    )
    result = []
    for q in mine:
        if q.merged_into is not None:
            root = get(db, _root(db, q.id)["id"])
            q = replace(q, status=root.status, on_screen=root.on_screen, votes=root.votes, answered_at=root.answered_at)
        result.append(q)
    return result


EXPORT_COLUMNS = ("id", "text", "theme", "county", "status", "votes", "created_at", "answered_at", "merged_into")


def export_rows(db: sqlite_utils.Database) -> tuple[tuple[str, ...], list[list[object]]]:
    """Every question for a spreadsheet; the county only where the asker chose to show it.
    Cells are neutralized by spreadsheet.py when written."""
    rows = []
    for q in _questions(db, _SELECT + " ORDER BY q.id"):
        rows.append(
            [
                q.id,
                q.text,
                q.theme,
                q.county or "",
                q.display_status,
                q.votes,
                to_iso(q.created_at),
                to_iso(q.answered_at) if q.answered_at else "",
                q.merged_into if q.merged_into is not None else "",
            ]
        )
    return EXPORT_COLUMNS, rows
