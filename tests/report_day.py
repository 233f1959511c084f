"""A whole seeded workshop day for the report tests: the demo list, arrivals from 08:31 to 09:12
(some undone, three walk-ins), groups, a delay, questions asked, moderated, answered and voted on."""

from datetime import timedelta
from pathlib import Path

from companion import checkin, evaluation, groups, questions, schedule
from companion.importing import import_participants
from companion.people import all_participants

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE = '=HYPERLINK("http://evil.example","klikk") <script>alert("x")</script> **fet** &amp;'
WALK_INS = (("Vilde Walkin", "Troms og Finnmark", "vilde.walkin@example.no"), ("Per Uten Liste", "", None))


def seed_day(conn, event, at) -> dict:
    demo = DATA / "participants_demo.csv"
    import_participants(conn, demo.read_bytes(), demo.name, event=event, now=at("08:00"))
    everyone = all_participants(conn)
    arriving = everyone[: len(everyone) * 3 // 4]
    for i, person in enumerate(arriving):
        checkin.check_in_person(conn, person.id, now=at("08:31") + timedelta(minutes=i % 40, seconds=i), desk="d1")
    undone = arriving[:2]
    for person in undone:
        checkin.undo_check_in(conn, person.id, now=at("09:15"), desk="d1")
    walk_ins = [
        checkin.register_walk_in(conn, name=n, county=c, email=e, now=at("09:20"), desk="d1").participant
        for n, c, e in WALK_INS
    ]
    groups.assign_groups(conn, event, now=at("09:30"), role="organizer")
    schedule.set_delay(conn, 10, now=at("10:40"))
    schedule.set_delay(conn, 15, now=at("13:35"))
    present = arriving[2:]
    asked = []
    texts = ["Hva med bredbånd i distriktene?", "Hvordan måler vi bærekraft lokalt?", HOSTILE, "Hvem eier data?"]
    for i, text in enumerate(texts):
        asked.append(
            questions.ask(
                conn,
                programme=event.programme,
                participant_id=present[i].id,
                text=text,
                theme=i % 3,
                show_name=i == 0,
                now=at("15:32") + timedelta(minutes=i),
            ).question
        )
    for q in asked[:3]:
        questions.moderate(conn, q.id, "approve", now=at("15:40"), role="moderator")
    questions.moderate(conn, asked[3].id, "hide", now=at("15:41"), role="moderator")
    for voter_index, voter in enumerate(present[5:25]):
        for q in asked[: 1 + voter_index % 3]:
            questions.set_vote(conn, question_id=q.id, participant_id=voter.id, vote=True, now=at("15:45"))
    questions.moderate(conn, asked[0].id, "answer", now=at("15:50"), role="moderator")
    return {"everyone": everyone, "arriving": arriving, "undone": undone, "walk_ins": walk_ins, "questions": asked}


def add_evaluation(conn, event, people, answers, now) -> None:
    """Each person's evaluation answer, stored as a phone stores it (evaluation.submit)."""
    form = evaluation.load_form(DATA, event.programme)
    for person, answer in zip(people, answers, strict=True):
        evaluation.submit(
            conn, form, event.programme, participant_id=person.id, theme=person.theme, answers=answer, now=now
        )
