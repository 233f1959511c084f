"""The purge after the event (GDPR art. 5(1)(e)): personal data goes, anonymous counts stay.

Deleted: names, e-mails, tokens, codes (replaced by placeholders no link or desk accepts), raw
scans, who asked what and who voted for what, the link from evaluation answers to people, the
staff sign-in addresses, names in the audit trail, and every snapshot (they hold it all). Kept:
one anonymous row per participant with county, role, theme and walk-in, their check-in times and
group, the questions' text and status, the number of votes, the evaluation's answers, poll answers
and group points (no longer linked to anyone). So a report
made afterwards counts the same: registered, arrived, walk-ins, per county, theme and role,
questions asked and votes cast.

"Who asked what" and "who voted for what" are cut by moving questions and votes to anonymous
rows of their own (`anonymize_links`): the k-th vote on every question goes to the k-th anonymous
voter, so an anonymous voter stands for no person. Then VACUUM and a TRUNCATE checkpoint, so the
deleted bytes are gone from the database file and its WAL, not just unlinked.
"""

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from . import audit, backup, evaluation, schedule
from .agenda import Shift
from .agenda import schedule as shifted
from .clock import to_iso
from .db import connect, get_setting, put_setting, write_tx
from .errors import PrivacyError
from .event import Event

PURGED_KEY = "privacy.purged_at"
PURGED_PREFIX = "purged:"
ANONYMOUS_PREFIX = "anonymous:"
# Keys of an audit row's detail that hold personal data (the walk-in's name, for one).
PERSONAL_KEYS = ("name", "email", "token", "code", "raw")


def event_end(event: Event, shifts: Sequence[Shift] = ()) -> datetime:
    """The end of the last programme slot, following any delay."""
    return shifted(event.programme, shifts)[-1].end


def purged_at(db: sqlite_utils.Database) -> datetime | None:
    stamp = get_setting(db, PURGED_KEY)
    return datetime.fromisoformat(stamp) if stamp else None


# --- pieces the erasure of one person (person.py) uses too


def _anonymous_row(db: sqlite_utils.Database, now: datetime) -> int:
    """A participant row that stands for nobody: deleted, without name, county, token or code."""
    stamp = to_iso(now)
    cursor = db.execute(
        "INSERT INTO participants (token, code, name, role, created_at, updated_at, deleted_at)"
        " VALUES (?, ?, '', 'other', ?, ?, ?)",
        (ANONYMOUS_PREFIX + secrets.token_hex(12), ANONYMOUS_PREFIX + secrets.token_hex(12), stamp, stamp, stamp),
    )
    return int(cursor.lastrowid or 0)


def _move(db: sqlite_utils.Database, table: str, key: str, rows: list[tuple[int, int]], now: datetime) -> int:
    """Give the row ranked k (1, 2, ...) the k-th of a fresh set of anonymous participants."""
    pool = [_anonymous_row(db, now) for _ in range(max((rank for _, rank in rows), default=0))]
    extra = ", show_name = 0" if table == "questions" else ""
    db.conn.executemany(
        f"UPDATE {table} SET participant_id = ?{extra} WHERE {key} = ?", [(pool[rank - 1], rid) for rid, rank in rows]
    )
    return len(rows)


def anonymize_links(db: sqlite_utils.Database, participant_ids: Sequence[int] | None, now: datetime) -> tuple[int, int]:
    """Cut the link from questions and votes to the people (all with None) who asked and cast them;
    the questions and the vote counts stay. Call inside the caller's transaction. Returns
    (questions, votes) moved.

    A vote must keep a participant (the schema says so, and one vote per person per question is a
    unique key), so the k-th vote on each question goes to the k-th anonymous participant, and the
    k-th question with the same text to the k-th of another set: no anonymous row is one person."""
    where: str = "1"
    params: tuple[int, ...] = ()
    if participant_ids is not None:
        where = f"participant_id IN ({', '.join('?' * len(participant_ids))})"
        params = tuple(int(i) for i in participant_ids)
        if not params:
            return 0, 0
    anonymous = f"participant_id NOT IN (SELECT id FROM participants WHERE token LIKE '{ANONYMOUS_PREFIX}%')"
    votes = db.execute(
        "SELECT rowid, row_number() OVER (PARTITION BY question_id ORDER BY created_at, rowid)"
        f" FROM votes WHERE {where} AND {anonymous}",
        params,
    ).fetchall()
    asked = db.execute(
        "SELECT id, row_number() OVER (PARTITION BY text_key ORDER BY id)"
        f" FROM questions WHERE {where} AND {anonymous}",
        params,
    ).fetchall()
    return _move(db, "questions", "id", asked, now), _move(db, "votes", "rowid", votes, now)


