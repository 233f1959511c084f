"""The day from the database, as plain values: numbers, groups, panel, evaluation, programme.

Nothing here formats for a reader; `layout.py` turns these values into labelled tables. Names and
e-mails are read only when `include_personal` is set, so a report without them cannot leak them.
"""

import contextlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from .. import attendance, group_notes
from ..agenda import schedule
from ..event import Event
from ..groups import groups_overview
from ..people import ROLES
from ..schedule import get_shifts
from .evaluation import EvaluationStats, evaluation_stats

BUCKET_MINUTES = 5
TOP_QUESTIONS = 10
TOP_PER_THEME = 3


@dataclass(frozen=True)
class Tally:
    """One row of "the day in numbers": a county, a theme, a role, or everyone."""

    key: str | int | None  # county name, theme id or role; None for "not given"
    registered: int  # on the registration list (walk-ins not included)
    arrived: int  # checked in now, walk-ins included
    walk_ins: int
    no_shows: int  # registered and not checked in


@dataclass(frozen=True)
class DayNumbers:
    total: Tally
    by_county: tuple[Tally, ...]
    by_theme: tuple[Tally, ...]
    by_role: tuple[Tally, ...]
    arrivals: tuple[tuple[datetime, int], ...]  # start of each five minutes (event time), check-ins in it


@dataclass(frozen=True)
class GroupStat:
    number: int
    theme: int
    room: str
    capacity: int
    size: int
    arrived: int
    facilitators: int
    counties: tuple[tuple[str, int], ...]  # county, members from it; most first
    members: tuple[str, ...] = ()  # names, only with include_personal


@dataclass(frozen=True)
class GroupNumbers:
    groups: tuple[GroupStat, ...]
    placed: int
    unplaced: int  # people (not deleted) without a group


@dataclass(frozen=True)
class QuestionStat:
    id: int
    text: str
    theme: int
    votes: int
    status: str
    author: str | None = None  # only with include_personal, and only if the asker chose to show it


@dataclass(frozen=True)
class ThemePanel:
    theme: int
    asked: int
    published: int
    answered: int
    votes: int
    top: tuple[QuestionStat, ...]


@dataclass(frozen=True)
class PanelNumbers:
    asked: int  # every question sent, merged ones included
    published: int  # reached the hall (published or answered), merged ones not counted
    answered: int
    hidden: int
    pending: int
    merged: int
    votes: int
    voters: int
    top: tuple[QuestionStat, ...]  # most voted of those that reached the hall
    by_theme: tuple[ThemePanel, ...]


@dataclass(frozen=True)
class SlotRun:
    kind: str
    title_nb: str
    title_en: str
    planned_start: datetime
    planned_end: datetime
    start: datetime
    end: datetime
    state: str  # "done" | "running" | "upcoming" at the time of the report

    @property
    def start_delay_minutes(self) -> int:
        return round((self.start - self.planned_start).total_seconds() / 60)

    @property
    def end_delay_minutes(self) -> int:
        return round((self.end - self.planned_end).total_seconds() / 60)


@dataclass(frozen=True)
class DelayChange:
    at: datetime  # when the organizer set it (event time)
    change_minutes: int
    total_minutes: int  # the delay in force after the change


@dataclass(frozen=True)
class ProgrammeRun:
    slots: tuple[SlotRun, ...]
    delays: tuple[DelayChange, ...]


@dataclass(frozen=True)
class Person:
    """One participant, for the personal part of the report only."""

    name: str
    email: str | None
    county: str | None
    role: str
    theme: int | None
    group: int | None
    arrived_at: datetime | None
    walk_in: bool


@dataclass(frozen=True)
class GroupPoint:
    """One of a group's points for the summing-up (group_notes.py): no author in it."""

    group: int
    theme: int | None
    guiding: int  # which of group_notes.guiding_questions(event, theme)
    text: str
    starred: bool


@dataclass(frozen=True)
class ReportData:
    generated_at: datetime
    include_personal: bool
    day: DayNumbers
    groups: GroupNumbers
    panel: PanelNumbers
    evaluation: EvaluationStats | None  # None: no evaluation data in this database
    programme: ProgrammeRun
    people: tuple[Person, ...] = ()  # only with include_personal
    group_points: tuple[GroupPoint, ...] = ()


# --- the day in numbers


_PEOPLE = """
SELECT p.id, p.county, p.role, p.theme, p.walk_in,
       EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = p.id AND c.undone_at IS NULL) AS arrived
FROM participants p WHERE p.deleted_at IS NULL
"""


