"""A cheap fingerprint of what open phones must follow at once: the schedule and the groups.

Browsers poll it; only when it changes do they ask the server for a rerun of their view.
"""

import sqlite_utils


def version(db: sqlite_utils.Database) -> str:
    shifts, last_shift = db.execute("SELECT count(*), coalesce(max(id), 0) FROM schedule_shifts").fetchone()
    # Any move, pin, assignment or reset changes this sum or the count.
    members, placement = db.execute(
        "SELECT count(*), coalesce(sum(participant_id * 1000003 + group_id * 7 + pinned), 0) FROM group_members"
    ).fetchone()
    locked = db.execute("SELECT coalesce(max(value), '') FROM settings WHERE key = 'themes_locked'").fetchone()[0]
    return f"s{shifts}.{last_shift}-g{members}.{placement % 1_000_000_007}-l{locked}"
