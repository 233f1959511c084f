"""Participants, their personal tokens and their short codes."""

import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from .clock import to_iso

# A participant's role, in the order the desk offers them. The one list: grouping.py deals by it too.
ROLES = ("leader", "caseworker", "ministry", "researcher", "other")
FACILITATOR_ROLES = frozenset({"ministry", "researcher"})  # spread over the groups as facilitators

# No look-alikes: without 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V.
CODE_ALPHABET = "ACEFHJKMNPRTWXY3479"
CODE_LENGTH = 6
TOKEN_BYTES = 24  # 192 bits, 32 URL-safe characters
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")


@dataclass(frozen=True)
class Participant:
    id: int
    token: str
    code: str
    name: str
    email: str | None
    county: str | None
    role: str
    theme: int | None
    walk_in: bool = False

    @property
    def is_facilitator(self) -> bool:
        return self.role in FACILITATOR_ROLES

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "Participant":
        return cls(
            id=row["id"],
            token=row["token"],
            code=row["code"],
            name=row["name"],
            email=row["email"],
            county=row["county"],
            role=row["role"],
            theme=row["theme"],
            walk_in=bool(row["walk_in"]),
        )


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    return re.sub(r"[\s-]", "", text).upper()


def looks_like_token(text: str) -> bool:
    return bool(TOKEN_PATTERN.match(text))


def add_participant(
    db: sqlite_utils.Database,
    *,
    name: str,
    now: datetime,
    email: str | None = None,
    county: str | None = None,
    role: str = "caseworker",
    theme: int | None = None,
    walk_in: bool = False,
) -> Participant:
    """Insert one person with a fresh token and code. Call inside the caller's transaction."""
    for _ in range(20):
        token, code = new_token(), new_code()
        taken = db.execute("SELECT 1 FROM participants WHERE token = ? OR code = ?", (token, code)).fetchone()
        if not taken:
            break
    stamp = to_iso(now)
    cursor = db.execute(
        "INSERT INTO participants (token, code, name, email, county, role, theme, walk_in, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (token, code, name, email or None, county or None, role, theme, int(walk_in), stamp, stamp),
    )
    added = get_participant(db, cursor.lastrowid) if cursor.lastrowid is not None else None
    assert added is not None  # inserted just now, in the caller's transaction
    return added


def get_participant(db: sqlite_utils.Database, participant_id: int) -> Participant | None:
    rows = list(db.query("SELECT * FROM participants WHERE id = ? AND deleted_at IS NULL", (participant_id,)))
    return Participant.from_row(rows[0]) if rows else None


def by_token(db: sqlite_utils.Database, token: str | None) -> Participant | None:
    if not token or not looks_like_token(token):
        return None
    rows = list(db.query("SELECT * FROM participants WHERE token = ? AND deleted_at IS NULL", (token,)))
    return Participant.from_row(rows[0]) if rows else None


def all_participants(db: sqlite_utils.Database) -> list[Participant]:
    rows = db.query("SELECT * FROM participants WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE, id")
    return [Participant.from_row(r) for r in rows]


def personal_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/?t={token}"
