"""One person's data: the export holds everything stored about them; erasure deletes them, keeps
their questions (anonymous) and their votes' counts, and links neither to them."""

import json

import pytest

from companion import audit, db, evaluation, person, questions
from companion.errors import PrivacyError

from .seeded_day import counts, seed_day


@pytest.fixture
def day(db_path, event, at):
    return seed_day(db_path, event, at, evaluation.load_form("data", event.programme))


def test_the_export_holds_the_person_their_arrival_group_questions_votes_and_evaluation(day, event, at):
    kari = day.people[1]
    with db.connect(day.db_path) as conn:
        found = person.export(conn, event, kari.email.upper(), now=at("17:00"))
    text = json.dumps(found, ensure_ascii=False)
    assert found["participant"]["name"] == kari.name and found["participant"]["personal_link_token"] == kari.token
    assert found["participant"]["short_code"] == kari.code and found["participant"]["county"] == "Nordland"
    assert [c["desk"] for c in found["checkins"]] == ["d1"] and found["scans"][0]["raw"] == kari.code
    assert found["group"]["number"] >= 1
    assert [q["text"] for q in found["questions"]] == ["Hva med sak 1?"]
    assert [v["question_id"] for v in found["votes"]] == [1]
    assert found["evaluation"] == {"overall": 2, "theme_useful": 4, "differently": "Mer kaffe 1"}
    assert found["kept_columns"] == [{"label": "Matbehov", "kind": "diet", "value": f"Glutenfri, sier {kari.name}"}]
    assert found["contact"] == event.privacy_contact
    # Nobody else's name is in it.
    assert not [p.name for p in day.everyone if p.id != kari.id and p.name in text]


def test_the_export_of_a_walk_in_has_the_desks_audit_row_about_them(day, event, at):
    with db.connect(day.db_path) as conn:
        found = person.export(conn, event, "xavier.walkin@example.org", now=at("17:00"))
    assert [row["action"] for row in found["audit"]] == ["participant.walk_in"]
    assert found["participant"]["walk_in"] is True


@pytest.mark.parametrize("email", ["", "nobody@example.org"])
def test_an_unknown_email_is_refused(day, event, at, email):
    with db.connect(day.db_path) as conn, pytest.raises(PrivacyError) as refused:
        person.export(conn, event, email, now=at("17:00"))
    assert refused.value.code == "unknown_email"


def test_erasure_deletes_the_person_keeps_their_question_and_their_votes_count(day, event, at):
    kari = day.people[1]
    before = counts(day.db_path)
    with db.connect(day.db_path) as conn:
        [asked] = [q.id for q in questions.my_questions(conn, kari.id)]
        erased = person.erase(conn, kari.email, now=at("17:00"), role="organizer", desk="cli")
        assert (erased.questions, erased.votes, erased.evaluation) == (1, 1, True)
        assert conn.execute("SELECT COUNT(*) FROM participants WHERE id = ?", (kari.id,)).fetchone()[0] == 0
        row = conn.execute("SELECT text, participant_id, show_name FROM questions WHERE id = ?", (asked,)).fetchone()
        assert row[0] == "Hva med sak 1?"
        anonymous = conn.execute("SELECT name, email, county, deleted_at FROM participants WHERE id = ?", (row[1],))
        assert anonymous.fetchone()[:3] == ("", None, None)
        assert evaluation.answer_of(conn, kari.id) is None
        with pytest.raises(PrivacyError):
            person.export(conn, event, kari.email, now=at("17:01"))
        assert [r["action"] for r in audit.trail(conn, 1)] == ["privacy.erase"]
        assert kari.email not in json.dumps(audit.trail(conn))
        # While the app still has the database open: nothing of them in the file or its WAL.
        wal = day.db_path.with_name(day.db_path.name + "-wal")
        data = day.db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        assert kari.name.encode() not in data and kari.email.encode() not in data and kari.token.encode() not in data
    after = counts(day.db_path)
    assert after["votes"] == before["votes"] and after["questions"] == before["questions"]
    assert after["evaluation"] == before["evaluation"]
    assert after["registered"] == [(before["registered"][0][0] - 1,)]


def test_erasing_a_walk_in_takes_their_name_out_of_the_audit_trail(day, at):
    with db.connect(day.db_path) as conn:
        person.erase(conn, "xavier.walkin@example.org", now=at("17:00"), role="organizer")
        assert "Xavier" not in json.dumps(audit.trail(conn))
        assert conn.execute("SELECT COUNT(*) FROM scans WHERE raw LIKE 'id:%'").fetchone()[0] == 0
