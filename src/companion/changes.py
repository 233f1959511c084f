"""A cheap fingerprint of what every open phone must follow at once (the schedule).

Browsers poll it; only when it changes do they ask the server for a rerun of their view.
"""

import sqlite_utils


def schedule_version(db: sqlite_utils.Database) -> str:
    count, last = db.execute("SELECT count(*), coalesce(max(id), 0) FROM schedule_shifts").fetchone()
    return f"s{count}.{last}"
