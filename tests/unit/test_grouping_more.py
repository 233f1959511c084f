"""Properties of the issue that tests/unit/test_grouping.py leaves open: facilitators and leaders
spread, every group mixed, and re-assigning only those present being deterministic and stable."""

from hypothesis import given
from hypothesis import strategies as st

from companion.grouping import reassign_present

from .test_grouping import PROPERTY_SETTINGS, THEMES, crowds, feasible_plan, groups_of_theme, room_lists

FACILITATORS = ("ministry", "researcher")


def counts_per_group(plan, members, theme, wanted) -> list[int]:
    by_id = {m.id: m for m in members}
    return [sum(1 for i in g.member_ids if wanted(by_id[i])) for g in groups_of_theme(plan, theme)]


@PROPERTY_SETTINGS
@given(crowds(), room_lists())
def test_facilitators_are_spread_evenly_over_a_themes_groups(members, rooms):
    plan = feasible_plan(members, rooms)
    for theme in (1, 2):
        counts = counts_per_group(plan, members, theme, lambda m: m.role in FACILITATORS)
        if counts:
            assert max(counts) - min(counts) <= 1, counts


@PROPERTY_SETTINGS
@given(crowds(), room_lists())
def test_leaders_are_spread_evenly_over_a_themes_groups(members, rooms):
    plan = feasible_plan(members, rooms)
    for theme in (1, 2):
        counts = counts_per_group(plan, members, theme, lambda m: m.role == "leader")
        if counts:
            assert max(counts) - min(counts) <= 1, counts


@PROPERTY_SETTINGS
@given(crowds(), room_lists())
def test_every_group_has_a_leader_and_a_caseworker_when_there_are_enough(members, rooms):
    plan = feasible_plan(members, rooms)
    for theme in (1, 2):
        for role in ("leader", "caseworker"):
            counts = counts_per_group(plan, members, theme, lambda m, role=role: m.role == role)
            if counts and sum(counts) >= len(counts):
                assert min(counts) >= 1, (role, counts)


@PROPERTY_SETTINGS
@given(crowds(), room_lists(), st.randoms(use_true_random=False))
def test_reassign_present_gives_the_same_answer_for_the_same_input_in_any_order(members, rooms, rng):
    plan = feasible_plan(members, rooms)
    present = [m.id for m in members if rng.random() < 0.75]
    first = reassign_present(plan, members, present, rooms, themes=THEMES)
    shuffled_members, shuffled_present, shuffled_rooms = list(members), list(present), list(rooms)
    for items in (shuffled_members, shuffled_present, shuffled_rooms):
        rng.shuffle(items)
    assert reassign_present(plan, shuffled_members, shuffled_present, shuffled_rooms, themes=THEMES) == first


@PROPERTY_SETTINGS
@given(crowds(), room_lists(), st.randoms(use_true_random=False))
def test_reassigning_the_same_people_twice_moves_nobody_the_second_time(members, rooms, rng):
    plan = feasible_plan(members, rooms)
    present = {m.id for m in members if rng.random() < 0.75}
    mended, _ = reassign_present(plan, members, present, rooms, themes=THEMES)
    again, moves = reassign_present(mended, members, present, rooms, themes=THEMES)
    assert moves == []
    assert again.groups == mended.groups
