"""AppTest of Spørsmål: who may open it, and what the page hands its iframe (the form, the
list and the reader's own questions are drawn by the browser: tests/e2e/test_questions_flow.py;
asking and voting go through routes: tests/unit/test_hall_routes.py, test_vote_route.py)."""

from companion import db, questions
from companion.event import load_event
from companion.ui.hall_page import page_config
from tests.conftest import DATA

from .conftest import texts

INJECTIONS = ["![x](http://example.org/t.png)", "<img src=x onerror=alert(1)>", "[klikk](javascript:alert(1))"]


def _frame(at):
    (frame,) = [f for f in at.get("iframe") if 'id="cfg"' in f.proto.srcdoc]
    return frame.proto.srcdoc


def _config(at) -> dict:
    return page_config(_frame(at))


def _published(runner, person, text, **kw):
    with db.connect(runner.db_path) as conn:
        q = questions.ask(
            conn, programme=load_event(DATA).programme, participant_id=person.id, text=text, now=runner.now(), **kw
        ).question
        return questions.moderate(conn, q.id, "approve", now=runner.now(), role="moderator")


def _open(runner, **query):
    return runner.app("pages/questions.py", **query).run()


def test_without_a_personal_link_the_page_explains_how_to_get_one(runner):
    at = _open(runner)
    assert not at.exception
    assert "personlige lenken" in texts(at)
    assert not at.get("iframe")


def test_an_unknown_link_is_told_so_and_sees_no_list(runner):
    at = _open(runner, t="x" * 22)
    assert not at.exception
    assert at.error and not at.get("iframe")


def test_the_page_is_one_iframe_with_the_readers_view_and_no_streamlit_widgets(runner):
    q = _published(runner, runner.add_person(name="Ola"), "Hva med bredbånd?")
    kari = runner.add_person(name="Kari", theme=1)
    at = _open(runner, t=kari.token)
    assert not at.exception
    cfg = _config(at)
    assert cfg["token"] == kari.token  # the iframe asks and votes as its reader
    assert [c["id"] for c in cfg["view"]["hall"]["list"]] == [q.id]
    assert cfg["view"]["hall"]["open"] is True
    assert not at.text_area and not at.get("form")
    assert "Panelsamtalen kl. 15:15" in texts(at)


def test_published_questions_show_markup_as_the_characters_typed(runner):
    asker = runner.add_person(name="Ola")
    for text in INJECTIONS:
        _published(runner, asker, text)
    at = _open(runner, t=runner.add_person(name="Kari").token)
    assert not at.exception
    page = "".join(card["html"] for card in _config(at)["view"]["hall"]["list"])  # what the script draws
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img" not in page
    assert "![x](http://example.org/t.png)" in page and "[klikk](javascript:alert(1))" in page
    # Outside the iframe the page says only its own words: no question text reaches Streamlit's Markdown.
    around = texts(at)
    assert "Panelsamtalen kl. 15:15" in around
    assert [text for text in INJECTIONS if text in around] == []


def test_own_questions_are_marked_with_their_status(runner):
    ola = runner.add_person(name="Ola")
    q = _published(runner, ola, "Mitt eget spørsmål")
    cfg = _config(_open(runner, t=ola.token))
    assert [m["id"] for m in cfg["view"]["me"]["mine"]] == [q.id]
    assert "Publisert" in cfg["view"]["me"]["mine"][0]["html"]


def test_before_nine_the_page_says_when_questions_open(runner):
    runner.set_now("2019-09-25T08:40")
    cfg = _config(_open(runner, t=runner.add_person(name="Kari").token))
    assert cfg["view"]["hall"]["open"] is False
    assert cfg["view"]["hall"]["closed"] == "Spørsmål åpner kl. 09:00."


def test_in_english_the_iframe_speaks_english(runner):
    at = _open(runner, t=runner.add_person(name="Kari").token, lang="en")
    assert 'lang="en"' in _frame(at) and "Ask a question" in _frame(at)
    assert _config(at)["strings"]["vote"] == "👍 Vote"
