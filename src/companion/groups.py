"""Groups in the store: theme choice, saving and loading a plan, manual moves, who is where.

The assignment itself is `grouping.py` (pure). This module feeds it from the database and writes
its answer back: `groups` (one row per group, one group per room) and `group_members` (one row
per person; pinned=1 marks an organizer's manual move, which a re-run keeps unless reset).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict

import sqlite_utils

from . import audit
from .agenda import Shift, Slot, schedule, total_delay
from .clock import to_iso
from .db import get_setting, put_setting, write_tx
from .errors import GroupError
from .event import Event, ProgrammeItem, Room
from .grouping import Group, Member, Move, Plan, Summary, assign, reassign_present
from .i18n import t
from .people import FACILITATOR_ROLES
from .schedule import get_shifts

THEMES_LOCKED = "themes_locked"
ASSIGNED_AT = "groups_assigned_at"
GO_NOW_LEAD = timedelta(minutes=15)


@dataclass(frozen=True)
class Person:
    """What a group member may see of another member: name and county, nothing else."""

    id: int
    name: str
    county: str | None
    role: str

    @property
    def is_facilitator(self) -> bool:
        return self.role in FACILITATOR_ROLES


@dataclass(frozen=True)
class GroupView:
    number: int
    theme: int
    room: Room
    members: tuple[Person, ...]  # everyone in the group, facilitators included
    pinned_ids: frozenset[int] = frozenset()

    @property
    def facilitators(self) -> tuple[Person, ...]:
        return tuple(p for p in self.members if p.is_facilitator)

    def others(self, person_id: int) -> tuple[Person, ...]:
        """The members a person sees besides themself and the facilitators."""
        return tuple(p for p in self.members if p.id != person_id and not p.is_facilitator)


@dataclass(frozen=True)
class ThemeChoices:
    locked: bool
    counts: dict[int, int]  # theme id -> how many have it
    not_chosen: tuple[Person, ...]


@dataclass(frozen=True)
class AssignResult:
    plan: Plan
    summary: Summary
    assigned: int
    unplaced: int  # no theme chosen yet, or (present-only) arrived after the assignment
    moves: tuple[Move, ...] = ()
    present_only: bool = False


# --- theme choice


def themes_locked(db: sqlite_utils.Database) -> bool:
    return get_setting(db, THEMES_LOCKED, "0") == "1"


def set_themes_locked(
    db: sqlite_utils.Database, locked: bool, *, now: datetime, role: str, desk: str | None = None
) -> None:
    with write_tx(db):
        put_setting(db, THEMES_LOCKED, "1" if locked else "0")
        audit.record(
            db, at=now, role=role, desk=desk, action="groups.lock_themes" if locked else "groups.unlock_themes"
        )


def choose_theme(db: sqlite_utils.Database, event: Event, participant_id: int, theme_id: int, *, now: datetime) -> None:
    """A participant picks their theme through their personal link, while choices are open.

    Refused once the organizer has locked choices, and for someone already in a group (their
    group is of the old theme; the organizer moves them if they must change)."""
    if event.theme(theme_id) is None:
        raise GroupError("unknown_theme", f"there is no theme {theme_id}", theme=theme_id)
    with write_tx(db):
        if themes_locked(db):
            raise GroupError("themes_locked", "theme choices are locked")
        if db.execute("SELECT 1 FROM group_members WHERE participant_id = ?", (participant_id,)).fetchone():
            raise GroupError("already_grouped", "this person is already in a group")
        cursor = db.execute(
            "UPDATE participants SET theme = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            (theme_id, to_iso(now), participant_id),
        )
        if cursor.rowcount != 1:
            raise GroupError("unknown_person", "no such participant")


def theme_choices(db: sqlite_utils.Database, event: Event) -> ThemeChoices:
    counts = {t.id: 0 for t in event.themes}
    for row in db.query(
        "SELECT theme, count(*) AS n FROM participants WHERE deleted_at IS NULL AND theme IS NOT NULL GROUP BY theme"
    ):
        counts[row["theme"]] = row["n"]
    rows = db.query(
        "SELECT id, name, county, role FROM participants WHERE deleted_at IS NULL AND theme IS NULL "
        "ORDER BY name COLLATE NOCASE, id"
    )
    return ThemeChoices(themes_locked(db), counts, tuple(Person(**r) for r in rows))


# --- assignment


def _members(db: sqlite_utils.Database) -> list[Member]:
    """Everyone not deleted. Without a theme, a facilitator is spread over all groups and anyone
    else waits unplaced until they choose."""
    rows = db.query("SELECT id, theme, county, role FROM participants WHERE deleted_at IS NULL ORDER BY id")
    return [Member(r["id"], r["theme"], r["county"] or None, r["role"]) for r in rows]


def _pins(db: sqlite_utils.Database) -> dict[int, int]:
    """Manual moves: person id -> group number."""
    rows = db.query(
        "SELECT gm.participant_id, g.number FROM group_members gm JOIN groups g ON g.id = gm.group_id"
        " JOIN participants p ON p.id = gm.participant_id WHERE gm.pinned = 1 AND p.deleted_at IS NULL"
    )
    return {r["participant_id"]: r["number"] for r in rows}


def present_ids(db: sqlite_utils.Database) -> set[int]:
    """People with an active check-in."""
    return {r[0] for r in db.execute("SELECT participant_id FROM checkins WHERE undone_at IS NULL")}


def _save(db: sqlite_utils.Database, plan: Plan, pins: dict[int, int]) -> None:
    """Replace the stored plan by `plan`. Call inside the caller's transaction."""
    db.execute("DELETE FROM group_members")
    db.execute("DELETE FROM groups")
    for group in plan.groups:
        group_id = db.execute(
            "INSERT INTO groups (theme, number, room) VALUES (?, ?, ?)", (group.theme, group.number, group.room)
        ).lastrowid
        for member_id in group.member_ids:
            pinned = int(pins.get(member_id) == group.number)
            db.execute(
                "INSERT INTO group_members (participant_id, group_id, pinned) VALUES (?, ?, ?)",
                (member_id, group_id, pinned),
            )


