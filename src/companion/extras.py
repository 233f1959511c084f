"""What a registration list says beyond name, e-mail, county, role and theme, kept per person
where the organizer marked the column: dietary needs (for the desk and the caterer) and notes.

The lunch count is of those checked in: the caterer needs it by 11:00, when everyone who is coming
has come.
"""

import re
from dataclasses import dataclass

import sqlite_utils

# Dietary needs the caterer cooks for, each found by words in what people wrote (nb and en).
DIETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gluten_free", ("gluten", "cøliaki", "coeliac", "celiac", "cøliakí")),
    ("lactose_free", ("laktose", "lactose", "melkefri", "dairy")),
    ("vegan", ("vegan",)),
    ("vegetarian", ("vegetar", "vegetarian", "veggie")),
    ("nut_allergy", ("nøtt", "nut", "peanøtt", "peanut")),
    ("fish_shellfish", ("fisk", "fish", "skalldyr", "shellfish")),
    ("halal", ("halal",)),
)
# What people write when they have no need.
_NOTHING = re.compile(r"^\W*(nei|ingen|no|none|n/?a|ikke noe|-|nei takk|ingenting|nothing)?\W*$", re.I)


def keep(db: sqlite_utils.Database, participant_id: int, label: str, value: str, *, kind: str = "note") -> None:
    """Store one value for one person (inside the caller's transaction); a new import replaces it."""
    db.execute(
        "INSERT INTO participant_extras (participant_id, label, kind, value) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(participant_id, label) DO UPDATE SET kind = excluded.kind, value = excluded.value",
        (participant_id, label, kind, value),
    )


def of_person(db: sqlite_utils.Database, participant_id: int) -> list[tuple[str, str, str]]:
    """(label, kind, value) of everything kept for one person."""
    rows = db.execute(
        "SELECT label, kind, value FROM participant_extras WHERE participant_id = ? ORDER BY kind, label",
        (participant_id,),
    ).fetchall()
    return [(str(label), str(kind), str(value)) for label, kind, value in rows]


def diet_of(db: sqlite_utils.Database, participant_id: int) -> str:
    """The person's dietary needs as they wrote them; "" when none (or "nei", "ingen")."""
    needs = [value for _, kind, value in of_person(db, participant_id) if kind == "diet" and not _NOTHING.match(value)]
    return "; ".join(needs)


def classify(text: str) -> tuple[str, ...]:
    """The DIETS codes a written need mentions ("Glutenfri og laktosefri" -> gluten_free, lactose_free)."""
    if _NOTHING.match(text):
        return ()
    folded = text.casefold()
    found = tuple(code for code, words in DIETS if any(w in folded for w in words))
    # "vegansk" is vegan, not also vegetarian.
    return tuple(c for c in found if not (c == "vegetarian" and "vegan" in found and "vegetar" not in folded))


@dataclass(frozen=True)
class Lunch:
    present: int
    needs: tuple[tuple[str, int], ...]  # (DIETS code or "other", people), in DIETS order, only those > 0


def lunch(db: sqlite_utils.Database) -> Lunch:
    """The lunch count of those checked in now: how many, and how many of them need what."""
    present = db.execute(
        "SELECT count(DISTINCT c.participant_id) FROM checkins c JOIN participants p ON p.id = c.participant_id"
        " WHERE c.undone_at IS NULL AND p.deleted_at IS NULL"
    ).fetchone()[0]
    rows = db.execute(
        "SELECT e.participant_id, e.value FROM participant_extras e"
        " JOIN participants p ON p.id = e.participant_id AND p.deleted_at IS NULL"
        " WHERE e.kind = 'diet' AND EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = e.participant_id"
        " AND c.undone_at IS NULL)"
    ).fetchall()
    counts: dict[str, set[int]] = {}
    for person, value in rows:
        codes = classify(str(value)) or (() if _NOTHING.match(str(value)) else ("other",))
        for code in codes:
            counts.setdefault(code, set()).add(int(person))
    order = [code for code, _ in DIETS] + ["other"]
    return Lunch(int(present), tuple((code, len(counts[code])) for code in order if counts.get(code)))
