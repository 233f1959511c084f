"""One person's data, found by e-mail address: everything stored about them (the right of access,
GDPR art. 15) and its erasure (art. 17).

Erasure deletes the person's row and everything tied to it: check-ins, group place, the link from
scans (whose raw text goes too), their id and name in the audit trail, the link to their
evaluation answer. What they asked stays, anonymous, and their votes still count, but neither is
linked to them any more (purge.anonymize_links). Snapshots taken before keep them until those are
rotated away or deleted by the purge.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from . import audit, evaluation
from .clock import to_iso
from .db import scalar, write_tx
from .errors import PrivacyError
from .event import Event
from .purge import anonymize_links, compact, forget_hall_links, scrub_audit


def _find(db: sqlite_utils.Database, email: str) -> dict[str, Any]:
    address = email.strip()
    rows = list(db.query("SELECT * FROM participants WHERE lower(email) = lower(?) ORDER BY id", (address,)))
    if not address or not rows:
        raise PrivacyError("unknown_email", f"Nobody with the e-mail address {address!r} is stored.")
    return rows[0]


def _rows(db: sqlite_utils.Database, sql: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(row) for row in db.query(sql, params)]


def export(db: sqlite_utils.Database, event: Event, email: str, *, now: datetime) -> dict[str, Any]:
    """Everything stored about the person with this e-mail, as plain values (for JSON)."""
    person = _find(db, email)
    pid = person["id"]
    theme = event.theme(person["theme"])
    group = _rows(
        db,
        "SELECT g.number, g.room, g.theme, m.pinned FROM group_members m JOIN groups g ON g.id = m.group_id"
        " WHERE m.participant_id = ?",
        (pid,),
    )
    trail = [
        {**row, "detail": json.loads(row["detail"] or "{}")}
        for row in _rows(
            db,
            "SELECT at, role, desk, action, detail FROM audit"
            " WHERE json_valid(detail) AND json_extract(detail, '$.participant_id') = ? ORDER BY id",
            (pid,),
        )
    ]
    return {
        "about": "Everything Verkstedet stores about this person (GDPR art. 15).",
        "event": event.name.nb,
        "controller": event.controller.nb,
        "contact": event.privacy_contact,
        "exported_at": to_iso(now),
        "participant": {
            "name": person["name"],
            "email": person["email"],
            "county": person["county"],
            "role": person["role"],
            "theme": person["theme"],
            "theme_title": theme.title.nb if theme else None,
            "walk_in": bool(person["walk_in"]),
            "personal_link_token": person["token"],
            "short_code": person["code"],
            "created_at": person["created_at"],
            "updated_at": person["updated_at"],
            "deleted_at": person["deleted_at"],
        },
        "checkins": _rows(db, "SELECT at, desk, undone_at, undone_by FROM checkins WHERE participant_id = ?", (pid,)),
        "scans": _rows(
            db, "SELECT at, desk, method, result, raw FROM scans WHERE participant_id = ? ORDER BY id", (pid,)
        ),
        "group": group[0] if group else None,
        "questions": [
            {**row, "show_name": bool(row["show_name"])}
            for row in _rows(
                db,
                "SELECT id, text, original_text, theme, show_name, status, created_at, answered_at, edited_at"
                " FROM questions WHERE participant_id = ? ORDER BY id",
                (pid,),
            )
        ],
        "votes": _rows(
            db,
            "SELECT v.question_id, q.text AS question, v.created_at"
            " FROM votes v JOIN questions q ON q.id = v.question_id WHERE v.participant_id = ? ORDER BY v.created_at",
            (pid,),
        ),
        "kept_columns": _rows(
            db, "SELECT label, kind, value FROM participant_extras WHERE participant_id = ? ORDER BY label", (pid,)
        ),
        "evaluation": evaluation.answer_of(db, pid),
        "poll_answers": _rows(
            db,
            "SELECT a.poll_id, p.question_nb AS question, a.answer, a.at FROM poll_answers a"
            " JOIN polls p ON p.id = a.poll_id WHERE a.participant_id = ? ORDER BY a.id",
            (pid,),
        ),
        "group_points": _rows(
            db,
            "SELECT group_number, text, created_at, edited_at FROM group_notes WHERE author_id = ? ORDER BY id",
            (pid,),
        ),
        "secretary_of_group": scalar(db, "SELECT group_number FROM group_secretaries WHERE participant_id = ?", (pid,)),
        "audit": trail,
    }


@dataclass(frozen=True)
class Erased:
    questions: int
    votes: int
    evaluation: bool


def erase(db: sqlite_utils.Database, email: str, *, now: datetime, role: str, desk: str | None = None) -> Erased:
    """Delete the person with this e-mail (see the module's text). Audit-logged without naming them."""
    db.execute("PRAGMA secure_delete = ON")
    with write_tx(db):
        pid = _find(db, email)["id"]
        questions, votes = anonymize_links(db, [pid], now)
        answered = evaluation.forget_link(db, pid)
        forget_hall_links(db, pid)
        db.execute("DELETE FROM group_members WHERE participant_id = ?", (pid,))
        db.execute("DELETE FROM participant_extras WHERE participant_id = ?", (pid,))
        db.execute("DELETE FROM checkins WHERE participant_id = ?", (pid,))
        db.execute("UPDATE scans SET participant_id = NULL, raw = NULL WHERE participant_id = ?", (pid,))
        scrub_audit(db, pid)
        db.execute("DELETE FROM participants WHERE id = ?", (pid,))
        detail = {"questions": questions, "votes": votes, "evaluation": answered}
        audit.record(db, at=now, role=role, desk=desk, action="privacy.erase", detail=detail)
    compact(db)
    return Erased(questions, votes, answered)
