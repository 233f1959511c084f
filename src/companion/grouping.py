"""Who sits in which group, and in which room.

``assign`` splits the people of each theme into groups, one group per room.
``reassign_present`` mends a plan after check-in with as few moves as possible.

Both are pure and deterministic: the same people and rooms, in any order, give
the same plan. Nothing is random; every choice is settled by stable sort keys
(sizes, counts, names, ids), so a plan can be recomputed and compared.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from companion.errors import GroupError
from companion.event import Room  # one definition of a room: it is event data (data/rooms.csv)
from companion.people import FACILITATOR_ROLES, ROLES  # one definition of the roles

# People are dealt in this order: the facilitators last, so they fill in where others left room.
_PLACING_ORDER = tuple(r for r in ROLES if r not in FACILITATOR_ROLES) + tuple(
    r for r in ROLES if r in FACILITATOR_ROLES
)


@dataclass(frozen=True)
class Member:
    id: int
    theme: int | None  # one of the event's theme ids; None: not chosen yet, or a facilitator for any theme
    county: str | None  # None for ministry staff and researchers
    role: str  # one of ROLES

    @property
    def is_facilitator(self) -> bool:
        return self.role in FACILITATOR_ROLES


@dataclass(frozen=True)
class Group:
    theme: int
    number: int  # unique over the event: the first theme's groups first
    room: str  # Room.name
    member_ids: tuple[int, ...]
    facilitator_ids: tuple[int, ...]  # the members who are ministry staff or researchers

    @property
    def size(self) -> int:
        return len(self.member_ids)


@dataclass(frozen=True)
class Move:
    member_id: int
    from_group: int
    to_group: int


@dataclass(frozen=True)
class Plan:
    groups: tuple[Group, ...]
    unplaced_ids: tuple[int, ...] = ()  # people in no group, e.g. no theme chosen yet
    members: tuple[Member, ...] = field(default=(), repr=False)  # the records the plan was made from
    _group_by_member: dict[int, Group] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {member_id: group for group in self.groups for member_id in group.member_ids}
        object.__setattr__(self, "_group_by_member", index)

    def group_of(self, member_id: int) -> Group | None:
        return self._group_by_member.get(member_id)

    def group(self, number: int) -> Group | None:
        return next((group for group in self.groups if group.number == number), None)

    def summary(self) -> Summary:
        return summarize(self)


# --- quality summary -------------------------------------------------------


@dataclass(frozen=True)
class ThemeSummary:
    theme: int
    group_numbers: tuple[int, ...]
    sizes: tuple[int, ...]  # per group, in group_numbers order (as are the tuples below)
    facilitators: tuple[int, ...]
    leaders: tuple[int, ...]
    caseworkers: tuple[int, ...]
    repeated_counties: tuple[tuple[int, tuple[str, ...]], ...]  # (group number, counties seen 2+ times)
    max_county_repeat: int  # most people from one county in one group
    least_possible_repeat: int  # the best any split could do: max over counties of ceil(k / groups)

    @property
    def groups_with_repeated_county(self) -> int:
        return len(self.repeated_counties)


@dataclass(frozen=True)
class Summary:
    themes: tuple[ThemeSummary, ...]
    unplaced_ids: tuple[int, ...]

    def theme(self, theme: int) -> ThemeSummary | None:
        return next((summary for summary in self.themes if summary.theme == theme), None)

    def lines(self) -> list[str]:
        lines = []
        for summary in self.themes:
            count = len(summary.group_numbers)
            lines.append(
                f"Theme {summary.theme}: {count} group{'s' if count != 1 else ''} of "
                f"{_span(summary.sizes)}; "
                f"{summary.groups_with_repeated_county} with a repeated county "
                f"(at most {summary.max_county_repeat} from one county, "
                f"least possible {summary.least_possible_repeat}); "
                f"facilitators per group {_span(summary.facilitators)}; "
                f"leaders per group {_span(summary.leaders)}; "
                f"caseworkers per group {_span(summary.caseworkers)}"
            )
            for number, counties in summary.repeated_counties:
                lines.append(f"Theme {summary.theme}, group {number}: more than one from {', '.join(counties)}")
        if self.unplaced_ids:
            count = len(self.unplaced_ids)
            lines.append(f"Not placed: {count} {'person' if count == 1 else 'people'} without a group")
        return lines


def _span(values: Sequence[int]) -> str:
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}-{high}"


def _themes_of(groups: Iterable[Group]) -> list[int]:
    """The themes that have groups, in group-number order (a plan numbers its groups theme by theme)."""
    return list(dict.fromkeys(group.theme for group in sorted(groups, key=lambda group: group.number)))


def summarize(plan: Plan) -> Summary:
    records = {member.id: member for member in plan.members}
    themes = []
    for theme in _themes_of(plan.groups):
        groups = [group for group in plan.groups if group.theme == theme]
        repeated: list[tuple[int, tuple[str, ...]]] = []
        worst = 0
        leaders: list[int] = []
        caseworkers: list[int] = []
        theme_counties: Counter[str] = Counter()
        for group in groups:
            people = [records[i] for i in group.member_ids if i in records]
            counties = Counter(person.county for person in people if person.county)
            theme_counties.update(counties)
            worst = max([worst, *counties.values()])
            twice = tuple(sorted(county for county, n in counties.items() if n > 1))
            if twice:
                repeated.append((group.number, twice))
            leaders.append(sum(person.role == "leader" for person in people))
            caseworkers.append(sum(person.role == "caseworker" for person in people))
        themes.append(
            ThemeSummary(
                theme=theme,
                group_numbers=tuple(group.number for group in groups),
                sizes=tuple(group.size for group in groups),
                facilitators=tuple(len(group.facilitator_ids) for group in groups),
                leaders=tuple(leaders),
                caseworkers=tuple(caseworkers),
                repeated_counties=tuple(repeated),
                max_county_repeat=worst,
                least_possible_repeat=max((-(-k // len(groups)) for k in theme_counties.values()), default=0),
            )
        )
    return Summary(themes=tuple(themes), unplaced_ids=plan.unplaced_ids)


# --- input checks ----------------------------------------------------------


def _checked_members(members: Iterable[Member], themes: Collection[int]) -> list[Member]:
    people = sorted(members, key=lambda member: member.id)
    for before, after in zip(people, people[1:], strict=False):
        if before.id == after.id:
            raise GroupError("duplicate_member", f"Member {after.id} appears more than once.")
    for person in people:
        if person.theme is not None and person.theme not in themes:
            expected = ", ".join(str(theme) for theme in themes)
            raise GroupError(
                "bad_theme", f"Member {person.id} has theme {person.theme!r}; expected one of {expected} or none."
            )
        if person.role not in ROLES:
            expected = ", ".join(ROLES)
            raise GroupError("bad_role", f"Member {person.id} has role {person.role!r}; expected one of {expected}.")
    return people


def _checked_rooms(rooms: Iterable[Room]) -> list[Room]:
    # Biggest first; the name breaks ties so the order never depends on the input order.
    ordered = sorted(rooms, key=lambda room: (-room.capacity, room.name, room.location))
    names = Counter(room.name for room in ordered)
    doubled = sorted(name for name, n in names.items() if n > 1)
    if doubled:
        raise GroupError("duplicate_room", f"Room name used more than once: {', '.join(doubled)}.")
    negative = [room.name for room in ordered if room.capacity < 0]
    if negative:
        raise GroupError("bad_capacity", f"Room capacity below zero: {', '.join(negative)}.")
    return ordered


# --- shared arithmetic -----------------------------------------------------


def _level_sizes(
    total: int, lower: list[int], upper: list[int], preference: Sequence[tuple[int, int]]
) -> list[int] | None:
    """Sizes as even as the bounds allow, each within [lower, upper], adding up to total.

    The seats left over after levelling go to the groups that rank first in
    ``preference`` (smaller key first). None when the bounds cannot add up.
    """
    upper = [max(high, low) for low, high in zip(lower, upper, strict=False)]  # a pin outranks the bound
    if sum(lower) > total or sum(upper) < total:
        return None
    count = len(lower)
    if count and not any(lower) and min(upper) >= -(-total // count):
        # Nothing pinned and no bound in the way: the plain even split.
        base, spare = divmod(total, count)
        sizes = [base] * count
        for j in sorted(range(count), key=lambda j: preference[j])[:spare]:
            sizes[j] += 1
        return sizes

    def filled(level: int) -> int:
        return sum(min(max(level, low), high) for low, high in zip(lower, upper, strict=False))

    # Highest level that does not overshoot the total; filled() only grows with the level.
    low_level, high_level = 0, max(upper, default=0)
    while low_level < high_level:
        middle = (low_level + high_level + 1) // 2
        if filled(middle) <= total:
            low_level = middle
        else:
            high_level = middle - 1
    level = low_level
    sizes = [min(max(level, low), high) for low, high in zip(lower, upper, strict=False)]
    can_grow = [j for j in range(len(sizes)) if lower[j] <= level < upper[j]]
    for j in sorted(can_grow, key=lambda j: preference[j])[: total - sum(sizes)]:
        sizes[j] += 1
    return sizes


def _seat_shortage(sizes: list[int], capacities: list[int]) -> int:
    """Seats missing when the biggest group gets the biggest room, and so on down.

    Pairing both in sorted order is the best any room assignment can do.
    """
    ordered = sorted(sizes, reverse=True)
    short = sum(max(0, size - seats) for size, seats in zip(ordered, capacities, strict=False))
    return short + sum(ordered[len(capacities) :])


def _spread_key(member: Member) -> str:
    """What should not pile up in one group: a county, else facilitators, else the rest."""
    if member.county:
        return "county:" + member.county
    return "facilitators" if member.is_facilitator else "no county"


def _placing_order(member: Member) -> tuple[int, int]:
    return (_PLACING_ORDER.index(member.role), member.id)


class _Draft:
    """A group while it is being filled: who is in it and what it already has."""

    def __init__(self, theme: int, number: int, target: int):
        self.theme = theme
        self.number = number
        self.target = target
        self.members: list[Member] = []
        self.fixed: set[int] = set()  # pinned ids; these never leave
        self.spread: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()

    @property
    def room_left(self) -> int:
        return self.target - len(self.members)

    def add(self, member: Member, fixed: bool = False) -> None:
        self.members.append(member)
        self.spread[_spread_key(member)] += 1
        self.roles[member.role] += 1
        if fixed:
            self.fixed.add(member.id)

    def remove(self, member: Member) -> None:
        self.members.remove(member)
        self.spread[_spread_key(member)] -= 1
        self.roles[member.role] -= 1

    def movable(self) -> list[Member]:
        return sorted((m for m in self.members if m.id not in self.fixed), key=_placing_order)

    def to_group(self, room: str) -> Group:
        ids = tuple(sorted(member.id for member in self.members))
        facilitators = tuple(sorted(member.id for member in self.members if member.is_facilitator))
        return Group(self.theme, self.number, room, ids, facilitators)


# --- assign ----------------------------------------------------------------


@dataclass(frozen=True)
class _Demand:
    """What the layout search needs to know, counted once."""

    themes: tuple[int, ...]  # the event's themes, in order: group numbers follow it
    themed: dict[int, int]  # theme -> number of people with that theme
    themed_facilitators: dict[int, int]  # theme -> facilitators among them
    theme_pins: dict[int, tuple[int, ...]]  # theme -> group numbers its pinned people asked for
    loose_pins: tuple[int, ...]  # group numbers asked for by pinned people without a theme
    loose_facilitator_pins: tuple[int, ...]  # the same, for the facilitators among them
    floating: int  # unpinned facilitators without a theme, to spread over all groups
    pinned_per_number: Counter[int]  # group number -> pinned people in it, any theme


@dataclass(frozen=True)
class _Layout:
    group_counts: tuple[int, ...]  # per theme, in the order of _Demand.themes
    sizes: tuple[int, ...]  # by group number - 1
    floating_split: tuple[int, ...]  # floating facilitators that go to each theme


def _theme_of_number(number: int, themes: Sequence[int], group_counts: Sequence[int]) -> int | None:
    first = 1
    for theme, count in zip(themes, group_counts, strict=True):
        if first <= number < first + count:
            return theme
        first += count
    return None


def _pins_fit(demand: _Demand, group_counts: tuple[int, ...]) -> bool:
    for theme in demand.themes:
        if any(_theme_of_number(n, demand.themes, group_counts) != theme for n in demand.theme_pins[theme]):
            return False
    return all(_theme_of_number(n, demand.themes, group_counts) is not None for n in demand.loose_pins)


def _preferred_floating_split(demand: _Demand, group_counts: tuple[int, ...]) -> tuple[int, ...]:
    """How many floating facilitators go to each theme if each joins the group with fewest facilitators.

    Ties go to the earlier theme. Filled level by level rather than person by person:
    a level's groups all get one before any group gets two.
    """
    split = [0] * len(group_counts)
    active = [j for j, count in enumerate(group_counts) if count]
    if not demand.floating:
        return tuple(split)
    if len(active) == 1:
        split[active[0]] = demand.floating
        return tuple(split)
    spreads = {}
    for j in active:
        theme, count = demand.themes[j], group_counts[j]
        facilitators = demand.themed_facilitators[theme]
        if demand.loose_facilitator_pins:
            facilitators += sum(
                1 for n in demand.loose_facilitator_pins if _theme_of_number(n, demand.themes, group_counts) == theme
            )
        base, extra = divmod(facilitators, count)
        spreads[j] = (base, count - extra, count)  # lowest count, groups at it, all groups

    def groups_at(j: int, level: int) -> int:
        base, at_base, count = spreads[j]
        return 0 if level < base else at_base if level == base else count

    remaining = demand.floating
    level = min(base for base, _, _ in spreads.values())
    while remaining:
        for j in active:
            taken = min(remaining, groups_at(j, level))
            split[j] += taken
            remaining -= taken
        level += 1
    return tuple(split)


def _splits(floating: int, group_counts: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    """Every way to share the floating facilitators among the themes that have groups."""
    active = [j for j, count in enumerate(group_counts) if count]
    for cut in itertools.combinations(range(floating + len(active) - 1), len(active) - 1):
        # Stars and bars: the gaps between the cuts are the shares.
        bounds = (-1, *cut, floating + len(active) - 1)
        shares = [bounds[k + 1] - bounds[k] - 1 for k in range(len(active))]
        split = [0] * len(group_counts)
        for j, share in zip(active, shares, strict=True):
            split[j] = share
        yield tuple(split)


def _layout_sizes(demand: _Demand, group_counts: tuple[int, ...], split: tuple[int, ...]) -> list[int] | None:
    """Balanced sizes for every group, with room for the pinned people; None if a group stays empty."""
    sizes: list[int] = []
    first_number = 1
    for theme, count, floating in zip(demand.themes, group_counts, split, strict=True):
        numbers = range(first_number, first_number + count)
        first_number += count
        if not count:
            continue
        loose = sum(1 for n in demand.loose_pins if n in numbers)
        total = demand.themed[theme] + loose + floating
        if total < count:
            return None
        if not demand.pinned_per_number:
            base, spare = divmod(total, count)
            sizes += [base + 1] * spare + [base] * (count - spare)
            continue
        pinned = [demand.pinned_per_number[n] for n in numbers]
        # Groups holding more pinned people get the spare seats first.
        preference = [(-pinned[j], j) for j in range(count)]
        theme_sizes = _level_sizes(total, pinned, [total] * count, preference)
        if theme_sizes is None or min(theme_sizes) < 1:
            return None
        sizes.extend(theme_sizes)
    return sizes


def _choose_layout(demand: _Demand, capacities: list[int], target_size: int, total_people: int) -> _Layout:
    """Pick how many groups each theme gets, and their sizes, so every group fits a room.

    Among layouts that fit, the one where pins unbalance the least wins, then
    the one with sizes closest to ``target_size`` (sum of squared distances),
    then fewer groups. Floating facilitators follow the fewest-facilitators
    split unless only another split fits the rooms.
    """
    room_count = len(capacities)
    themes = demand.themes
    most_people = {theme: demand.themed[theme] + len(demand.loose_pins) + demand.floating for theme in themes}
    options = [
        range(1, min(room_count, most_people[theme]) + 1) if demand.themed[theme] else range(0, 1) for theme in themes
    ]
    counts = [
        group_counts
        for group_counts in itertools.product(*options)
        if sum(group_counts) <= room_count and _pins_fit(demand, group_counts)
    ]
    if not counts:
        themes_needed = sum(1 for theme in themes if demand.themed[theme])
        if room_count < themes_needed:
            raise GroupError(
                "rooms_too_small",
                f"Each theme needs a room of its own: {themes_needed} rooms needed, {room_count} given.",
                missing_rooms=themes_needed - room_count,
            )
        raise GroupError("pin_conflict", "The pinned group numbers do not match the themes or the number of rooms.")

    def rank(group_counts: tuple[int, ...], sizes: list[int]) -> tuple[int, int, int, tuple[int, ...]]:
        # Pins that unbalance a theme count against a layout first, then distance from the target size.
        parts, start = [], 0
        for count in group_counts:
            parts.append(sizes[start : start + count])
            start += count
        uneven = sum(max(0, max(part) - min(part) - 1) for part in parts if part)
        closeness = sum((size - target_size) ** 2 for size in sizes)
        return (uneven, closeness, sum(group_counts), group_counts)

    best: _Layout | None = None
    best_key = None
    for group_counts in counts:
        split = _preferred_floating_split(demand, group_counts)
        sizes = _layout_sizes(demand, group_counts, split)
        if sizes is None or _seat_shortage(sizes, capacities):
            continue
        key = rank(group_counts, sizes)
        if best_key is None or key < best_key:
            best, best_key = _Layout(group_counts, tuple(sizes), split), key
    if best is not None:
        return best

    # Nothing fits with the preferred facilitator split: try every split, nearest first.
    shortage = None
    nearest_key = None
    for group_counts in counts:
        preferred = _preferred_floating_split(demand, group_counts)
        for split in _splits(demand.floating, group_counts):
            sizes = _layout_sizes(demand, group_counts, split)
            if sizes is None:
                continue
            short = _seat_shortage(sizes, capacities)
            shortage = short if shortage is None else min(shortage, short)
            if short:
                continue
            distance = sum(abs(a - b) for a, b in zip(split, preferred, strict=True))
            candidate = (distance, *rank(group_counts, sizes), split)
            if nearest_key is None or candidate < nearest_key:
                best, nearest_key = _Layout(group_counts, tuple(sizes), split), candidate
    if best is not None:
        return best
    if shortage is None:
        raise GroupError("pin_conflict", "The pins leave a group with nobody in it; remove or change a pin.")
    raise GroupError(
        "rooms_too_small",
        f"The rooms cannot seat everyone in balanced groups: {shortage} more "
        f"seat{'s' if shortage != 1 else ''} needed for {total_people} people "
        f"({sum(capacities)} seats in {room_count} room{'s' if room_count != 1 else ''}).",
        missing_seats=shortage,
    )


def _deal(drafts: list[_Draft], people: list[Member]) -> None:
    """Place people one county at a time, each into the open group with fewest of that county.

    Ties go to the group with most seats left. With no pins every group starts
    within one seat of the others, and that tie rule keeps it so, which makes
    this the same as dealing cards: each county ends up split as evenly as
    possible (at most ceil(k/g) per group), the best spread there is.
    """
    blocks: defaultdict[str, list[Member]] = defaultdict(list)
    for person in people:
        blocks[_spread_key(person)].append(person)

    def crowd(key: str) -> int:  # pinned people count too: their county has fewer free groups
        return len(blocks[key]) + sum(draft.spread[key] for draft in drafts)

    for key in sorted(blocks, key=lambda key: (-crowd(key), key)):
        for person in sorted(blocks[key], key=_placing_order):
            open_groups = [draft for draft in drafts if draft.room_left > 0]
            chosen = min(
                open_groups,
                key=lambda d: (d.spread[key], -d.room_left, d.roles[person.role], d.number),
            )
            chosen.add(person)


def _swap(first: _Draft, one: Member, second: _Draft, other: Member) -> None:
    first.remove(one)
    second.remove(other)
    first.add(other)
    second.add(one)


def _crowding_change(source: _Draft, target: _Draft, key: str) -> int:
    """Change in same-key pairs when one person with this key moves from source to target."""
    return target.spread[key] - (source.spread[key] - 1)


def _repair_spread(drafts: list[_Draft]) -> None:
    """Swap unpinned people while it lowers the number of same-county pairs.

    Only needed when pins disturbed the deal; each swap strictly lowers the
    pair count, so this stops.
    """
    while True:
        swap = _find_spread_swap(drafts)
        if swap is None:
            return
        _swap(*swap)


_Swap = tuple[_Draft, Member, _Draft, Member]


def _find_spread_swap(drafts: list[_Draft]) -> _Swap | None:
    for crowded in drafts:
        for one in crowded.movable():
            one_key = _spread_key(one)
            for roomy in drafts:
                gain = -_crowding_change(crowded, roomy, one_key)
                if roomy is crowded or gain <= 0:
                    continue
                for other in roomy.movable():
                    other_key = _spread_key(other)
                    if other_key != one_key and _crowding_change(roomy, crowded, other_key) < gain:
                        return crowded, one, roomy, other
    return None


def _balance_roles(drafts: list[_Draft]) -> None:
    """Even out leaders across groups, then caseworkers, by swapping people between groups.

    A leader is swapped with a caseworker or other, then a caseworker with an
    other, so the second pass leaves the leader counts alone. A swap is taken
    only if neither person's county gets more crowded, which keeps the county
    spread found before. Each swap lowers the sum of squared counts of that
    role, so this stops.
    """
    for role, partners in (("leader", ("caseworker", "other")), ("caseworker", ("other",))):
        while True:
            swap = _find_role_swap(drafts, role, partners)
            if swap is None:
                break
            _swap(*swap)


def _find_role_swap(drafts: list[_Draft], role: str, partners: tuple[str, ...]) -> _Swap | None:
    by_count = sorted(drafts, key=lambda d: (-d.roles[role], d.number))
    for many in by_count:
        for few in reversed(by_count):
            if many.roles[role] - few.roles[role] < 2:
                break
            for one in many.movable():
                if one.role != role:
                    continue
                one_key = _spread_key(one)
                for other in few.movable():
                    if other.role not in partners:
                        continue
                    other_key = _spread_key(other)
                    if one_key == other_key or (
                        _crowding_change(many, few, one_key) <= 0 and _crowding_change(few, many, other_key) <= 0
                    ):
                        return many, one, few, other
    return None


def assign(
    members: Iterable[Member],
    rooms: Iterable[Room],
    *,
    themes: Sequence[int],
    pinned: Mapping[int, int] | None = None,
    target_size: int = 10,
) -> Plan:
    """Split everyone with a theme into balanced, county-mixed groups, one per room.

    ``themes`` are the event's theme ids (event.themes); group numbers follow
    their order. ``pinned`` maps member id to a group number the organizer chose
    by hand; pins naming people not in ``members`` are ignored. A pinned person
    without a theme joins the theme of the pinned group.
    """
    if target_size < 1:
        raise GroupError("bad_target_size", f"Target group size must be at least 1, not {target_size}.")
    themes = tuple(themes)
    people = _checked_members(members, themes)
    room_list = _checked_rooms(rooms)
    known = {person.id for person in people}
    pins = {member_id: number for member_id, number in (pinned or {}).items() if member_id in known}

    themed = {theme: [p for p in people if p.theme == theme] for theme in themes}
    no_theme = [p for p in people if p.theme is None]
    floating = [p for p in no_theme if p.is_facilitator and p.id not in pins]
    waiting = [p for p in no_theme if not p.is_facilitator and p.id not in pins]
    loose_pinned = [p for p in no_theme if p.id in pins]

    if not any(themed.values()):
        if pins:
            raise GroupError("pin_conflict", "There are pins but nobody has chosen a theme, so there are no groups.")
        return Plan((), tuple(p.id for p in floating + waiting), tuple(people))

    demand = _Demand(
        themes=themes,
        themed={theme: len(themed[theme]) for theme in themes},
        themed_facilitators={theme: sum(p.is_facilitator for p in themed[theme]) for theme in themes},
        theme_pins={theme: tuple(pins[p.id] for p in themed[theme] if p.id in pins) for theme in themes},
        loose_pins=tuple(pins[p.id] for p in loose_pinned),
        loose_facilitator_pins=tuple(pins[p.id] for p in loose_pinned if p.is_facilitator),
        floating=len(floating),
        pinned_per_number=Counter(pins.values()),
    )
    capacities = [room.capacity for room in room_list]
    total_people = len(people) - len(waiting)
    layout = _choose_layout(demand, capacities, target_size, total_people)

    drafts = []
    for number, size in enumerate(layout.sizes, start=1):
        theme = _theme_of_number(number, themes, layout.group_counts)
        assert theme is not None  # the layout numbers exactly its groups
        drafts.append(_Draft(theme, number, size))
    by_number = {draft.number: draft for draft in drafts}
    for person in people:
        if person.id in pins:
            by_number[pins[person.id]].add(person, fixed=True)

    to_place = {theme: [p for p in themed[theme] if p.id not in pins] for theme in themes}
    start = 0
    for theme, share in zip(themes, layout.floating_split, strict=True):
        to_place[theme] += floating[start : start + share]
        start += share
    for theme in themes:
        theme_drafts = [draft for draft in drafts if draft.theme == theme]
        if not theme_drafts:
            continue
        _deal(theme_drafts, to_place[theme])
        if any(draft.fixed for draft in theme_drafts):
            _repair_spread(theme_drafts)
        _balance_roles(theme_drafts)

    # Bigger groups get bigger rooms; the group number breaks ties.
    by_size = sorted(drafts, key=lambda draft: (-draft.target, draft.number))
    room_of = {draft.number: room.name for draft, room in zip(by_size, room_list, strict=False)}
    groups = tuple(draft.to_group(room_of[draft.number]) for draft in drafts)
    return Plan(groups, tuple(p.id for p in waiting), tuple(people))


# --- after check-in --------------------------------------------------------


def reassign_present(
    plan: Plan,
    members: Iterable[Member],
    present_ids: Iterable[int],
    rooms: Iterable[Room],
    *,
    themes: Sequence[int],
    pinned: Mapping[int, int] | None = None,
) -> tuple[Plan, list[Move]]:
    """Drop the no-shows and even out each theme's groups with the fewest moves.

    Groups and rooms stay as they are. Pinned people never move. Present people
    who were in no group stay unplaced; the organizer can pin them into one.
    ``themes`` are the event's theme ids, as for ``assign``.
    """
    records = {member.id: member for member in plan.members}
    records.update({member.id: member for member in _checked_members(members, themes)})
    present = set(present_ids)
    pins = set(pinned or {})
    capacity = {room.name: room.capacity for room in _checked_rooms(rooms)}
    unknown = sorted({group.room for group in plan.groups} - set(capacity))
    if unknown:
        raise GroupError("unknown_room", f"The plan uses rooms that are not in the room list: {', '.join(unknown)}.")

    drafts = []
    for group in plan.groups:
        draft = _Draft(group.theme, group.number, 0)
        for member_id in group.member_ids:
            if member_id in present:
                # A record can be missing if the plan came from elsewhere; it then counts as county-less.
                person = records.get(member_id, Member(member_id, group.theme, None, "other"))
                draft.add(person, fixed=member_id in pins)
        drafts.append(draft)

    rooms_of = {group.number: group.room for group in plan.groups}
    moves: list[Move] = []
    for theme in _themes_of(plan.groups):
        theme_drafts = [draft for draft in drafts if draft.theme == theme]
        if not theme_drafts:
            continue
        current = [len(draft.members) for draft in theme_drafts]
        targets = _level_sizes(
            sum(current),
            [len(draft.fixed) for draft in theme_drafts],
            [capacity[rooms_of[draft.number]] for draft in theme_drafts],
            # Spare seats go to the fullest groups: that is what keeps moves to the minimum.
            [(-size, draft.number) for size, draft in zip(current, theme_drafts, strict=False)],
        )
        if targets is None:
            raise GroupError("rooms_too_small", f"Theme {theme}'s rooms no longer hold the people present.")
        for draft, target in zip(theme_drafts, targets, strict=False):
            draft.target = target
        moves += _even_out(theme_drafts)

    placed = {member.id for draft in drafts for member in draft.members}
    groups = tuple(draft.to_group(rooms_of[draft.number]) for draft in drafts)
    unplaced = tuple(sorted(i for i in present if i in records and i not in placed))
    kept = tuple(records[i] for i in sorted(present) if i in records)
    return Plan(groups, unplaced, kept), moves


def _even_out(drafts: list[_Draft]) -> list[Move]:
    """Move people from groups above their target to groups below it, one at a time.

    Each move takes the person and destination that crowd a county (or the
    facilitators, or a role) the least. A group only ever gives or only ever
    receives, so nobody moves twice and the move count is the surplus itself.
    """
    moves: list[Move] = []
    while True:
        givers = [draft for draft in drafts if draft.room_left < 0]
        if not givers:
            return moves
        takers = [draft for draft in drafts if draft.room_left > 0]
        giver, person, taker = min(
            ((giver, person, taker) for giver in givers for person in giver.movable() for taker in takers),
            key=lambda move: (
                _crowding_change(move[0], move[2], _spread_key(move[1])),
                move[2].roles[move[1].role] - (move[0].roles[move[1].role] - 1),
                move[1].id,
                move[2].number,
            ),
        )
        giver.remove(person)
        taker.add(person)
        moves.append(Move(person.id, giver.number, taker.number))
