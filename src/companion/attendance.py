"""Who has arrived: name search for the desk, live counts, arrivals over time. Read-only."""

from dataclasses import dataclass
from datetime import datetime

import sqlite_utils

from .db import Row
from .event import Event
from .people import Participant

_PEOPLE_WITH_CHECKIN = """
SELECT p.*, c.at AS checked_in_at, c.desk AS checked_in_desk
FROM participants p LEFT JOIN checkins c ON c.participant_id = p.id AND c.undone_at IS NULL
WHERE p.deleted_at IS NULL
"""


@dataclass(frozen=True)
class Attendee:
    participant: Participant
    checked_in_at: datetime | None
    desk: str | None


@dataclass(frozen=True)
class Tally:
    label: str
    arrived: int
    expected: int


@dataclass(frozen=True)
class Counts:
    arrived: int
    expected: int
    by_county: list[Tally]
    by_theme: list[Tally]


def _attendee(row: Row) -> Attendee:
    at = datetime.fromisoformat(row["checked_in_at"]) if row["checked_in_at"] else None
    return Attendee(Participant.from_row(row), at, row["checked_in_desk"])


def attendees(db: sqlite_utils.Database) -> list[Attendee]:
    return [_attendee(r) for r in db.query(_PEOPLE_WITH_CHECKIN + " ORDER BY p.name COLLATE NOCASE, p.id")]


def search(db: sqlite_utils.Database, query: str, limit: int = 12) -> list[Attendee]:
    """Everyone whose name or county contains every word of the query (any case, æøå too)."""
    words = query.casefold().split()
    if not words:
        return []
    hits = []
    for person in attendees(db):
        haystack = f"{person.participant.name} {person.participant.county or ''}".casefold()
        if all(w in haystack for w in words):
            hits.append(person)
    # Names that start with the query first: "Ola" finds Ola before Nikola.
    hits.sort(key=lambda a: (not a.participant.name.casefold().startswith(words[0]), a.participant.name.casefold()))
    return hits[:limit]


def counts(db: sqlite_utils.Database, event: Event) -> Counts:
    people = attendees(db)
    by_county: dict[str, list[int]] = {c: [0, 0] for c in event.counties}
    by_theme: dict[str, list[int]] = {f"{t.id}": [0, 0] for t in event.themes}
    for a in people:
        county = a.participant.county or "–"
        theme = str(a.participant.theme) if a.participant.theme else "–"
        for table, key in ((by_county, county), (by_theme, theme)):
            tally = table.setdefault(key, [0, 0])
            tally[1] += 1
            tally[0] += a.checked_in_at is not None
    return Counts(
        arrived=sum(a.checked_in_at is not None for a in people),
        expected=len(people),
        by_county=[Tally(k, v[0], v[1]) for k, v in by_county.items() if v[1]],
        by_theme=[Tally(k, v[0], v[1]) for k, v in by_theme.items()],
    )


def arrivals(db: sqlite_utils.Database, *, bucket_minutes: int = 5) -> list[tuple[datetime, int]]:
    """Active check-ins per time bucket, oldest first (for the chart at the desk)."""
    stamps = [
        datetime.fromisoformat(r["at"]) for r in db.query("SELECT at FROM checkins WHERE undone_at IS NULL ORDER BY at")
    ]
    buckets: dict[datetime, int] = {}
    for at in stamps:
        start = at.replace(minute=at.minute - at.minute % bucket_minutes, second=0, microsecond=0)
        buckets[start] = buckets.get(start, 0) + 1
    return sorted(buckets.items())


def checked_in_at(db: sqlite_utils.Database, participant_id: int) -> datetime | None:
    row = db.execute(
        "SELECT at FROM checkins WHERE participant_id = ? AND undone_at IS NULL", (participant_id,)
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row else None
