"""The audit trail: every staff action, with time, role and desk."""

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import sqlite_utils

from .clock import to_iso
from .db import Row


def record(
    db: sqlite_utils.Database,
    *,
    at: datetime,
    role: str,
    action: str,
    detail: Mapping[str, object] | None = None,
    desk: str | None = None,
) -> None:
    """Write one audit row. Call inside the transaction of the action it records."""
    db.execute(
        "INSERT INTO audit (at, role, desk, action, detail) VALUES (?, ?, ?, ?, ?)",
        (to_iso(at), role, desk, action, json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)),
    )


def trail(db: sqlite_utils.Database, limit: int | None = None) -> list[Row]:
    sql = "SELECT id, at, role, desk, action, detail FROM audit ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return list(db.query(sql))


COLUMNS = ("at", "role", "desk", "action", "detail")


def detail_values(detail: str | None) -> dict[str, Any] | str:
    """A row's JSON detail as its keys and values, or, when it is not a JSON object, the text to show as it is."""
    try:
        values = json.loads(detail or "{}")
    except ValueError:
        return detail or ""
    return values if isinstance(values, dict) else str(values)


def describe(detail: str | None) -> str:
    """The JSON detail as short `key=value` text for people to read."""
    values = detail_values(detail)
    if isinstance(values, str):
        return values
    return ", ".join(f"{k}={v}" for k, v in values.items())


def table(db: sqlite_utils.Database, limit: int | None = None) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The trail as columns and rows, newest first, for the page and for exports."""
    rows: list[tuple[str, ...]] = [
        (r["at"], r["role"], r["desk"] or "", r["action"], describe(r["detail"])) for r in trail(db, limit)
    ]
    return COLUMNS, rows


def pin_attempts(db: sqlite_utils.Database, *, failed_only: bool = True, limit: int = 200) -> list[Row]:
    """Staff sign-in attempts, newest first (wrong PINs by default). The PIN itself is never stored."""
    where = "WHERE ok = 0" if failed_only else ""
    return list(
        db.query(f"SELECT at, role, ok, client FROM staff_attempts {where} ORDER BY id DESC LIMIT ?", (int(limit),))
    )


def failed_pin_count(db: sqlite_utils.Database) -> int:
    count: int = db.execute("SELECT count(*) FROM staff_attempts WHERE ok = 0").fetchone()[0]
    return count