def _tally(key: str | int | None, rows: Iterable[dict[str, object]]) -> Tally:
    registered = arrived = walk_ins = no_shows = 0
    for r in rows:
        came = bool(r["arrived"])
        arrived += came
        if r["walk_in"]:
            walk_ins += 1
        else:
            registered += 1
            no_shows += not came
    return Tally(key, registered, arrived, walk_ins, no_shows)


def _by(rows: list[dict[str, object]], column: str, order: Iterable[str | int]) -> tuple[Tally, ...]:
    groups: dict[object, list[dict[str, object]]] = {key: [] for key in order}
    for r in rows:
        groups.setdefault(r[column], []).append(r)
    known = [k for k in groups if k is not None]
    keys = known + ([None] if None in groups else [])
    return tuple(_tally(k, groups[k]) for k in keys if groups[k])  # type: ignore[arg-type]


def arrivals_per_bucket(
    db: sqlite_utils.Database, event: Event, minutes: int = BUCKET_MINUTES
) -> tuple[tuple[datetime, int], ...]:
    """Check-ins per `minutes`, in event time, with the empty buckets between the first and last."""
    found = {at.astimezone(event.tz): n for at, n in attendance.arrivals(db, bucket_minutes=minutes)}
    if not found:
        return ()
    first, last = min(found), max(found)
    step, buckets, at = timedelta(minutes=minutes), [], first
    while at <= last:
        buckets.append((at, found.get(at, 0)))
        at += step
    return tuple(buckets)


def day_numbers(db: sqlite_utils.Database, event: Event) -> DayNumbers:
    rows = list(db.query(_PEOPLE))
    return DayNumbers(
        total=_tally(None, rows),
        by_county=_by(rows, "county", event.counties),
        by_theme=_by(rows, "theme", [t.id for t in event.themes]),
        by_role=_by(rows, "role", ROLES),
        arrivals=arrivals_per_bucket(db, event),
    )


# --- groups


_GROUP_MEMBERS = """
SELECT g.number, g.theme, g.room, p.name, p.county, p.role,
       EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = p.id AND c.undone_at IS NULL) AS arrived
FROM groups g
LEFT JOIN group_members gm ON gm.group_id = g.id
LEFT JOIN participants p ON p.id = gm.participant_id AND p.deleted_at IS NULL
ORDER BY g.number, p.name COLLATE NOCASE, p.id
"""


def group_numbers(db: sqlite_utils.Database, event: Event, *, include_personal: bool = False) -> GroupNumbers:
    from ..people import FACILITATOR_ROLES

    by_number: dict[int, list[dict[str, object]]] = {}
    meta: dict[int, tuple[int, str]] = {}
    for r in db.query(_GROUP_MEMBERS):
        meta[r["number"]] = (r["theme"], r["room"])
        members = by_number.setdefault(r["number"], [])
        if r["name"] is not None:
            members.append(r)
    stats = []
    for number, members in by_number.items():
        theme, room = meta[number]
        counties: dict[str, int] = {}
        for m in members:
            county = str(m["county"] or "")
            counties[county] = counties.get(county, 0) + 1
        spread = tuple(sorted(counties.items(), key=lambda kv: (-kv[1], kv[0].casefold())))
        found = event.room(room)
        stats.append(
            GroupStat(
                number=number,
                theme=theme,
                room=room,
                capacity=found.capacity if found else 0,
                size=len(members),
                arrived=sum(bool(m["arrived"]) for m in members),
                facilitators=sum(m["role"] in FACILITATOR_ROLES for m in members),
                counties=spread,
                members=tuple(str(m["name"]) for m in members) if include_personal else (),
            )
        )
    placed = sum(s.size for s in stats)
    everyone = db.execute("SELECT count(*) FROM participants WHERE deleted_at IS NULL").fetchone()[0]
    return GroupNumbers(tuple(stats), placed, everyone - placed)


# --- the panel


_QUESTIONS = """
SELECT q.id, q.text, q.theme, q.status, q.merged_into, q.show_name, p.name,
       (SELECT count(*) FROM votes v WHERE v.question_id = q.id) AS votes
FROM questions q JOIN participants p ON p.id = q.participant_id
ORDER BY votes DESC, q.id
"""


