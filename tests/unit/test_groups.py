"""Groups in the store: theme choice, saving plans, pins, manual moves, present-only re-assign."""

import csv
import dataclasses
import json

import pytest

from companion import db, groups, people, schedule
from companion.errors import GroupError
from companion.event import Room

from ..conftest import DATA

COUNTIES = (
    "Østfold",
    "Akershus",
    "Oslo",
    "Hedmark",
    "Oppland",
    "Buskerud",
    "Vestfold",
    "Telemark",
    "Nordland",
    "Troms",
)


def add(conn, at, n, *, theme=1, role="caseworker", start=0):
    with db.write_tx(conn):
        return [
            people.add_participant(
                conn,
                name=f"P{start + i:03d}",
                county=COUNTIES[(start + i) % len(COUNTIES)],
                role=role,
                theme=theme,
                now=at("09:00"),
            )
            for i in range(n)
        ]


def check_in(conn, at, *persons):
    with db.write_tx(conn):
        for p in persons:
            conn.execute(
                "INSERT INTO checkins (participant_id, at, desk) VALUES (?, ?, 'A')", (p.id, at("09:00").isoformat())
            )


def stored(conn) -> dict[int, str]:
    """person id -> room, straight from the tables the export reads."""
    rows = conn.execute("SELECT gm.participant_id, g.room FROM group_members gm JOIN groups g ON g.id = gm.group_id")
    return dict(rows.fetchall())


def assign(conn, event, at, **kw):
    return groups.assign_groups(conn, event, now=at("09:30"), role="organizer", **kw)


# --- theme choice


def test_a_participant_chooses_a_theme(conn, event, at):
    (p,) = add(conn, at, 1, theme=None)
    groups.choose_theme(conn, event, p.id, 2, now=at("09:10"))
    assert people.get_participant(conn, p.id).theme == 2


def test_locked_choices_refuse_and_change_nothing(conn, event, at):
    (p,) = add(conn, at, 1, theme=None)
    groups.set_themes_locked(conn, True, now=at("09:20"), role="organizer")
    with pytest.raises(GroupError) as exc:
        groups.choose_theme(conn, event, p.id, 1, now=at("09:21"))
    assert exc.value.code == "themes_locked"
    assert people.get_participant(conn, p.id).theme is None


def test_unlocking_opens_choices_again_and_both_are_audited(conn, event, at):
    (p,) = add(conn, at, 1, theme=None)
    groups.set_themes_locked(conn, True, now=at("09:20"), role="organizer")
    groups.set_themes_locked(conn, False, now=at("09:22"), role="organizer")
    groups.choose_theme(conn, event, p.id, 1, now=at("09:23"))
    actions = [r["action"] for r in conn.query("SELECT action FROM audit ORDER BY id")]
    assert actions == ["groups.lock_themes", "groups.unlock_themes"]


def test_an_unknown_theme_is_refused(conn, event, at):
    (p,) = add(conn, at, 1, theme=None)
    with pytest.raises(GroupError) as exc:
        groups.choose_theme(conn, event, p.id, 7, now=at("09:10"))
    assert exc.value.code == "unknown_theme"


def test_someone_in_a_group_cannot_switch_theme_by_themself(conn, event, at):
    (p,) = add(conn, at, 1, theme=1)
    assign(conn, event, at)
    with pytest.raises(GroupError) as exc:
        groups.choose_theme(conn, event, p.id, 2, now=at("09:40"))
    assert exc.value.code == "already_grouped"


def test_counts_per_theme_and_who_has_not_chosen(conn, event, at):
    add(conn, at, 3, theme=1)
    add(conn, at, 2, theme=2, start=3)
    undecided = add(conn, at, 2, theme=None, start=5)
    choices = groups.theme_choices(conn, event)
    assert choices.counts == {1: 3, 2: 2}
    assert [p.name for p in choices.not_chosen] == [p.name for p in undecided]
    assert not choices.locked


# --- assignment and saving


def test_assignment_places_everyone_with_a_theme_once_in_a_room_of_the_event(conn, event, at):
    members = add(conn, at, 30, theme=1) + add(conn, at, 20, theme=2, start=30)
    result = assign(conn, event, at)
    placed = stored(conn)
    assert set(placed) == {p.id for p in members}
    assert result.assigned == 50
    assert set(placed.values()) <= {r.name for r in event.rooms}
    themes = dict(conn.execute("SELECT room, theme FROM groups").fetchall())
    assert all(themes[placed[p.id]] == p.theme for p in members)


def test_people_without_a_theme_are_left_out_and_counted(conn, event, at):
    add(conn, at, 5, theme=1)
    undecided = add(conn, at, 2, theme=None, start=5)
    result = assign(conn, event, at)
    assert result.unplaced == 2
    assert not set(stored(conn)) & {p.id for p in undecided}


def test_a_facilitator_without_a_theme_is_still_placed(conn, event, at):
    add(conn, at, 12, theme=1)
    (researcher,) = add(conn, at, 1, theme=None, role="researcher", start=12)
    assign(conn, event, at)
    assert researcher.id in stored(conn)


