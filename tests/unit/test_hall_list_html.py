"""The hall list's iframe page: user text stays text, own questions have no vote button."""

import html
import re
from datetime import datetime

import pytest

from companion.questions import Question
from companion.ui.hall_list import MAX_CARDS, hall_list_html

INJECTIONS = ["<img src=x onerror=alert(1)>", "[klikk](javascript:alert(1))", "</script><script>alert(1)</script>", "@cards@ @config@"]


def question(id, text="Hva med bredbånd?", **kw) -> Question:
    fields = dict(
        id=id, participant_id=1, text=text, original_text=text, theme=0, show_name=False, status="published",
        starred=False, queue_pos=None, on_screen=False, answered_at=None, merged_into=None, edited_at=None,
        created_at=datetime(2019, 9, 25, 15, 20), votes=0, voted=False, mine=False, author=None, county=None,
    )
    fields.update(kw)
    return Question(**{k: v for k, v in fields.items() if k in Question.__dataclass_fields__})


def cards(page: str) -> list[str]:
    return re.findall(r'<div class="card".*?(?=<div class="card"|\n<script>)', page, re.S)


@pytest.mark.parametrize("text", INJECTIONS)
def test_question_text_arrives_escaped_and_never_as_markup(event, text):
    page = hall_list_html([question(1, text)], event, "nb", "tok")
    card = cards(page)[0]
    assert "<img" not in card and "<script>" not in card and "<a " not in card
    assert html.escape(text) in card  # shown as the characters typed
    # The template's placeholders are filled once: question text is never substituted.
    assert page.count("<script>") == 1


def test_own_questions_say_so_and_have_no_vote_button(event):
    page = hall_list_html([question(1, mine=True), question(2, votes=3, voted=True)], event, "nb", "tok")
    own, other = cards(page)
    assert "Ditt spørsmål" in own and "<button" not in own
    assert 'class="vote on"' in other and "✓ Stemt" in other and 'data-votes="3"' in other and "3 stemmer" in other


def test_name_and_county_show_only_when_the_asker_chose_so(event):
    shown = question(1, show_name=True, author="Kari", county="Nordland")
    hidden = question(2, show_name=False, author="Ola", county="Troms")
    named, anonymous = cards(hall_list_html([shown, hidden], event, "nb", "tok"))
    assert "Kari, Nordland" in named
    assert "Ola" not in anonymous and "Troms" not in anonymous and "Anonym" in anonymous


def test_the_token_sits_in_the_script_with_lt_escaped(event):
    page = hall_list_html([question(1)], event, "en", "<tok>")
    assert '"token": "\\u003ctok>"' in page


def test_the_list_is_capped(event):
    page = hall_list_html([question(i) for i in range(1, MAX_CARDS + 20)], event, "nb", "tok")
    assert len(cards(page)) == MAX_CARDS