def panel_numbers(db: sqlite_utils.Database, event: Event, *, include_personal: bool = False) -> PanelNumbers:
    rows = list(db.query(_QUESTIONS))

    def stat(r: dict[str, object]) -> QuestionStat:
        author = str(r["name"]) if include_personal and r["show_name"] else None
        return QuestionStat(int(r["id"]), str(r["text"]), int(r["theme"]), int(r["votes"]), str(r["status"]), author)  # type: ignore[call-overload]

    live = [r for r in rows if r["merged_into"] is None]
    hall = [r for r in live if r["status"] in ("published", "answered")]
    known = [t.id for t in event.themes]
    themes = [0, *known, *sorted({r["theme"] for r in rows} - {0, *known})]
    by_theme = []
    for theme in themes:
        asked = [r for r in rows if r["theme"] == theme]
        if not asked and theme not in known:
            continue
        shown = [r for r in hall if r["theme"] == theme]
        by_theme.append(
            ThemePanel(
                theme=theme,
                asked=len(asked),
                published=len(shown),
                answered=sum(r["status"] == "answered" for r in shown),
                votes=sum(r["votes"] for r in asked),
                top=tuple(stat(r) for r in shown[:TOP_PER_THEME]),
            )
        )
    return PanelNumbers(
        asked=len(rows),
        published=len(hall),
        answered=sum(r["status"] == "answered" for r in hall),
        hidden=sum(r["status"] == "hidden" for r in live),
        pending=sum(r["status"] == "pending" for r in live),
        merged=len(rows) - len(live),
        votes=sum(r["votes"] for r in rows),
        voters=db.execute("SELECT count(DISTINCT participant_id) FROM votes").fetchone()[0],
        top=tuple(stat(r) for r in hall[:TOP_QUESTIONS]),
        by_theme=tuple(by_theme),
    )


# --- the programme as it ran


def programme_run(db: sqlite_utils.Database, event: Event, now: datetime) -> ProgrammeRun:
    shifts = get_shifts(db)
    slots = []
    for slot in schedule(event.programme, shifts):
        state = "done" if slot.end <= now else "running" if slot.start <= now else "upcoming"
        item = slot.item
        slots.append(
            SlotRun(
                item.kind,
                item.title.nb,
                item.title.en,
                item.start,
                item.end,
                slot.start.astimezone(event.tz),
                slot.end.astimezone(event.tz),
                state,
            )
        )
    delays, total = [], 0
    for r in db.query("SELECT set_at, delta_minutes FROM schedule_shifts ORDER BY id"):
        total += r["delta_minutes"]
        delays.append(DelayChange(datetime.fromisoformat(r["set_at"]).astimezone(event.tz), r["delta_minutes"], total))
    return ProgrammeRun(tuple(slots), tuple(delays))


# --- the people (personal part)


_EVERYONE = """
SELECT p.name, p.email, p.county, p.role, p.theme, p.walk_in, g.number, c.at
FROM participants p
LEFT JOIN group_members gm ON gm.participant_id = p.id
LEFT JOIN groups g ON g.id = gm.group_id
LEFT JOIN checkins c ON c.participant_id = p.id AND c.undone_at IS NULL
WHERE p.deleted_at IS NULL
ORDER BY p.county IS NULL, p.county COLLATE NOCASE, p.name COLLATE NOCASE, p.id
"""


def people(db: sqlite_utils.Database, event: Event) -> tuple[Person, ...]:
    return tuple(
        Person(
            r["name"],
            r["email"],
            r["county"],
            r["role"],
            r["theme"],
            r["number"],
            datetime.fromisoformat(r["at"]).astimezone(event.tz) if r["at"] else None,
            bool(r["walk_in"]),
        )
        for r in db.query(_EVERYONE)
    )


@contextlib.contextmanager
def _one_snapshot(db: sqlite_utils.Database) -> Iterator[None]:
    """Every read inside sees the database as it was at the first one (WAL: writers go on)."""
    if db.conn.in_transaction:
        yield
        return
    db.conn.execute("BEGIN")
    try:
        yield
    finally:
        db.conn.execute("ROLLBACK")


def gather(db: sqlite_utils.Database, event: Event, *, now: datetime, include_personal: bool = False) -> ReportData:
    """Everything the report shows, read in one snapshot. Without `include_personal`, no names or e-mails."""
    with _one_snapshot(db):
        return _gather(db, event, now=now, include_personal=include_personal)


def _gather(db: sqlite_utils.Database, event: Event, *, now: datetime, include_personal: bool) -> ReportData:
    return ReportData(
        generated_at=now.astimezone(event.tz),
        include_personal=include_personal,
        day=day_numbers(db, event),
        groups=group_numbers(db, event, include_personal=include_personal),
        panel=panel_numbers(db, event, include_personal=include_personal),
        evaluation=evaluation_stats(db),
        programme=programme_run(db, event, now),
        people=people(db, event) if include_personal else (),
        group_points=group_points(db, event),
    )


def group_points(db: sqlite_utils.Database, event: Event) -> tuple[GroupPoint, ...]:
    """Every group's points in group and posting order (Innspill fra gruppene)."""
    themes = {g.number: g.theme for g in groups_overview(db, event)}
    return tuple(
        GroupPoint(n.group_number, themes.get(n.group_number), n.guiding, n.text, n.starred)
        for n in group_notes.notes(db)
    )