def test_assignment_is_audited(conn, event, at):
    add(conn, at, 12)
    assign(conn, event, at)
    row = next(conn.query("SELECT action, detail FROM audit"))
    assert row["action"] == "groups.assign" and json.loads(row["detail"])["assigned"] == 12


def test_rooms_too_small_assign_nothing_and_keep_the_old_plan(conn, event, at):
    add(conn, at, 20)
    assign(conn, event, at)
    before = stored(conn)
    add(conn, at, 10, start=20)
    tiny = dataclasses.replace(event, rooms=(Room("Lite", "kjelleren", 5),))
    with pytest.raises(GroupError) as exc:
        groups.assign_groups(conn, tiny, now=at("09:40"), role="organizer")
    assert exc.value.code == "rooms_too_small"
    assert stored(conn) == before


def test_running_again_gives_the_same_groups(conn, event, at):
    add(conn, at, 40)
    assign(conn, event, at)
    first = stored(conn)
    assign(conn, event, at)
    assert stored(conn) == first


def test_the_demo_list_fits_the_demo_rooms(conn, event, at):
    with db.write_tx(conn):
        for i, row in enumerate(csv.DictReader((DATA / "participants_demo.csv").open(encoding="utf-8"))):
            # Those who registered without a theme choose one on the day.
            theme = int(row["theme"]) if row["theme"] else 1 + i % 2
            people.add_participant(
                conn,
                name=row["name"],
                email=row["email"],
                county=row["county"],
                role=row["role"],
                theme=theme,
                now=at("09:00"),
            )
    result = assign(conn, event, at)
    assert result.assigned == 85 == len(stored(conn))
    sizes = conn.execute(
        "SELECT g.room, count(*) FROM group_members gm JOIN groups g ON g.id = gm.group_id GROUP BY g.room"
    ).fetchall()
    assert all(n <= event.room(room).capacity for room, n in sizes)


# --- manual moves and pins


def _elsewhere(conn, person_id) -> int:
    """A group of the same theme that the person is not in."""
    mine = conn.execute(
        "SELECT g.number, g.theme FROM group_members gm JOIN groups g ON g.id = gm.group_id "
        "WHERE gm.participant_id = ?",
        (person_id,),
    ).fetchone()
    return conn.execute(
        "SELECT number FROM groups WHERE theme = ? AND number != ? ORDER BY number", (mine[1], mine[0])
    ).fetchone()[0]


def _room_of_number(conn, number) -> str:
    return conn.execute("SELECT room FROM groups WHERE number = ?", (number,)).fetchone()[0]


def test_a_manual_move_pins_the_person_and_is_audited(conn, event, at):
    members = add(conn, at, 30)
    assign(conn, event, at)
    target = _elsewhere(conn, members[0].id)
    groups.move_person(conn, event, members[0].id, target, now=at("09:50"), role="organizer")
    assert stored(conn)[members[0].id] == _room_of_number(conn, target)
    assert (
        conn.execute("SELECT pinned FROM group_members WHERE participant_id = ?", (members[0].id,)).fetchone()[0] == 1
    )
    detail = json.loads(next(conn.query("SELECT detail FROM audit WHERE action = 'groups.move'"))["detail"])
    assert detail["participant_id"] == members[0].id and detail["to"] == target


def test_a_manual_move_survives_a_rerun(conn, event, at):
    members = add(conn, at, 30)
    assign(conn, event, at)
    target = _elsewhere(conn, members[0].id)
    groups.move_person(conn, event, members[0].id, target, now=at("09:50"), role="organizer")
    room = _room_of_number(conn, target)
    assign(conn, event, at)
    assert stored(conn)[members[0].id] == room
    assert (
        conn.execute("SELECT pinned FROM group_members WHERE participant_id = ?", (members[0].id,)).fetchone()[0] == 1
    )


def test_reset_pins_lets_a_rerun_undo_the_manual_move(conn, event, at):
    members = add(conn, at, 30)
    assign(conn, event, at)
    original = stored(conn)[members[0].id]
    groups.move_person(conn, event, members[0].id, _elsewhere(conn, members[0].id), now=at("09:50"), role="organizer")
    assign(conn, event, at, reset_pins=True)
    assert stored(conn)[members[0].id] == original
    assert conn.execute("SELECT count(*) FROM group_members WHERE pinned = 1").fetchone()[0] == 0


def test_reset_pins_alone_unpins_without_moving_anyone(conn, event, at):
    members = add(conn, at, 30)
    assign(conn, event, at)
    groups.move_person(conn, event, members[0].id, _elsewhere(conn, members[0].id), now=at("09:50"), role="organizer")
    before = stored(conn)
    assert groups.reset_pins(conn, now=at("09:55"), role="organizer") == 1
    assert stored(conn) == before
    assert conn.execute("SELECT count(*) FROM group_members WHERE pinned = 1").fetchone()[0] == 0