def assign_groups(
    db: sqlite_utils.Database,
    event: Event,
    *,
    now: datetime,
    role: str,
    reset_pins: bool = False,
    present_only: bool = False,
    desk: str | None = None,
) -> AssignResult:
    """Assign (or, with present_only, re-assign only those checked in) and save, in one transaction.

    Rooms that cannot hold everyone raise GroupError("rooms_too_small") and change nothing."""
    with write_tx(db):
        members = _members(db)
        themes = tuple(theme.id for theme in event.themes)
        pins = {} if reset_pins else _pins(db)
        moves: list[Move] = []
        try:
            if present_only:
                present = present_ids(db) & {m.id for m in members}
                plan, moves = reassign_present(
                    load_plan(db, members), members, present, event.rooms, themes=themes, pinned=pins
                )
            else:
                plan = assign(members, event.rooms, themes=themes, pinned=pins)
        except GroupError as exc:
            if exc.code != "rooms_too_small":
                raise
            placeable = sum(1 for m in members if m.theme is not None or m.role in FACILITATOR_ROLES)
            capacity = sum(r.capacity for r in event.rooms)
            raise GroupError(exc.code, exc.message, people=placeable, capacity=capacity, **exc.details) from exc
        _save(db, plan, pins)
        put_setting(db, ASSIGNED_AT, to_iso(now))
        assigned = sum(g.size for g in plan.groups)
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action="groups.reassign_present" if present_only else "groups.assign",
            detail={"assigned": assigned, "groups": len(plan.groups), "reset_pins": reset_pins, "moves": len(moves)},
        )
    return AssignResult(plan, plan.summary(), assigned, len(plan.unplaced_ids), tuple(moves), present_only)


def load_plan(db: sqlite_utils.Database, members: Sequence[Member]) -> Plan:
    """The stored plan as grouping's Plan (for re-assigning from where we are)."""
    records = {m.id: m for m in members}
    groups = []
    for g in db.query("SELECT id, theme, number, room FROM groups ORDER BY number"):
        rows = db.execute(
            "SELECT participant_id FROM group_members WHERE group_id = ? ORDER BY participant_id", (g["id"],)
        )
        ids = tuple(r[0] for r in rows if r[0] in records)
        facilitators = tuple(i for i in ids if records[i].is_facilitator)
        groups.append(Group(g["theme"], g["number"], g["room"], ids, facilitators))
    placed = {i for group in groups for i in group.member_ids}
    return Plan(tuple(groups), tuple(i for i in records if i not in placed), tuple(members))


