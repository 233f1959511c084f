"""The purge and one person's export and erasure cover the hall's tables: poll answers, group
points and the named secretary no longer point at anyone; the answers still count, the points stay."""

import pytest

from companion import db, group_notes, person, polls, purge
from tests.hall_day import small_day

NAME = "Verksted for regional utvikling"


@pytest.fixture
def hall(db_path, event, at):
    with db.connect(db_path) as conn:
        day = small_day(conn, event, at)
        boss, member = day["facilitator"], day["members"][0]
        with db.write_tx(conn):
            conn.execute("UPDATE participants SET email = 'sekretar@example.org' WHERE id = ?", (member.id,))
        group_notes.name_secretary(conn, event, boss.id, member.id, now=at("10:40"))
        group_notes.post(conn, event, member.id, "Kompetanse må deles", guiding=0, now=at("11:00"), nonce="e" * 32)
        poll = polls.create(conn, polls.PollSpec("scale", "Nyttig?"), now=at("10:00"), role="organizer")
        polls.set_state(conn, poll.id, "open", now=at("10:00"), role="organizer")
        for someone in (boss, member):
            polls.answer(conn, poll.id, someone.id, [4], now=at("10:01"))
    return {**day, "poll": poll, "secretary": member}


def links(db_path, participant_id=None) -> dict:
    with db.connect(db_path) as conn:
        where = "IS NOT NULL" if participant_id is None else f"= {int(participant_id)}"
        return {
            "answers": db.scalar(conn, f"SELECT count(*) FROM poll_answers WHERE participant_id {where}"),
            "notes": db.scalar(conn, f"SELECT count(*) FROM group_notes WHERE author_id {where}"),
            "secretaries": db.scalar(conn, f"SELECT count(*) FROM group_secretaries WHERE participant_id {where}"),
        }


def test_the_purge_cuts_every_link_and_keeps_the_counts_and_the_points(hall, db_path, event, at):
    assert links(db_path) == {"answers": 2, "notes": 1, "secretaries": 1}
    purge.purge(db_path, event, confirmation=NAME, now=at("17:00"), role="organizer")
    assert links(db_path) == {"answers": 0, "notes": 0, "secretaries": 0}
    with db.connect(db_path) as conn:
        assert polls.results(conn, polls.get(conn, hall["poll"].id))["total"] == 2
        assert [n.text for n in group_notes.notes(conn)] == ["Kompetanse må deles"]


def test_a_persons_export_has_their_answers_and_points_and_erasure_cuts_only_theirs(hall, db_path, event, at):
    secretary = hall["secretary"]
    with db.connect(db_path) as conn:
        found = person.export(conn, event, "sekretar@example.org", now=at("12:00"))
        assert [a["answer"] for a in found["poll_answers"]] == ["[4]"]
        assert [p["text"] for p in found["group_points"]] == ["Kompetanse må deles"]
        assert found["secretary_of_group"] == hall["number"]
        person.erase(conn, "sekretar@example.org", now=at("12:00"), role="organizer")
    assert links(db_path, secretary.id) == {"answers": 0, "notes": 0, "secretaries": 0}
    assert links(db_path) == {"answers": 1, "notes": 0, "secretaries": 0}, "the facilitator's answer stays theirs"
