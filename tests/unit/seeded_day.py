"""A whole day in a database, through the domain's own functions: registered people, arrivals, a
walk-in, groups, questions and votes, evaluation answers and a snapshot. For the privacy tests."""

from dataclasses import dataclass, field
from pathlib import Path

from companion import backup, checkin, db, evaluation, extras, groups, people, questions
from companion.event import Event
from companion.people import Participant
from companion.purge import event_end

COUNTIES = ("Troms", "Nordland", "Agder", "Vestland")


@dataclass
class Day:
    db_path: Path
    people: list[Participant] = field(default_factory=list)
    walk_in: Participant | None = None

    @property
    def everyone(self) -> list[Participant]:
        return self.people + ([self.walk_in] if self.walk_in else [])


def seed_day(db_path: Path, event: Event, at, form: evaluation.Form, n: int = 12) -> Day:
    day = Day(db_path)
    with db.connect(db_path) as conn:
        with db.write_tx(conn):
            for i in range(n):
                day.people.append(
                    people.add_participant(
                        conn,
                        name=f"Zelda Quistgaard{i:02d}",
                        email=f"zelda.quist{i:02d}@example.org",
                        county=COUNTIES[i % len(COUNTIES)],
                        role=people.ROLES[i % 3],
                        theme=1 + i % 2,
                        now=at("08:00"),
                    )
                )
            # Sign-ins from one address: a wrong PIN checked, and three refused during a slowdown.
            conn.execute(
                "INSERT INTO staff_attempts (at, role, ok, client) VALUES (?, 'desk', 0, '203.0.113.77')",
                (at("08:20").isoformat(),),
            )
            conn.execute(
                "INSERT INTO staff_refusals (role, client, minute, count) VALUES ('desk', '203.0.113.77', ?, 3)",
                (at("08:21").isoformat(),),
            )
            for person in day.people[:2]:  # a kept column naming the person: the purge must take it too
                extras.keep(conn, person.id, "Matbehov", f"Glutenfri, sier {person.name}", kind="diet")
        for i, person in enumerate(day.people[: n - 2]):
            checkin.check_in(conn, person.code if i % 2 else person.token, now=at(f"08:{30 + i}"), desk="d1")
        checkin.check_in(conn, "NOSUCH", now=at("08:45"), desk="d1")
        result = checkin.register_walk_in(
            conn, name="Xavier Walkinsen", email="xavier.walkin@example.org", county="Agder", theme=1, now=at("08:50")
        )
        day.walk_in = result.participant
        groups.assign_groups(conn, event, now=at("09:40"), role="organizer")
        asked = []
        for i, person in enumerate(day.people[:4]):
            q = questions.ask(
                conn, programme=event.programme, participant_id=person.id, text=f"Hva med sak {i}?", now=at("15:16")
            ).question
            questions.moderate(conn, q.id, "approve", now=at("15:17"), role="moderator")
            asked.append(q)
        for i, person in enumerate(day.everyone):
            for q in asked[: 1 + i % 4]:
                if q.participant_id != person.id:
                    questions.set_vote(conn, question_id=q.id, participant_id=person.id, vote=True, now=at("15:30"))
        for i, person in enumerate(day.people[:6]):
            evaluation.submit(
                conn,
                form,
                event.programme,
                participant_id=person.id,
                theme=person.theme,
                answers={"overall": 1 + i % 5, "theme_useful": 5 - i % 3, "differently": f"Mer kaffe {i}"},
                now=at("16:05"),
            )
    backup.take_snapshot(db_path, now=at("16:10"), kind="manual")
    backup.take_snapshot(db_path, now=at("16:11"), kind="auto", keep=5)
    assert event_end(event) == at("16:15")
    return day


def counts(db_path: Path) -> dict:
    """The anonymous numbers a report shows, straight from the tables."""
    with db.connect(db_path) as conn:

        def rows(sql: str) -> list:
            return [tuple(r) for r in conn.execute(sql).fetchall()]

        live = "FROM participants WHERE deleted_at IS NULL"
        return {
            "registered": rows(f"SELECT COUNT(*) {live}"),
            "walk_ins": rows(f"SELECT COUNT(*) {live} AND walk_in = 1"),
            "arrived": rows("SELECT COUNT(*) FROM checkins WHERE undone_at IS NULL"),
            "arrivals": rows("SELECT at FROM checkins WHERE undone_at IS NULL ORDER BY at"),
            "per_county": rows(f"SELECT county, COUNT(*) {live} GROUP BY county ORDER BY county"),
            "per_theme": rows(f"SELECT theme, COUNT(*) {live} GROUP BY theme ORDER BY theme"),
            "per_role": rows(f"SELECT role, COUNT(*) {live} GROUP BY role ORDER BY role"),
            "groups": rows(
                "SELECT g.number, COUNT(*), COUNT(DISTINCT p.county) FROM group_members m"
                " JOIN groups g ON g.id = m.group_id JOIN participants p ON p.id = m.participant_id"
                " GROUP BY g.number ORDER BY g.number"
            ),
            "questions": rows("SELECT status, COUNT(*) FROM questions GROUP BY status ORDER BY status"),
            "votes": rows("SELECT question_id, COUNT(*) FROM votes GROUP BY question_id ORDER BY question_id"),
            "scans": rows("SELECT result, COUNT(*) FROM scans GROUP BY result ORDER BY result"),
            "evaluation": rows("SELECT theme, answers FROM evaluation_answers ORDER BY id"),
        }
