"""AppTest of Spørsmål: asking, the limits' messages, voting, plain text, closed hours."""

from companion import db, questions
from companion.event import load_event
from tests.conftest import DATA

from .conftest import texts

INJECTIONS = ["![x](http://example.org/t.png)", "<img src=x onerror=alert(1)>", "[klikk](javascript:alert(1))"]


def _ask(at, text):
    at.text_area[0].input(text)
    at.button(key=next(b.key for b in at.button if b.key and b.key.startswith("FormSubmitter:ask_"))).click().run()
    return at


def _shown(at) -> str:
    """What the page sends to the browser: the st.html bodies and the hall list's iframe page."""
    return "\n".join([h.proto.body for h in at.get("html")] + [f.proto.srcdoc for f in at.get("iframe")])


def _published(runner, person, text, **kw):
    with db.connect(runner.db_path) as conn:
        q = questions.ask(conn, programme=load_event(DATA).programme, participant_id=person.id, text=text, now=runner.now(), **kw).question
        return questions.moderate(conn, q.id, "approve", now=runner.now(), role="moderator")


def test_without_a_personal_link_the_page_explains_how_to_get_one(runner):
    at = runner.app("pages/questions.py").run()
    assert not at.exception
    assert "personlige lenken" in texts(at)
    assert not at.text_area


def test_a_participant_asks_and_sees_it_waiting_for_review(runner):
    kari = runner.add_person(name="Kari", county="Nordland", theme=1)
    at = _ask(runner.app("pages/questions.py", t=kari.token).run(), "Hvordan beholder vi unge i distriktene?")
    assert not at.exception
    assert "venter på godkjenning" in at.success[0].value
    assert "Hvordan beholder vi unge i distriktene?" in texts(at)
    assert at.text_area[0].value == ""  # a fresh form for the next question
    with db.connect(runner.db_path) as conn:
        row = next(conn.query("SELECT theme, show_name, status FROM questions"))
    assert row == {"theme": 1, "show_name": 0, "status": "pending"}


def test_an_empty_question_gets_a_clear_message_and_stores_nothing(runner):
    kari = runner.add_person(name="Kari")
    at = _ask(runner.app("pages/questions.py", t=kari.token).run(), "   ")
    assert at.error[0].value == "Skriv et spørsmål først."
    with db.connect(runner.db_path) as conn:
        assert db.scalar(conn, "SELECT COUNT(*) FROM questions") == 0


def test_the_same_question_twice_is_refused_with_a_message(runner):
    kari = runner.add_person(name="Kari")
    at = _ask(runner.app("pages/questions.py", t=kari.token).run(), "Samme spørsmål")
    at = _ask(at, "samme spørsmål!")
    assert at.error[0].value == "Du har allerede stilt dette spørsmålet."


def test_the_sixth_question_in_ten_minutes_is_refused_with_a_message(runner):
    kari = runner.add_person(name="Kari")
    at = runner.app("pages/questions.py", t=kari.token).run()
    for i in range(5):
        at = _ask(at, f"Spørsmål nummer {i}")
        assert not at.error
    at = _ask(at, "Ett for mye")
    assert "høyst 5 spørsmål per 10 minutter" in at.error[0].value


def test_published_questions_show_markup_as_the_characters_typed(runner):
    asker = runner.add_person(name="Ola")
    for text in INJECTIONS:
        _published(runner, asker, text)
    reader = runner.add_person(name="Kari")
    at = runner.app("pages/questions.py", t=reader.token).run()
    bodies = _shown(at)
    # What goes to the browser: escaped text in an HTML element, no tag, no Markdown.
    assert "&lt;img src=x onerror=alert(1)&gt;" in bodies
    assert "<img" not in bodies
    assert "![x](http://example.org/t.png)" in bodies
    assert "[klikk](javascript:alert(1))" in bodies
    assert all(text not in m.value for m in at.markdown for text in INJECTIONS)


def test_the_list_is_one_iframe_with_a_vote_button_per_card_and_no_streamlit_vote_buttons(runner):
    q = _published(runner, runner.add_person(name="Ola"), "Hva med bredbånd?")
    kari = runner.add_person(name="Kari")
    at = runner.app("pages/questions.py", t=kari.token).run()
    assert not at.exception
    (frame,) = [f for f in at.get("iframe") if 'class="card"' in f.proto.srcdoc]
    assert f'data-qid="{q.id}"' in frame.proto.srcdoc and "👍 Stem" in frame.proto.srcdoc
    assert kari.token in frame.proto.srcdoc  # the iframe votes as its reader
    assert not [b for b in at.button if (b.key or "").startswith("vote_")]


def test_own_questions_have_no_vote_button_and_show_their_status(runner):
    ola = runner.add_person(name="Ola")
    q = _published(runner, ola, "Mitt eget spørsmål")
    at = runner.app("pages/questions.py", t=ola.token).run()
    assert "Ditt spørsmål" in _shown(at) and "Publisert" in _shown(at)
    card = _shown(at).split(f'data-qid="{q.id}"')[1].split('<div class="card"')[0]
    assert "<button" not in card


def test_new_questions_are_counted_not_shuffled_in(runner):
    _published(runner, runner.add_person(name="A"), "Første")
    kari = runner.add_person(name="Kari")
    at = runner.app("pages/questions.py", t=kari.token).run()
    _published(runner, runner.add_person(name="B"), "Andre")
    at.run()
    assert "Andre" not in _shown(at)
    assert at.button(key="q_show_new").label == "1 nytt spørsmål – vis"
    at.button(key="q_show_new").click().run()
    assert "Andre" in _shown(at)


def test_before_nine_the_page_says_when_questions_open(runner):
    runner.set_now("2019-09-25T08:40")
    kari = runner.add_person(name="Kari")
    at = runner.app("pages/questions.py", t=kari.token).run()
    assert not at.text_area
    assert "Spørsmål åpner kl. 09:00." in texts(at)


def test_a_long_list_is_drawn_whole_in_the_one_iframe(runner):
    asker = runner.add_person(name="Ola")
    for n in range(18):
        _published(runner, runner.add_person(name=f"Asker {n}"), f"Spørsmål nummer {n} om noe helt eget {n * 7}")
    at = runner.app("pages/questions.py", t=asker.token).run()
    assert _shown(at).count('<button type="button" class="vote') == 18
