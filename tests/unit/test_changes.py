"""The version browsers poll moves exactly when the schedule or the groups change."""

from companion import changes, db, groups, schedule
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
        "SELECT g.number FROM groups g JOIN groups mine ON mine.id = ? WHERE g.theme = mine.theme AND g.id != mine.id LIMIT 1",
        (person[1],),
    ).fetchone()[0]
    groups.move_person(conn, event, person[0], other, now=at("09:40"), role="organizer")
    assert changes.version(conn) != assigned