def summary_lines(summary: Summary, event: Event, lang: str) -> list[str]:
    """The quality summary in the organizer's language."""

    def span(values: Sequence[int]) -> str:
        low, high = min(values), max(values)
        return str(low) if low == high else f"{low}–{high}"

    lines = []
    for s in summary.themes:
        theme = event.theme(s.theme)
        lines.append(
            t(
                "org.groups_summary_theme",
                lang,
                theme=theme.title(lang) if theme else s.theme,
                groups=len(s.group_numbers),
                sizes=span(s.sizes),
                repeated=s.groups_with_repeated_county,
                worst=s.max_county_repeat,
                least=s.least_possible_repeat,
                facilitators=span(s.facilitators),
                leaders=span(s.leaders),
                caseworkers=span(s.caseworkers),
            )
        )
        for number, counties in s.repeated_counties:
            lines.append(t("org.groups_summary_repeat", lang, number=number, counties=", ".join(counties)))
    return lines


# --- reading groups for people


class _ViewParts(TypedDict):
    theme: int
    room: str
    members: list[Person]
    pinned: set[int]


def groups_overview(db: sqlite_utils.Database, event: Event, number: int | None = None) -> list[GroupView]:
    """Every group with its members (or only group `number`)."""
    rows = list(
        db.query(
            "SELECT g.number, g.theme, g.room, p.id, p.name, p.county, p.role, gm.pinned FROM groups g"
            " LEFT JOIN group_members gm ON gm.group_id = g.id"
            " LEFT JOIN participants p ON p.id = gm.participant_id AND p.deleted_at IS NULL"
            " WHERE ? IS NULL OR g.number = ?"
            " ORDER BY g.number, p.name COLLATE NOCASE, p.id",
            (number, number),
        )
    )
    views: dict[int, _ViewParts] = {}
    for r in rows:
        view = views.setdefault(r["number"], {"theme": r["theme"], "room": r["room"], "members": [], "pinned": set()})
        if r["id"] is not None:
            view["members"].append(Person(r["id"], r["name"], r["county"], r["role"]))
            if r["pinned"]:
                view["pinned"].add(r["id"])
    return [
        GroupView(
            number,
            v["theme"],
            event.room(v["room"]) or Room(v["room"], "", 0),
            tuple(v["members"]),
            frozenset(v["pinned"]),
        )
        for number, v in views.items()
    ]


def group_of(db: sqlite_utils.Database, event: Event, participant_id: int) -> GroupView | None:
    number = db.execute(
        "SELECT g.number FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.participant_id = ?",
        (participant_id,),
    ).fetchone()
    if number is None:
        return None
    return groups_overview(db, event, number[0])[0]


# --- the organizer's hand


@dataclass(frozen=True)
class Placement:
    person: Person
    theme: int | None
    group: int | None
    pinned: bool


def placements(db: sqlite_utils.Database) -> list[Placement]:
    """Everyone, with their theme and group (if any): the organizer's list for moving people."""
    rows = db.query(
        "SELECT p.id, p.name, p.county, p.role, p.theme, g.number, gm.pinned FROM participants p"
        " LEFT JOIN group_members gm ON gm.participant_id = p.id LEFT JOIN groups g ON g.id = gm.group_id"
        " WHERE p.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE, p.id"
    )
    return [
        Placement(Person(r["id"], r["name"], r["county"], r["role"]), r["theme"], r["number"], bool(r["pinned"]))
        for r in rows
    ]


