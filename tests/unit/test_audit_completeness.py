"""Every staff action leaves an audit row with its time, role and desk.

Each action runs through its own domain function, as the pages and the CLI call it, with a role
and a desk (station) of its own; the trail must then hold exactly that row.
"""

import json

import pytest

from companion import audit, backup, checkin, db, groups, importing, people, questions, schedule


@pytest.fixture
def hall(conn, event, at):
    """Sixty people with themes (two groups or more per theme), two questions waiting, groups assigned,
    one person checked in."""
    with db.write_tx(conn):
        crowd = [
            people.add_participant(conn, name=f"P{i}", county=event.counties[i % 18], theme=1 + i % 2, now=at("07:00"))
            for i in range(60)
        ]
    asked = questions.ask(
        conn, programme=event.programme, participant_id=crowd[0].id, text="Hva nå?", now=at("10:00")
    ).question
    other = questions.ask(
        conn, programme=event.programme, participant_id=crowd[1].id, text="Hva nå, egentlig?", now=at("10:00")
    ).question
    groups.assign_groups(conn, event, now=at("09:00"), role="organizer", desk="setup")
    checkin.check_in(conn, crowd[2].code, now=at("08:30"), desk="desk 1")
    return crowd, asked, other


def _actions(conn, event, at, db_path, crowd, asked, other):
    """(expected action, role, desk, the call) for each kind of staff action."""
    moved_to = next(
        g.number
        for g in groups.groups_overview(conn, event)
        if crowd[3].id not in {m.id for m in g.members} and g.theme == crowd[3].theme
    )
    return [
        (
            "checkin.undo",
            "desk",
            "desk 2",
            lambda: checkin.undo_check_in(conn, crowd[2].id, now=at("08:40"), desk="desk 2", role="desk"),
        ),
        (
            "participant.walk_in",
            "desk",
            "desk 3",
            lambda: checkin.register_walk_in(conn, name="Walk In", now=at("08:45"), desk="desk 3", staff_role="desk"),
        ),
        (
            "question.approve",
            "moderator",
            "10.0.0.7",
            lambda: questions.moderate(conn, asked.id, "approve", now=at("15:00"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.edit",
            "moderator",
            "10.0.0.7",
            lambda: questions.edit(conn, asked.id, "Hva nå, da?", now=at("15:01"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.star",
            "moderator",
            "10.0.0.7",
            lambda: questions.star(conn, asked.id, True, now=at("15:02"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.reorder",
            "moderator",
            "10.0.0.7",
            lambda: questions.place_in_queue(conn, asked.id, 0, now=at("15:03"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.screen",
            "moderator",
            "10.0.0.7",
            lambda: questions.show_on_screen(conn, asked.id, now=at("15:04"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.unscreen",
            "moderator",
            "10.0.0.7",
            lambda: questions.clear_screen(conn, now=at("15:05"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.merge",
            "moderator",
            "10.0.0.7",
            lambda: questions.merge(conn, asked.id, [other.id], now=at("15:06"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "question.hide",
            "moderator",
            "10.0.0.7",
            lambda: questions.moderate(conn, asked.id, "hide", now=at("15:07"), role="moderator", desk="10.0.0.7"),
        ),
        (
            "questions.override",
            "organizer",
            "10.0.0.9",
            lambda: questions.set_override(conn, "closed", now=at("15:08"), role="organizer", desk="10.0.0.9"),
        ),
        (
            "questions.premoderation",
            "organizer",
            "10.0.0.9",
            lambda: questions.set_premoderation(conn, False, now=at("15:09"), role="organizer", desk="10.0.0.9"),
        ),
        (
            "groups.move",
            "organizer",
            "10.0.0.9",
            lambda: groups.move_person(
                conn, event, crowd[3].id, moved_to, now=at("11:00"), role="organizer", desk="10.0.0.9"
            ),
        ),
        (
            "groups.reset_pins",
            "organizer",
            "10.0.0.9",
            lambda: groups.reset_pins(conn, now=at("11:01"), role="organizer", desk="10.0.0.9"),
        ),
        (
            "groups.lock_themes",
            "organizer",
            "10.0.0.9",
            lambda: groups.set_themes_locked(conn, True, now=at("11:02"), role="organizer", desk="10.0.0.9"),
        ),
        (
            "groups.assign",
            "organizer",
            "cli",
            lambda: groups.assign_groups(conn, event, now=at("11:03"), role="organizer", desk="cli"),
        ),
        (
            "schedule.delay",
            "organizer",
            "10.0.0.9",
            lambda: schedule.set_delay(conn, 10, now=at("11:04"), role="organizer", desk="10.0.0.9"),
        ),
        (
            "participants.import",
            "organizer",
            "cli",
            lambda: importing.import_participants(
                conn, b"navn\nNy Person\n", "ny.csv", event=event, now=at("11:05"), desk="cli"
            ),
        ),
        (
            "backup.snapshot",
            "organizer",
            "10.0.0.9",
            lambda: backup.snapshot_by_hand(db_path, now=at("11:06"), role="organizer", desk="10.0.0.9"),
        ),
        *_hall_actions(conn, event, at, db_path),
    ]


def _hall_actions(conn, event, at, db_path):
    """Messages to phones, polls, group points and presentations (the hall talks back)."""
    from companion import group_notes, hall_messages, polls, presentations

    org = {"role": "organizer", "desk": "10.0.0.5"}
    with db.write_tx(conn):
        conn.execute(
            "INSERT INTO group_notes (group_number, position, text, created_at) VALUES (1, 1, 'Poeng', '2019-09-25')"
        )
    return [
        (
            "message.send",
            "organizer",
            "10.0.0.5",
            lambda: hall_messages.send(conn, event, "Hei", now=at("11:10"), **org),
        ),
        ("message.withdraw", "organizer", "10.0.0.5", lambda: hall_messages.withdraw(conn, 1, now=at("11:11"), **org)),
        (
            "poll.create",
            "organizer",
            "10.0.0.5",
            lambda: polls.create(conn, polls.PollSpec("scale", "Nyttig?"), now=at("11:12"), **org),
        ),
        ("poll.open", "organizer", "10.0.0.5", lambda: polls.set_state(conn, 1, "open", now=at("11:13"), **org)),
        ("poll.close", "organizer", "10.0.0.5", lambda: polls.set_state(conn, 1, "close", now=at("11:14"), **org)),
        (
            "notes.star",
            "moderator",
            "mod",
            lambda: group_notes.star(conn, 1, True, now=at("16:00"), role="moderator", desk="mod"),
        ),
        ("notes.screen", "organizer", "10.0.0.5", lambda: group_notes.show(conn, 1, True, now=at("16:01"), **org)),
        (
            "presentation.add",
            "organizer",
            "10.0.0.5",
            lambda: presentations.add_link(
                conn, event, "09:00", "https://example.org/a.pdf", "A", now=at("08:00"), **org
            ),
        ),
        ("presentation.remove", "organizer", "10.0.0.5", lambda: presentations.remove(conn, 1, now=at("12:00"), **org)),
    ]


def _newest(conn) -> dict:
    return audit.trail(conn, limit=1)[0]


def test_every_staff_action_is_in_the_trail_with_time_role_and_desk(conn, db_path, event, at, hall):
    crowd, asked, other = hall
    missing = []
    for action, role, desk, call in _actions(conn, event, at, db_path, crowd, asked, other):
        last = db.scalar(conn, "SELECT coalesce(max(id), 0) FROM audit")
        call()
        rows = list(conn.query("SELECT * FROM audit WHERE id > ? ORDER BY id", (last,)))
        if [(r["action"], r["role"], r["desk"]) for r in rows] != [(action, role, desk)]:
            missing.append((action, [(r["action"], r["role"], r["desk"]) for r in rows]))
            continue
        assert rows[0]["at"].startswith(event.date.isoformat()), action
        json.loads(rows[0]["detail"])
    assert missing == []


def test_a_restore_is_in_the_restored_database_s_trail_with_role_and_desk(db_path, tmp_path, at):
    copy = backup.backup_to(db_path, tmp_path / "copy.db")

    backup.restore(db_path, copy, now=at("12:00"), role="organizer", desk="10.0.0.9")

    with db.connect(db_path) as conn:
        row = _newest(conn)
    assert (row["action"], row["role"], row["desk"]) == ("backup.restore", "organizer", "10.0.0.9")
    assert row["at"] == at("12:00").isoformat(timespec="seconds")


def test_the_trail_names_the_desk_in_its_export(conn, at):
    with db.write_tx(conn):
        audit.record(
            conn, at=at("08:00"), role="desk", desk="desk 4", action="checkin.undo", detail={"participant_id": 1}
        )

    columns, rows = audit.table(conn)

    assert columns == ("at", "role", "desk", "action", "detail")
    assert rows[0][:4] == (at("08:00").isoformat(timespec="seconds"), "desk", "desk 4", "checkin.undo")
