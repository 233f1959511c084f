"""Innspill fra gruppene: a group's key points during group work, for the 16:00 summing-up.

The group's facilitator, or the member the facilitator names as secretary, posts short points
(plain text, at most MAX_CHARS), each tagged with one of the theme's guiding questions; the author
may edit their own. Points keep the order they were posted in: the position is the next number
within the group, taken inside the write transaction, and a unique index on (group, position)
holds it, so two phones posting at once both land, one after the other. A repeated request with the
same nonce stores one point. The organizer and the moderator star the best and put chosen ones on
Storskjerm (audit-logged).
"""

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from . import audit, groups, text
from .clock import to_iso
from .db import write_tx
from .errors import HallError
from .event import Event, Text

MAX_CHARS = 500


@dataclass(frozen=True)
class Note:
    id: int
    group_number: int
    position: int
    author_id: int | None
    guiding: int
    text: str
    starred: bool
    on_screen: bool
    edited: bool


def guiding_questions(event: Event, theme_id: int) -> tuple[Text, ...]:
    """The questions a point can answer: the theme's own, then the day's cross-cutting one."""
    theme = event.theme(theme_id)
    own = (theme.question,) if theme is not None else ()
    return own + ((event.cross_cutting,) if event.cross_cutting.nb else ())


def secretary(db: sqlite_utils.Database, group_number: int) -> int | None:
    row = db.execute("SELECT participant_id FROM group_secretaries WHERE group_number = ?", (group_number,)).fetchone()
    return None if row is None else int(row[0])


def writer_group(db: sqlite_utils.Database, event: Event, participant_id: int) -> groups.GroupView:
    """The group this person may write notes for, or HallError (not_in_group, not_note_writer)."""
    group = groups.group_of(db, event, participant_id)
    if group is None:
        raise HallError("not_in_group", "You are not in a group.")
    me = next((m for m in group.members if m.id == participant_id), None)
    if me is None or not (me.is_facilitator or secretary(db, group.number) == participant_id):
        raise HallError("not_note_writer", "Only the facilitator or the secretary writes the group's notes.")
    return group


def name_secretary(
    db: sqlite_utils.Database, event: Event, facilitator_id: int, member_id: int | None, *, now: datetime
) -> None:
    """The facilitator names a member of the group as secretary (None: nobody)."""
    with write_tx(db):
        group = groups.group_of(db, event, facilitator_id)
        me = next((m for m in group.members if m.id == facilitator_id), None) if group else None
        if group is None or me is None or not me.is_facilitator:
            raise HallError("not_facilitator", "Only the group's facilitator names a secretary.")
        if member_id is None:
            db.execute("DELETE FROM group_secretaries WHERE group_number = ?", (group.number,))
        else:
            if member_id not in {m.id for m in group.members}:
                raise HallError("not_in_group", "The secretary must be a member of the group.")
            db.execute(
                "INSERT INTO group_secretaries (group_number, participant_id, at) VALUES (?, ?, ?)"
                " ON CONFLICT (group_number) DO UPDATE SET participant_id = excluded.participant_id, at = excluded.at",
                (group.number, member_id, to_iso(now)),
            )


def clean(value: object) -> str:
    if not isinstance(value, str):
        raise HallError("bad_note", "A note is text.")
    kept = text.lines(value)
    if not kept:
        raise HallError("empty_note", "Write the point first.")
    if len(kept) > MAX_CHARS:
        raise HallError("note_too_long", f"At most {MAX_CHARS} characters.", max=MAX_CHARS, length=len(kept))
    return kept


def _guiding(event: Event, group: groups.GroupView, guiding: int) -> int:
    if not 0 <= guiding < len(guiding_questions(event, group.theme)):
        raise HallError("bad_guiding", "Choose one of the guiding questions.")
    return guiding


