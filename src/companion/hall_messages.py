"""Messages to phones: a short notice from the organizer ("Lunsjen serveres i 2. etasje") for
everyone, one theme or one group. Open phones learn of it through /api/version (its "messages"
field moves) and show it as a banner until dismissed; Nå lists the day's messages. Sending and
withdrawing are audit-logged; a repeated request with the same nonce sends one message.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from . import audit, groups, polls, text
from .clock import to_iso
from .db import write_tx
from .errors import HallError
from .event import Event

MAX_CHARS = 280
SCOPES = ("all", "theme", "group")


@dataclass(frozen=True)
class Message:
    id: int
    text: str
    scope: str
    target: int | None
    created_at: str
    withdrawn: bool


_COLUMNS = "id, text, scope, target, created_at, withdrawn_at"


def _message(row: tuple) -> Message:  # type: ignore[type-arg]
    return Message(row[0], row[1], row[2], row[3], row[4], row[5] is not None)


def send(
    db: sqlite_utils.Database,
    event: Event,
    message: object,
    *,
    scope: str = "all",
    target: int | None = None,
    now: datetime,
    role: str,
    desk: str | None = None,
    nonce: str | None = None,
) -> Message:
    if not isinstance(message, str) or not text.one_line(message):
        raise HallError("empty_message", "Write the message first.")
    kept = text.one_line(message)
    if len(kept) > MAX_CHARS:
        raise HallError("message_too_long", f"At most {MAX_CHARS} characters.", max=MAX_CHARS, length=len(kept))
    if scope not in SCOPES:
        raise HallError("bad_message_scope", "For everyone, one theme or one group.")
    if scope == "all":
        target = None
    elif scope == "theme" and (target is None or event.theme(target) is None):
        raise HallError("bad_message_scope", "No such theme.")
    elif scope == "group" and (target is None or not groups.groups_overview(db, event, target)):
        raise HallError("bad_message_scope", "No such group.")
    with write_tx(db):
        if nonce is not None:
            row = db.execute(f"SELECT {_COLUMNS} FROM hall_messages WHERE nonce = ?", (nonce,)).fetchone()
            if row is not None:
                return _message(row)
        cursor = db.execute(
            "INSERT INTO hall_messages (text, scope, target, created_at, nonce) VALUES (?, ?, ?, ?, ?)",
            (kept, scope, target, to_iso(now), nonce),
        )
        new_id = int(cursor.lastrowid or 0)
        detail = {"message": new_id, "scope": scope, "target": target}
        audit.record(db, at=now, role=role, desk=desk, action="message.send", detail=detail)
    return _message(db.execute(f"SELECT {_COLUMNS} FROM hall_messages WHERE id = ?", (new_id,)).fetchone())


def withdraw(db: sqlite_utils.Database, message_id: int, *, now: datetime, role: str, desk: str | None = None) -> None:
    with write_tx(db):
        changed = db.execute(
            "UPDATE hall_messages SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL", (to_iso(now), message_id)
        ).rowcount
        if not changed:
            raise HallError("message_not_found", "No such message, or it is withdrawn already.")
        audit.record(db, at=now, role=role, desk=desk, action="message.withdraw", detail={"message": message_id})


def all_messages(db: sqlite_utils.Database) -> list[Message]:
    return [_message(r) for r in db.execute(f"SELECT {_COLUMNS} FROM hall_messages ORDER BY id DESC").fetchall()]


def for_person(db: sqlite_utils.Database, theme: int | None, group: int | None) -> list[Message]:
    """The messages someone with this theme and group sees, newest first; withdrawn ones are left out."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM hall_messages WHERE withdrawn_at IS NULL AND (scope = 'all'"
        " OR (scope = 'theme' AND target = ?) OR (scope = 'group' AND target = ?)) ORDER BY id DESC",
        (theme, group),
    ).fetchall()
    return [_message(r) for r in rows]


def version(db: sqlite_utils.Database) -> str:
    """Moves when a message is sent or withdrawn."""
    row = db.execute("SELECT count(*), coalesce(max(id), 0), count(withdrawn_at) FROM hall_messages").fetchone()
    return "m" + ".".join(str(v) for v in row)


def phone_version(db: sqlite_utils.Database) -> str:
    """/api/version's "hall" field: moves when a message is sent or withdrawn, or a poll opens or closes."""
    return version(db) + polls.version(db)
