"""Schedule slips, stored: "we are N minutes late" moves the rest of the programme."""

from datetime import datetime, timedelta

import sqlite_utils

from . import audit
from .agenda import Shift, total_delay
from .clock import to_iso
from .db import write_tx
from .errors import ConfigError

MAX_DELAY_MINUTES = 240


def get_shifts(db: sqlite_utils.Database) -> list[Shift]:
    rows = db.query("SELECT anchor, delta_minutes FROM schedule_shifts ORDER BY id")
    return [Shift(datetime.fromisoformat(r["anchor"]), timedelta(minutes=r["delta_minutes"])) for r in rows]


def set_delay(
    db: sqlite_utils.Database, minutes: int, *, now: datetime, role: str = "organizer", desk: str | None = None
) -> int:
    """Make the rest of the day run `minutes` behind the printed programme (0 = back on time).

    Stored as the change from the delay in force now, anchored at `now`, so earlier slots keep
    the times they really had. Returns the total delay in minutes.
    """
    if not isinstance(minutes, int) or isinstance(minutes, bool) or abs(minutes) > MAX_DELAY_MINUTES:
        raise ConfigError(
            "bad_delay", f"delay must be a whole number of minutes between -{MAX_DELAY_MINUTES} and {MAX_DELAY_MINUTES}"
        )
    with write_tx(db):
        current = int(total_delay(get_shifts(db)).total_seconds() // 60)
        change = minutes - current
        if change:
            db.execute(
                "INSERT INTO schedule_shifts (anchor, delta_minutes, set_at) VALUES (?, ?, ?)",
                (to_iso(now), change, to_iso(now)),
            )
            audit.record(
                db,
                at=now,
                role=role,
                desk=desk,
                action="schedule.delay",
                detail={"total_minutes": minutes, "change": change},
            )
    return minutes
