"""Who has not come: registered people without a check-in, by county, for the desk to follow up.

A walk-in is never a no-show (they registered by arriving), and an undone check-in counts as not
arrived. The list holds names and e-mails: it is for staff, and its exports are personal data.
"""

from dataclasses import dataclass

import sqlite_utils

from . import spreadsheet

COLUMNS = ("county", "name", "email", "role", "theme")

_NO_SHOWS = """
SELECT p.id, p.name, p.email, p.county, p.role, p.theme FROM participants p
WHERE p.deleted_at IS NULL AND p.walk_in = 0
  AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = p.id AND c.undone_at IS NULL)
ORDER BY p.county IS NULL, p.county COLLATE NOCASE, p.name COLLATE NOCASE, p.id
"""


@dataclass(frozen=True)
class NoShow:
    id: int
    name: str
    email: str | None
    county: str | None
    role: str
    theme: int | None


@dataclass(frozen=True)
class CountyCount:
    county: str | None
    count: int


def no_shows(db: sqlite_utils.Database) -> list[NoShow]:
    """Everyone registered who has not arrived, by county (no county last), then by name."""
    return [NoShow(r["id"], r["name"], r["email"], r["county"], r["role"], r["theme"]) for r in db.query(_NO_SHOWS)]


def by_county(people: list[NoShow]) -> list[CountyCount]:
    """How many have not come from each county, most first (no county last)."""
    counts: dict[str | None, int] = {}
    for person in people:
        counts[person.county] = counts.get(person.county, 0) + 1
    order = sorted(counts.items(), key=lambda kv: (kv[0] is None, -kv[1], (kv[0] or "").casefold()))
    return [CountyCount(county, n) for county, n in order]


def rows(people: list[NoShow]) -> list[tuple[str, str, str, str, int | str]]:
    return [(p.county or "", p.name, p.email or "", p.role, p.theme or "") for p in people]


def csv_bytes(db: sqlite_utils.Database) -> bytes:
    return spreadsheet.csv_bytes(COLUMNS, rows(no_shows(db)))


def xlsx_bytes(db: sqlite_utils.Database) -> bytes:
    return spreadsheet.xlsx_bytes(COLUMNS, rows(no_shows(db)), sheet="No-shows")
