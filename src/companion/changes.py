"""Cheap fingerprints of what open phones must follow at once.

Browsers poll them (/api/version); only when one changes do they ask the server for a rerun of
the view that shows it.
"""

import sqlite_utils

from . import hall_messages


def version(db: sqlite_utils.Database) -> str:
    shifts, last_shift = db.execute("SELECT count(*), coalesce(max(id), 0) FROM schedule_shifts").fetchone()
    # Any move, pin, assignment or reset changes this sum or the count.
    members, placement = db.execute(
        "SELECT count(*), coalesce(sum(participant_id * 1000003 + group_id * 7 + pinned), 0) FROM group_members"
    ).fetchone()
    locked = db.execute("SELECT coalesce(max(value), '') FROM settings WHERE key = 'themes_locked'").fetchone()[0]
    return f"s{shifts}.{last_shift}-g{members}.{placement % 1_000_000_007}-l{locked}"


def questions_version(db: sqlite_utils.Database) -> str:
    """Moves when the hall's list changes shape: a question published, hidden, merged, answered
    or put on screen. Votes alone do not move it: a vote would otherwise rerun every phone."""
    row = db.execute(
        "SELECT count(*), coalesce(max(id), 0), coalesce(sum(status = 'answered'), 0),"
        " coalesce(max(CASE WHEN on_screen = 1 THEN id END), 0)"
        " FROM questions WHERE status IN ('published', 'answered') AND merged_into IS NULL"
    ).fetchone()
    return "q" + ".".join(str(v) for v in row)


def hall_version(db: sqlite_utils.Database) -> str:
    """Moves when a message to phones is sent or withdrawn, or a poll opens or closes (hall_messages.py)."""
    return hall_messages.phone_version(db)
