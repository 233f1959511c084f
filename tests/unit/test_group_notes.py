"""Innspill fra gruppene (group_notes.py): who may write, order, edits, nonces, concurrent writers."""

import multiprocessing
import queue
import threading

import pytest

from companion import audit, db, group_notes
from companion.errors import HallError
from tests.hall_day import small_day


@pytest.fixture
def day(conn, event, at):
    return small_day(conn, event, at)


def test_the_facilitator_posts_and_members_read_in_order(conn, event, at, day):
    boss = day["facilitator"]
    group_notes.post(conn, event, boss.id, "Første poeng", guiding=0, now=at("11:00"))
    group_notes.post(conn, event, boss.id, "Andre\npoeng", guiding=1, now=at("11:01"))
    found = group_notes.notes(conn, day["number"])
    assert [(n.position, n.text, n.guiding) for n in found] == [(1, "Første poeng", 0), (2, "Andre\npoeng", 1)]


def test_a_member_writes_only_once_named_secretary(conn, event, at, day):
    member = day["members"][0]
    with pytest.raises(HallError) as refused:
        group_notes.post(conn, event, member.id, "Jeg vil skrive", guiding=0, now=at("11:00"))
    assert refused.value.code == "not_note_writer"
    with pytest.raises(HallError) as refused:
        group_notes.name_secretary(conn, event, member.id, member.id, now=at("11:00"))
    assert refused.value.code == "not_facilitator"
    group_notes.name_secretary(conn, event, day["facilitator"].id, member.id, now=at("11:00"))
    group_notes.post(conn, event, member.id, "Nå kan jeg", guiding=0, now=at("11:01"))
    assert [n.author_id for n in group_notes.notes(conn, day["number"])] == [member.id]


def test_someone_from_another_group_cannot_be_secretary(conn, event, at, day):
    with pytest.raises(HallError) as refused:
        group_notes.name_secretary(conn, event, day["facilitator"].id, day["outsider"].id, now=at("11:00"))
    assert refused.value.code == "not_in_group"


@pytest.mark.parametrize(
    "text, guiding, code",
    [("", 0, "empty_note"), ("   \n ", 0, "empty_note"), ("x" * 501, 0, "note_too_long"), ("ok", 5, "bad_guiding")],
)
def test_a_bad_point_is_refused_with_its_code_and_stores_nothing(conn, event, at, day, text, guiding, code):
    with pytest.raises(HallError) as refused:
        group_notes.post(conn, event, day["facilitator"].id, text, guiding=guiding, now=at("11:00"))
    assert refused.value.code == code
    assert group_notes.notes(conn) == []


def test_the_same_nonce_stores_one_point(conn, event, at, day):
    boss = day["facilitator"]
    first = group_notes.post(conn, event, boss.id, "Én gang", guiding=0, now=at("11:00"), nonce="a" * 32)
    again = group_notes.post(conn, event, boss.id, "Én gang", guiding=0, now=at("11:00"), nonce="a" * 32)
    assert first == again and len(group_notes.notes(conn)) == 1


def test_only_the_author_edits_a_point(conn, event, at, day):
    boss, member = day["facilitator"], day["members"][0]
    note = group_notes.post(conn, event, boss.id, "Skrivefeil", guiding=0, now=at("11:00"))
    group_notes.name_secretary(conn, event, boss.id, member.id, now=at("11:01"))
    with pytest.raises(HallError) as refused:
        group_notes.edit(conn, event, member.id, note.id, "Rettet", guiding=0, now=at("11:02"))
    assert refused.value.code == "note_not_found"
    edited = group_notes.edit(conn, event, boss.id, note.id, "Rettet", guiding=1, now=at("11:03"))
    assert (edited.text, edited.guiding, edited.edited, edited.position) == ("Rettet", 1, True, 1)


def test_star_and_screen_are_audit_logged(conn, event, at, day):
    note = group_notes.post(conn, event, day["facilitator"].id, "Best", guiding=0, now=at("11:00"))
    group_notes.star(conn, note.id, True, now=at("16:00"), role="moderator", desk="mod")
    group_notes.show(conn, note.id, True, now=at("16:01"), role="organizer", desk="org")
    assert [n.id for n in group_notes.on_screen(conn)] == [note.id]
    actions = [(r["action"], r["role"], r["desk"]) for r in audit.trail(conn)]
    assert actions[:2] == [("notes.screen", "organizer", "org"), ("notes.star", "moderator", "mod")]


def _write_points(db_path, event, at, person_id: int, start, errors) -> None:
    try:
        with db.connect(db_path) as mine:
            start.wait()
            for i in range(25):
                group_notes.post(mine, event, person_id, f"{person_id}-{i}", guiding=0, now=at("11:00"))
    except Exception as exc:  # noqa: BLE001 - reported to the test
        errors.put(repr(exc))


@pytest.mark.parametrize("how", ["threads", "processes"])
def test_two_phones_writing_at_once_lose_nothing(db_path, event, at, how):
    """Two writers post 25 points each at the same moment, from threads of one server or from two
    processes (two servers on one file): all 50 land, numbered 1..50 without a gap or a repeat."""
    with db.connect(db_path) as conn:
        day = small_day(conn, event, at)
        group_notes.name_secretary(conn, event, day["facilitator"].id, day["members"][0].id, now=at("10:40"))
    writers = [day["facilitator"].id, day["members"][0].id]
    kind = multiprocessing.get_context("fork") if how == "processes" else None
    start = kind.Barrier(2) if kind else threading.Barrier(2)
    errors = kind.Queue() if kind else queue.Queue()
    make = kind.Process if kind else threading.Thread
    runners = [make(target=_write_points, args=(db_path, event, at, w, start, errors)) for w in writers]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join(60)
    assert errors.empty()
    with db.connect(db_path) as conn:
        found = group_notes.notes(conn, day["number"])
    assert sorted(n.text for n in found) == sorted(f"{w}-{i}" for w in writers for i in range(25))
    assert [n.position for n in found] == list(range(1, 51))
