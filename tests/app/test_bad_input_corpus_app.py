"""The bad-input corpus through the pages: odd query parameters, hostile question texts on screen.

No case raises, none shows anyone else's data, none writes anything; hostile texts appear as plain
text, never as markup. (An unknown page address is covered in a real browser: tests/e2e/test_access.py.)
"""

import pytest
from markupsafe import escape  # the escaping the templates use (Jinja2 autoescape)

from companion import boot, db, questions
from companion.event import load_event
from companion.ui.hall_page import page_config
from tests.conftest import DATA
from tests.corpus_inputs import CODE, OTHER_CODE, OTHER_TOKEN, TOKEN, add_known_people, case_id, cases, snapshot

from .conftest import texts

PROGRAMME = load_event(DATA).programme
QUERY_CASES = cases("query_params.jsonl")
STORED_QUESTIONS = [c for c in cases("questions.jsonl") if c["expect"] == "stored"]


@pytest.fixture
def known(runner):
    boot.serving()  # the server's own start (a rehearsal clock stores its start) is not a page's write
    with db.connect(runner.db_path) as conn:
        return add_known_people(conn, runner.now())


def _only_kari_asked_for(query: dict) -> bool:
    return query.get("t") == TOKEN


@pytest.mark.parametrize("case", QUERY_CASES, ids=case_id)
def test_odd_query_parameters_on_min_billett_show_no_one_elses_data(runner, known, case):
    with db.connect(runner.db_path) as conn:
        before = snapshot(conn)

    at = runner.app("pages/ticket.py", **case["query"]).run()

    assert not at.exception
    page = texts(at)
    assert "Ola Hemmelig" not in page and OTHER_CODE not in page
    if _only_kari_asked_for(case["query"]):
        assert "Kari Nordmann" in page and CODE in page
    else:
        assert "Kari Nordmann" not in page and CODE not in page
        assert at.info, "a message says the link is not valid"
    with db.connect(runner.db_path) as conn:
        assert snapshot(conn) == before


@pytest.mark.parametrize(
    "case", [c for c in QUERY_CASES if c["why"] in ("two t= (two people's tokens)", "a 100 KB t=")], ids=case_id
)
def test_odd_query_parameters_on_the_questions_page_show_no_one_elses_data(runner, known, case):
    at = runner.app("pages/questions.py", **case["query"]).run()

    assert not at.exception
    page = texts(at)
    assert "Ola Hemmelig" not in page and "Kari Nordmann" not in page
    assert not at.text_area, "no question form without a valid personal link"


def _publish_all(runner, asker_ids):
    """Every accepted corpus question, published (five askers: at most five questions each per ten minutes)."""
    published = []
    with db.connect(runner.db_path) as conn:
        for i, case in enumerate(STORED_QUESTIONS):
            asked = questions.ask(
                conn,
                programme=PROGRAMME,
                participant_id=asker_ids[i % len(asker_ids)],
                text=case["text"],
                now=runner.now(),
            ).question
            published.append(questions.moderate(conn, asked.id, "approve", now=runner.now(), role="moderator"))
    return published


def test_hostile_questions_appear_as_plain_text_on_the_questions_page(runner, known):
    askers = [runner.add_person(name=f"Spør {i}") for i in range(6)]
    _publish_all(runner, [a.id for a in askers])

    at = runner.app("pages/questions.py", t=TOKEN).run()

    assert not at.exception
    blocks = "\n".join(h.proto.body for h in at.get("html"))
    (hall,) = [f.proto.srcdoc for f in at.get("iframe") if 'id="cfg"' in f.proto.srcdoc]
    cards = "\n".join(card["html"] for card in page_config(hall)["view"]["hall"]["list"])
    shown = blocks + cards
    for case in STORED_QUESTIONS:
        assert str(escape(case["stored"])).replace("\n", "") in shown.replace("\n", "").replace("<br>", ""), case["why"]
    for tag in ("<img", "<a href"):
        assert tag not in shown.lower()
    assert "<script" not in blocks.lower()
    assert hall.lower().count("<script") == 2  # the page's config and program, nothing from a question
    markdown = "\n".join(m.value for m in at.markdown)
    assert "javascript:" not in markdown and "<script" not in markdown


def test_a_hostile_question_on_the_big_screen_is_plain_text(runner, known):
    runner.set_now("2019-09-25T15:20")
    with db.connect(runner.db_path) as conn:
        text = "<script>alert('xss')</script> [Klikk](javascript:alert(1))"
        q = questions.ask(conn, programme=PROGRAMME, participant_id=known[1].id, text=text, now=runner.now()).question
        questions.moderate(conn, q.id, "approve", now=runner.now(), role="moderator")
        questions.show_on_screen(conn, q.id, now=runner.now(), role="moderator")

    at = runner.app("pages/screen.py").run()

    assert not at.exception
    shown = "\n".join(h.proto.body for h in at.get("html"))
    assert str(escape(text)) in shown
    assert "<script>alert" not in shown
    assert OTHER_TOKEN not in shown and "Ola Hemmelig" not in shown