def scrub_audit(db: sqlite_utils.Database, participant_id: int | None = None) -> int:
    """Drop personal values from audit details: from every row, or (with an id) the rows about one
    person, which also lose the id. Call inside the caller's transaction. Returns rows changed."""
    changed = 0
    for row_id, detail in db.execute("SELECT id, detail FROM audit WHERE detail IS NOT NULL").fetchall():
        try:
            values = json.loads(detail)
        except ValueError:
            continue
        if not isinstance(values, dict):
            continue
        if participant_id is not None and values.get("participant_id") != participant_id:
            continue
        doomed = set(PERSONAL_KEYS) | ({"participant_id"} if participant_id is not None else set())
        kept = {k: v for k, v in values.items() if k not in doomed}
        if kept != values:
            text = json.dumps(kept, ensure_ascii=False, sort_keys=True)
            db.execute("UPDATE audit SET detail = ? WHERE id = ?", (text, row_id))
            changed += 1
    return changed


def compact(db: sqlite_utils.Database, *, attempts: int = 50) -> bool:
    """VACUUM (deleted rows leave their bytes in free pages), then fold the WAL into the file and
    truncate it to nothing. False if other connections kept the WAL from being truncated."""
    db.execute("VACUUM")
    for _ in range(attempts):
        busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return True
        time.sleep(0.1)
    return False


def forget_hall_links(db: sqlite_utils.Database, participant_id: int | None) -> None:
    """Poll answers and group points stay (they count, and the points are the groups' work) but no
    longer say whose they are; a named secretary goes. Everyone's (None) or one person's. Call
    inside the caller's transaction."""
    where, params = ("", ()) if participant_id is None else (" WHERE participant_id = ?", (participant_id,))
    db.execute(f"UPDATE poll_answers SET participant_id = NULL{where}", params)
    db.execute(f"DELETE FROM group_secretaries{where}", params)
    author = "" if participant_id is None else " WHERE author_id = ?"
    db.execute(f"UPDATE group_notes SET author_id = NULL, nonce = NULL{author}", params)


# --- the purge


@dataclass(frozen=True)
class PurgeResult:
    participants: int
    questions: int
    votes: int
    scans: int
    snapshots: tuple[str, ...]
    wal_truncated: bool
    copies: tuple[str, ...] = ()  # deleted in COMPANION_BACKUP_COPY_TO
    copies_left: str = ""  # why copies there may remain (the folder not reachable), else ""


def _check(event: Event, confirmation: str, end: datetime, now: datetime) -> None:
    names = {name for name in (event.name.nb, event.name.en) if name}
    if confirmation.strip() not in names:
        raise PrivacyError("wrong_confirmation", f"Type the event's name exactly ({event.name.nb}) to purge.")
    if now < end:
        raise PrivacyError(
            "event_not_over",
            f"The event is not over: it ends {end:%d.%m.%Y %H:%M}. Purge after that.",
            end=f"{end:%d.%m.%Y %H:%M}",
        )


def purge(
    db_path: Path | str,
    event: Event,
    *,
    confirmation: str,
    now: datetime,
    role: str,
    desk: str | None = None,
    copy_to: Path | None = None,
) -> PurgeResult:
    """Delete the event's personal data (see the module's text). `confirmation` must be the
    event's name; refused before the event's end. Audit-logged; harmless to run again. With
    `copy_to` (COMPANION_BACKUP_COPY_TO), the snapshot copies there go too, or the result says why
    they could not."""
    with connect(db_path) as db:
        _check(event, confirmation, event_end(event, schedule.get_shifts(db)), now)
        folder = backup.snapshot_dir(db_path)
        doomed = backup.list_snapshots(folder)
        db.execute("PRAGMA secure_delete = ON")
        with write_tx(db):
            questions, votes = anonymize_links(db, None, now)
            participants = db.execute(
                "UPDATE participants SET name = '', email = NULL, token = ? || id, code = ? || id, updated_at = ?"
                f" WHERE token NOT LIKE '{ANONYMOUS_PREFIX}%'",
                (PURGED_PREFIX, PURGED_PREFIX, to_iso(now)),
            ).rowcount
            scans = db.execute("UPDATE scans SET raw = NULL WHERE raw IS NOT NULL").rowcount
            db.execute("DELETE FROM participant_extras")  # dietary needs and other kept columns
            db.execute("UPDATE staff_attempts SET client = NULL")
            # Refused sign-ins stay counted per role and minute, no longer per address.
            db.execute(
                "INSERT INTO staff_refusals (role, client, minute, count)"
                " SELECT role, '-', minute, SUM(count) FROM staff_refusals WHERE client != '-' GROUP BY role, minute"
                " ON CONFLICT (role, client, minute) DO UPDATE SET count = count + excluded.count"
            )
            db.execute("DELETE FROM staff_refusals WHERE client != '-'")
            scrub_audit(db)
            evaluation.forget_all_links(db)
            forget_hall_links(db, None)
            put_setting(db, PURGED_KEY, to_iso(now))
            detail = {
                "participants": participants,
                "questions": questions,
                "votes": votes,
                "scans": scans,
                "snapshots": len(doomed),
            }
            audit.record(db, at=now, role=role, desk=desk, action="privacy.purge", detail=detail)
        deleted = backup.delete_all_snapshots(folder)
        copies, copies_left = backup.delete_copies(copy_to)
        truncated = compact(db)
    return PurgeResult(
        participants,
        questions,
        votes,
        scans,
        tuple(p.name for p in deleted),
        truncated,
        tuple(p.name for p in copies),
        copies_left,
    )
