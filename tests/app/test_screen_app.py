"""AppTest of Storskjerm: the question on screen during the panel, the join QR otherwise."""

from companion import db, questions
from companion.event import load_event
from tests.conftest import DATA

PROGRAMME = load_event(DATA).programme


def _bodies(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _on_screen(runner, text, votes=0):
    asker = runner.add_person(name="Synlig Navn", county="Finnmark")
    voters = [runner.add_person(name=f"V{i}") for i in range(votes)]
    with db.connect(runner.db_path) as conn:
        q = questions.ask(
            conn, programme=PROGRAMME, participant_id=asker.id, text=text, now=runner.now(), show_name=True
        ).question
        questions.moderate(conn, q.id, "approve", now=runner.now(), role="moderator")
        for v in voters:
            questions.set_vote(conn, question_id=q.id, participant_id=v.id, vote=True, now=runner.now())
        questions.show_on_screen(conn, q.id, now=runner.now(), role="moderator")
    return q


def test_during_the_panel_the_screen_shows_the_question_and_its_votes_but_not_who_asked(runner):
    runner.set_now("2019-09-25T15:20")
    _on_screen(runner, "Hvordan <b>måler</b> vi samfunnsutvikling?", votes=3)
    at = runner.app("pages/screen.py").run()
    assert not at.exception
    body = _bodies(at)
    assert "Hvordan &lt;b&gt;måler&lt;/b&gt; vi samfunnsutvikling?" in body
    assert "3 stemmer" in body
    assert "Synlig Navn" not in body and "Finnmark" not in body
    assert "Panelsamtale om dagens tema" in body
    assert not at.get("image")


def test_outside_the_panel_the_screen_shows_the_join_code_and_the_next_slot(runner):
    runner.set_now("2019-09-25T10:45")
    _on_screen(runner, "Ikke ennå")
    at = runner.app("pages/screen.py").run()
    assert not at.exception
    body = _bodies(at)
    assert "Ikke ennå" not in body
    assert "http://testserver" in body
    assert "Neste: Lunsj kl. 12:30" in body
    assert len(at.get("image")) == 1


def test_the_screen_needs_no_login(runner):
    at = runner.app("pages/screen.py").run()
    assert not at.exception
    assert not at.text_input
    assert "http://testserver" in _bodies(at), "the screen itself is shown, not a sign-in form"
