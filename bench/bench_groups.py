"""Time group assignment for a large event and print the quality report.

Run: PYTHONPATH=src python bench/bench_groups.py

1,000 people from 18 counties, both themes, 5% ministry staff and
researchers, 40 rooms; everything comes from a fixed seed. ``assign`` is
timed against a plain round-robin split of the same people, which does none
of the balancing, so the gap shows what the rules cost.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from companion.grouping import Group, Member, Plan, Room, assign  # noqa: E402

SEED = 20240611
PEOPLE = 1000
ROOM_COUNT = 40
RUNS = 9
TARGET_MS = 2000
COUNTIES = [
    "Østfold",
    "Akershus",
    "Oslo",
    "Hedmark",
    "Oppland",
    "Buskerud",
    "Vestfold",
    "Telemark",
    "Aust-Agder",
    "Vest-Agder",
    "Rogaland",
    "Hordaland",
    "Sogn og Fjordane",
    "Møre og Romsdal",
    "Trøndelag",
    "Nordland",
    "Troms",
    "Finnmark",
]


THEMES = (1, 2)


def make_event(seed: int = SEED) -> tuple[list[Member], list[Room]]:
    rng = random.Random(seed)
    members = []
    for member_id in range(1, PEOPLE + 1):
        if rng.random() < 0.05:
            role = rng.choice(["ministry", "researcher"])
            members.append(Member(member_id, rng.choice([1, 2, None]), None, role))
        else:
            role = rng.choices(["leader", "caseworker", "other"], weights=[3, 6, 1])[0]
            theme = rng.choices([1, 2, None], weights=[55, 44, 1])[0]
            members.append(Member(member_id, theme, rng.choice(COUNTIES), role))
    rooms = [Room(f"Room {n:02d}", f"Floor {n % 5 + 1}", rng.randint(24, 40)) for n in range(1, ROOM_COUNT + 1)]
    return members, rooms


def round_robin(members: list[Member], rooms: list[Room]) -> Plan:
    """Baseline: split rooms between the themes by headcount and deal people in id order."""
    by_id = {m.id: m for m in members}
    themed = {theme: sorted(m.id for m in members if m.theme == theme) for theme in (1, 2)}
    first_rooms = round(len(rooms) * len(themed[1]) / max(1, len(themed[1]) + len(themed[2])))
    counts = {1: first_rooms, 2: len(rooms) - first_rooms}
    groups, number = [], 1
    for theme in (1, 2):
        buckets = [[] for _ in range(counts[theme])]
        for index, member_id in enumerate(themed[theme]):
            buckets[index % len(buckets)].append(member_id)
        for bucket in buckets:
            facilitators = tuple(i for i in bucket if by_id[i].is_facilitator)
            groups.append(Group(theme, number, rooms[number - 1].name, tuple(bucket), facilitators))
            number += 1
    unplaced = tuple(m.id for m in members if m.theme is None)
    return Plan(tuple(groups), unplaced, tuple(members))


def timed(function, *args) -> tuple[list[float], object]:
    samples, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function(*args)
        samples.append((time.perf_counter() - start) * 1000)
    return samples, result


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    members, rooms = make_event()
    facilitators = sum(m.is_facilitator for m in members)
    print(
        f"{len(members)} people, {len({m.county for m in members if m.county})} counties, "
        f"{facilitators} facilitators, {len(rooms)} rooms, {sum(r.capacity for r in rooms)} seats, {RUNS} runs"
    )
    print()

    results = {}
    print(f"{'method':<22}{'median ms':>12}{'p95 ms':>10}")

    def assign_both_themes(members: list[Member], rooms: list[Room]) -> Plan:
        return assign(members, rooms, themes=THEMES)

    for name, function in (("assign", assign_both_themes), ("round-robin baseline", round_robin)):
        samples, plan = timed(function, members, rooms)
        results[name] = (samples, plan)
        print(f"{name:<22}{statistics.median(samples):>12.1f}{p95(samples):>10.1f}")
    print()

    for name, (_, plan) in results.items():
        print(f"Quality, {name}:")
        for line in plan.summary().lines():
            if ", group " not in line:  # per-group detail is long; the theme lines carry the totals
                print("  " + line)
        print()

    median = statistics.median(results["assign"][0])
    verdict = "within" if median < TARGET_MS else "OVER"
    print(f"assign median {median:.1f} ms: {verdict} the {TARGET_MS} ms target")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