def move_person(
    db: sqlite_utils.Database,
    event: Event,
    participant_id: int,
    group_number: int,
    *,
    now: datetime,
    role: str,
    desk: str | None = None,
) -> None:
    """Put a person in a group by hand and pin them there, so a re-run keeps the move."""
    with write_tx(db):
        person = db.execute(
            "SELECT theme FROM participants WHERE id = ? AND deleted_at IS NULL", (participant_id,)
        ).fetchone()
        if person is None:
            raise GroupError("unknown_person", "no such participant")
        target = db.execute("SELECT id, theme, room FROM groups WHERE number = ?", (group_number,)).fetchone()
        if target is None:
            raise GroupError("unknown_group", f"there is no group {group_number}", number=group_number)
        group_id, theme, room_name = target
        # Someone without a theme joins the theme of the group they are put in.
        if person[0] is not None and person[0] != theme:
            raise GroupError(
                "wrong_theme", "the group works on another theme than the person chose", number=group_number
            )
        before = db.execute(
            "SELECT g.number, gm.group_id FROM group_members gm JOIN groups g ON g.id = gm.group_id "
            "WHERE gm.participant_id = ?",
            (participant_id,),
        ).fetchone()
        room = event.room(room_name)
        size = db.execute(
            "SELECT count(*) FROM group_members WHERE group_id = ? AND participant_id != ?", (group_id, participant_id)
        ).fetchone()[0]
        if room is not None and size >= room.capacity:
            raise GroupError("room_full", f"room {room_name} is full", room=room_name, capacity=room.capacity)
        db.execute(
            "INSERT INTO group_members (participant_id, group_id, pinned) VALUES (?, ?, 1)"
            " ON CONFLICT(participant_id) DO UPDATE SET group_id = excluded.group_id, pinned = 1",
            (participant_id, group_id),
        )
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action="groups.move",
            detail={"participant_id": participant_id, "from": before[0] if before else None, "to": group_number},
        )


def reset_pins(db: sqlite_utils.Database, *, now: datetime, role: str, desk: str | None = None) -> int:
    """Forget every manual move (people stay where they are until the next assignment)."""
    with write_tx(db):
        count = db.execute("UPDATE group_members SET pinned = 0 WHERE pinned = 1").rowcount
        audit.record(db, at=now, role=role, desk=desk, action="groups.reset_pins", detail={"unpinned": count})
    return count


# --- time: the group's sessions and when to go


def group_slots(programme: Sequence[ProgrammeItem], shifts: Sequence[Shift] = ()) -> tuple[Slot, ...]:
    """The group-work sessions, at their times after any schedule slip."""
    return tuple(s for s in schedule(programme, shifts) if s.kind == "group")


def go_now(slots: Sequence[Slot], now: datetime, lead: timedelta = GO_NOW_LEAD) -> Slot | None:
    """The group session starting within `lead` (from lead before its start until it starts)."""
    return next((s for s in slots if s.start - lead <= now < s.start), None)


def next_go_now_change(slots: Sequence[Slot], now: datetime, lead: timedelta = GO_NOW_LEAD) -> datetime | None:
    """When `go_now` may give another answer: the page refreshes itself then."""
    points = [p for s in slots for p in (s.start - lead, s.start) if p > now]
    return min(points, default=None)


@dataclass(frozen=True)
class MyGroupPage:
    """Everything the "Min gruppe" page shows one person, read in one go."""

    theme: int | None
    group: GroupView | None  # None also before groups are published
    in_group: bool  # placed already, published or not: the theme can no longer be changed here
    locked: bool
    published: bool
    slots: tuple[Slot, ...]
    go_now: Slot | None
    delay_minutes: int
    next_change: datetime | None  # when the page should look again


def my_group_page(db: sqlite_utils.Database, event: Event, participant_id: int, now: datetime) -> MyGroupPage:
    shifts = get_shifts(db)
    slots = group_slots(event.programme, shifts)
    published = now >= event.groups_published_at
    row = db.execute("SELECT theme FROM participants WHERE id = ? AND deleted_at IS NULL", (participant_id,)).fetchone()
    changes = [p for p in (next_go_now_change(slots, now), event.groups_published_at) if p and p > now]
    group = group_of(db, event, participant_id)
    return MyGroupPage(
        theme=row[0] if row else None,
        group=group if published else None,
        in_group=group is not None,
        locked=themes_locked(db),
        published=published,
        slots=slots,
        go_now=go_now(slots, now),
        delay_minutes=round(total_delay(shifts).total_seconds() / 60),
        next_change=min(changes, default=None),
    )