def test_a_move_to_a_group_of_the_other_theme_is_refused(conn, event, at):
    ones = add(conn, at, 10, theme=1)
    add(conn, at, 10, theme=2, start=10)
    assign(conn, event, at)
    other = conn.execute("SELECT number FROM groups WHERE theme = 2").fetchone()[0]
    before = stored(conn)
    with pytest.raises(GroupError) as exc:
        groups.move_person(conn, event, ones[0].id, other, now=at("09:50"), role="organizer")
    assert exc.value.code == "wrong_theme"
    assert stored(conn) == before


def test_a_move_into_a_full_room_is_refused(conn, event, at):
    rooms = (Room("A", "her", 3), Room("B", "der", 3))
    small = dataclasses.replace(event, rooms=rooms)
    members = add(conn, at, 6)
    groups.assign_groups(conn, small, now=at("09:30"), role="organizer")
    target = _elsewhere(conn, members[0].id)
    with pytest.raises(GroupError) as exc:
        groups.move_person(conn, small, members[0].id, target, now=at("09:50"), role="organizer")
    assert exc.value.code == "room_full"


def test_a_move_to_an_unknown_group_is_refused(conn, event, at):
    members = add(conn, at, 5)
    assign(conn, event, at)
    with pytest.raises(GroupError) as exc:
        groups.move_person(conn, event, members[0].id, 999, now=at("09:50"), role="organizer")
    assert exc.value.code == "unknown_group"


# --- re-assign only those present


def test_present_only_drops_no_shows_and_places_every_present_person(conn, event, at):
    members = add(conn, at, 40)
    assign(conn, event, at)
    present = members[:25]
    check_in(conn, at, *present)
    groups.assign_groups(conn, event, now=at("10:20"), role="organizer", present_only=True)
    assert set(stored(conn)) == {p.id for p in present}


def test_present_only_reports_exactly_the_people_whose_group_changed(conn, event, at):
    members = add(conn, at, 40)
    assign(conn, event, at)
    before = stored(conn)
    check_in(conn, at, *members[:25])
    result = groups.assign_groups(conn, event, now=at("10:20"), role="organizer", present_only=True)
    after = stored(conn)
    changed = {pid for pid in after if before.get(pid) != after[pid]}
    assert {m.member_id for m in result.moves} == changed


def test_an_undone_checkin_does_not_count_as_present(conn, event, at):
    members = add(conn, at, 12)
    assign(conn, event, at)
    check_in(conn, at, *members[:10])
    with db.write_tx(conn):
        conn.execute(
            "UPDATE checkins SET undone_at = ? WHERE participant_id = ?", (at("09:10").isoformat(), members[0].id)
        )
    assert groups.present_ids(conn) == {p.id for p in members[1:10]}


# --- what a person sees


def test_group_of_shows_room_location_facilitator_and_members_name_and_county_only(conn, event, at):
    members = add(conn, at, 8)
    (facilitator,) = add(conn, at, 1, role="researcher", start=8)
    assign(conn, event, at)
    view = groups.group_of(conn, event, members[0].id)
    assert view.room.location == event.room(view.room.name).location
    assert [p.name for p in view.facilitators] == [facilitator.name]
    assert {p.name for p in view.others(members[0].id)} == {m.name for m in members[1:]}
    assert {f.name for f in dataclasses.fields(view.members[0])} == {"id", "name", "county", "role"}


def test_group_of_someone_without_a_group_is_none(conn, event, at):
    (p,) = add(conn, at, 1, theme=None)
    assert groups.group_of(conn, event, p.id) is None


def test_my_group_page_hides_the_group_until_groups_are_published(conn, event, at):
    (p,) = add(conn, at, 1)
    assign(conn, event, at)
    early = groups.my_group_page(conn, event, p.id, at("09:44"))
    assert early.group is None and early.in_group and not early.published
    assert groups.my_group_page(conn, event, p.id, at("09:45")).group is not None


# --- when to go: 15 minutes before a group session until it starts


@pytest.mark.parametrize(
    "clock, expected",
    [("10:14:59", None), ("10:15", "10:30"), ("10:29:59", "10:30"), ("10:30", None), ("13:20", "13:30")],
)
def test_go_now_window_on_time(event, at, clock, expected):
    slot = groups.go_now(groups.group_slots(event.programme), at(clock))
    assert (slot.start.strftime("%H:%M") if slot else None) == expected


@pytest.mark.parametrize(
    "clock, expected", [("10:24:59", None), ("10:25", "10:40"), ("10:39:59", "10:40"), ("10:40", None)]
)
def test_go_now_window_follows_a_delay(conn, event, at, clock, expected):
    schedule.set_delay(conn, 10, now=at("10:00"))
    slots = groups.group_slots(event.programme, schedule.get_shifts(conn))
    slot = groups.go_now(slots, at(clock))
    assert (slot.start.strftime("%H:%M") if slot else None) == expected


def test_the_page_looks_again_when_the_go_now_window_opens(event, at):
    slots = groups.group_slots(event.programme)
    assert groups.next_go_now_change(slots, at("10:00")) == at("10:15")
    assert groups.next_go_now_change(slots, at("10:20")) == at("10:30")
