"""The audit trail: every staff action, with time, role and desk."""

import json
from datetime import datetime

import sqlite_utils

from .clock import to_iso


def record(db: sqlite_utils.Database, *, at: datetime, role: str, action: str, detail: dict | None = None, desk: str | None = None) -> None:
    """Write one audit row. Call inside the transaction of the action it records."""
    db.execute(
        "INSERT INTO audit (at, role, desk, action, detail) VALUES (?, ?, ?, ?, ?)",
        (to_iso(at), role, desk, action, json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)),
    )


def trail(db: sqlite_utils.Database, limit: int | None = None) -> list[dict]:
    sql = "SELECT id, at, role, desk, action, detail FROM audit ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql))
