"""The version browsers poll moves exactly when the schedule or the groups change."""

from companion import changes, groups, schedule
from companion.event import load_event
from companion.importing import import_participants

from ..conftest import DATA


def test_version_moves_with_a_delay(conn, at):
    before = changes.version(conn)
    assert changes.version(conn) == before
    schedule.set_delay(conn, 10, now=at("11:00"))
    assert changes.version(conn) != before


def test_version_moves_when_groups_are_assigned_and_when_someone_is_moved(conn, at):
    source = DATA / "participants_demo.csv"
    event = load_event(DATA)
    import_participants(conn, source.read_bytes(), source.name, event=event, now=at("08:00"))
    before = changes.version(conn)
    groups.assign_groups(conn, event, now=at("09:30"), role="organizer")
    assigned = changes.version(conn)
    assert assigned != before
    person = conn.execute("SELECT participant_id, group_id FROM group_members LIMIT 1").fetchone()
    other = conn.execute(
        "SELECT g.number FROM groups g JOIN groups mine ON mine.id = ? WHERE g.theme = mine.theme AND g.id != mine.id "
        "LIMIT 1",
        (person[1],),
    ).fetchone()[0]
    groups.move_person(conn, event, person[0], other, now=at("09:40"), role="organizer")
    assert changes.version(conn) != assigned


def test_questions_version_moves_when_the_hall_list_changes_but_not_on_a_vote(conn, event, at):
    from companion import people, questions

    asker = people.add_participant(conn, name="Kari", now=at("15:00"))
    voter = people.add_participant(conn, name="Ola", now=at("15:00"))
    start = changes.questions_version(conn)
    asked = questions.ask(
        conn,
        programme=event.programme,
        participant_id=asker.id,
        text="Hvordan deler vi god praksis?",
        theme=0,
        show_name=False,
        now=at("15:20"),
        nonce="n1",
    )
    assert changes.questions_version(conn) == start  # still waiting for review: nobody sees it yet
    questions.moderate(conn, asked.question.id, "approve", now=at("15:21"), role="moderator")
    published = changes.questions_version(conn)
    assert published != start
    questions.set_vote(conn, question_id=asked.question.id, participant_id=voter.id, vote=True, now=at("15:22"))
    assert changes.questions_version(conn) == published
    questions.moderate(conn, asked.question.id, "answer", now=at("15:30"), role="moderator")
    assert changes.questions_version(conn) != published