def post(
    db: sqlite_utils.Database,
    event: Event,
    participant_id: int,
    note: object,
    *,
    guiding: int,
    now: datetime,
    nonce: str | None = None,
) -> Note:
    """Add a point at the end of the writer's group's list. One transaction; the same nonce again
    returns the point it stored."""
    kept = clean(note)
    with write_tx(db):
        group = writer_group(db, event, participant_id)
        _guiding(event, group, guiding)
        if nonce is not None:
            row = db.execute("SELECT id FROM group_notes WHERE nonce = ?", (nonce,)).fetchone()
            if row is not None:
                return _one(db, int(row[0]))
        position = db.execute(
            "SELECT coalesce(max(position), 0) + 1 FROM group_notes WHERE group_number = ?", (group.number,)
        ).fetchone()[0]
        cursor = db.execute(
            "INSERT INTO group_notes (group_number, position, author_id, guiding, text, nonce, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (group.number, position, participant_id, guiding, kept, nonce, to_iso(now)),
        )
        return _one(db, int(cursor.lastrowid or 0))


def edit(
    db: sqlite_utils.Database,
    event: Event,
    participant_id: int,
    note_id: int,
    note: object,
    *,
    guiding: int,
    now: datetime,
) -> Note:
    """The author changes their own point (text and guiding question)."""
    kept = clean(note)
    with write_tx(db):
        group = writer_group(db, event, participant_id)
        _guiding(event, group, guiding)
        row = db.execute("SELECT author_id FROM group_notes WHERE id = ?", (note_id,)).fetchone()
        if row is None or row[0] != participant_id:
            raise HallError("note_not_found", "No such point of yours.")
        db.execute(
            "UPDATE group_notes SET text = ?, guiding = ?, edited_at = ? WHERE id = ?",
            (kept, guiding, to_iso(now), note_id),
        )
        return _one(db, note_id)


_COLUMNS = "id, group_number, position, author_id, guiding, text, starred, on_screen, edited_at"


def _note(row: tuple) -> Note:  # type: ignore[type-arg]
    return Note(row[0], row[1], row[2], row[3], row[4], row[5], bool(row[6]), bool(row[7]), row[8] is not None)


def _one(db: sqlite_utils.Database, note_id: int) -> Note:
    return _note(db.execute(f"SELECT {_COLUMNS} FROM group_notes WHERE id = ?", (note_id,)).fetchone())


def notes(db: sqlite_utils.Database, group_number: int | None = None) -> list[Note]:
    """One group's points (or every group's), in group and posting order."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM group_notes WHERE ? IS NULL OR group_number = ? ORDER BY group_number, position",
        (group_number, group_number),
    ).fetchall()
    return [_note(r) for r in rows]


def version(db: sqlite_utils.Database, group_number: int) -> str:
    """Moves when a point of this group is added, edited, starred or shown."""
    row = db.execute(
        "SELECT count(*), coalesce(max(id), 0), coalesce(max(edited_at), ''), coalesce(sum(starred + 2 * on_screen), 0)"
        " FROM group_notes WHERE group_number = ?",
        (group_number,),
    ).fetchone()
    return ".".join(str(v) for v in row)


def _staff_update(
    db: sqlite_utils.Database, note_id: int, column: str, value: bool, *, now: datetime, role: str, desk: str | None
) -> None:
    with write_tx(db):
        if db.execute("SELECT 1 FROM group_notes WHERE id = ?", (note_id,)).fetchone() is None:
            raise HallError("note_not_found", "No such point.")
        db.execute(f"UPDATE group_notes SET {column} = ? WHERE id = ?", (int(value), note_id))
        action = f"notes.{'star' if column == 'starred' else 'screen'}{'' if value else '_off'}"
        audit.record(db, at=now, role=role, desk=desk, action=action, detail={"note": note_id})


def star(
    db: sqlite_utils.Database, note_id: int, starred: bool, *, now: datetime, role: str, desk: str | None = None
) -> None:
    _staff_update(db, note_id, "starred", starred, now=now, role=role, desk=desk)


def show(
    db: sqlite_utils.Database, note_id: int, shown: bool, *, now: datetime, role: str, desk: str | None = None
) -> None:
    """Put a point on Storskjerm (several may be), or take it off."""
    _staff_update(db, note_id, "on_screen", shown, now=now, role=role, desk=desk)


def on_screen(db: sqlite_utils.Database) -> list[Note]:
    rows = db.execute(f"SELECT {_COLUMNS} FROM group_notes WHERE on_screen = 1 ORDER BY group_number, position")
    return [_note(r) for r in rows.fetchall()]
