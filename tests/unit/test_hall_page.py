"""The Spørsmål iframe's page and view data: user text stays text, nothing ends the script early,
each reader gets their own part and nobody else's."""

import json
import re
from html.parser import HTMLParser

import pytest

from companion import caches, db, people, questions
from companion.ui import hall_view
from companion.ui.hall_page import _CONFIG as CONFIG
from companion.ui.hall_page import hall_page_html, page_config

INJECTIONS = [
    "<img src=x onerror=alert(1)>",
    "[klikk](javascript:alert(1))",
    "</script><script>alert(1)</script>",
    "@config@ @ask_heading@ {{ config }}",
    "\"'><b onmouseover=alert(1)>&amp;",
]


class _Markup(HTMLParser):
    """What a browser makes of an HTML fragment: its tags with their attributes, and its text."""

    def __init__(self, fragment: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text = ""
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


@pytest.fixture
def hall(conn, db_path, event, at):
    with db.write_tx(conn):
        askers = [people.add_participant(conn, name=f"Asker {i}", county="Troms", now=at("15:00")) for i in range(4)]
        reader = people.add_participant(conn, name="Kari", now=at("15:00"), theme=2)

    def publish(person, text, **kw):
        q = questions.ask(
            conn, programme=event.programme, participant_id=person.id, text=text, now=at("15:20"), **kw
        ).question
        return questions.moderate(conn, q.id, "approve", now=at("15:20"), role="moderator")

    def page(person=reader, lang="nb"):
        caches.reset_all()  # what was just published, not a second later
        data = hall_view.view_json(conn, db_path, event, lang, person.id, at("15:20"))
        return hall_page_html(data, event, lang, person.token, person.theme)

    return {"askers": askers, "reader": reader, "publish": publish, "page": page}


@pytest.mark.parametrize("text", INJECTIONS)
def test_question_text_arrives_escaped_and_never_ends_the_script(hall, text):
    hall["publish"](hall["askers"][0], text)
    page = hall["page"]()
    assert page.count("</script>") == 2  # the config's and the program's, nothing from a question
    # The text reaches the page only as data in the config, never as the page's own markup ...
    (data,) = CONFIG.findall(page)
    outside = page.replace(data, "")
    assert all(word not in outside for word in ("alert", "klikk", "@config@ @ask", "{{ config }}"))
    # ... and the card the script puts in the list makes only the card's own markup, with the
    # text as text: no tag, attribute or link of the question's own.
    (card,) = page_config(page)["view"]["hall"]["list"]
    shown = _Markup(card["html"])
    assert {tag for tag, _ in shown.tags} <= {"p", "div", "span"}
    assert {name for _, attrs in shown.tags for name, _ in attrs} == {"class"}
    assert shown.text.startswith(text + "Generelt")  # the text as typed, then the card's meta line


def test_name_and_county_show_only_when_the_asker_chose_so(hall):
    hall["publish"](hall["askers"][0], "Med navn", show_name=True)
    hall["publish"](hall["askers"][1], "Uten navn")
    cards = {c["html"].split("</p>")[0]: c["html"] for c in page_config(hall["page"]())["view"]["hall"]["list"]}
    named = next(v for k, v in cards.items() if "Med navn" in k)
    anonymous = next(v for k, v in cards.items() if "Uten navn" in k)
    assert "Asker 0, Troms" in named
    assert "Asker 1" not in anonymous and "Troms" not in anonymous and "Anonym" in anonymous


def test_the_readers_own_questions_come_with_their_status(hall):
    mine = hall["publish"](hall["reader"], "Mitt eget")
    me = page_config(hall["page"]())["view"]["me"]
    assert [m["id"] for m in me["mine"]] == [mine.id]
    assert "Publisert" in me["mine"][0]["html"]


def test_the_token_and_strings_sit_in_the_config_in_the_readers_language(hall):
    cfg = page_config(hall["page"](lang="en"))
    assert cfg["token"] == hall["reader"].token and cfg["lang"] == "en"
    assert cfg["strings"]["vote"] == "👍 Vote" and cfg["strings"]["votesMany"] == "@n@ votes"
    assert 'lang="en"' in hall["page"](lang="en")


def test_the_readers_theme_is_chosen_in_the_form(hall):
    page = hall["page"]()
    assert re.search(r'value="2" checked', page) and page.count(" checked") == 1


def test_the_list_is_capped_and_newest_first(conn, db_path, event, at):
    with db.write_tx(conn):
        askers = [
            people.add_participant(conn, name=f"A{i}", now=at("15:00"))
            for i in range(-(-(hall_view.MAX_CARDS + 10) // 5))
        ]
    questions.set_premoderation(conn, False, now=at("15:00"), role="organizer")
    for n in range(hall_view.MAX_CARDS + 10):
        questions.ask(
            conn, programme=event.programme, participant_id=askers[n // 5].id, text=f"Spørsmål {n}", now=at("15:20")
        )
    cards = json.loads(hall_view.view_json(conn, db_path, event, "nb", askers[0].id, at("15:20")))["hall"]["list"]
    assert len(cards) == hall_view.MAX_CARDS
    assert [c["id"] for c in cards] == sorted((c["id"] for c in cards), reverse=True)


def test_the_hall_part_is_shared_for_a_second_then_rebuilt(conn, db_path, event, at):
    clock = [1000.0]

    def part(lang):
        return hall_view.shared_part(conn, db_path, event, lang, at("15:20"), monotonic=lambda: clock[0])

    first = part("nb")
    assert part("en") is not first  # per language
    questions.set_override(conn, "closed", now=at("15:20"), role="organizer")
    clock[0] += hall_view.SHARED_SECONDS / 2
    assert part("nb") is first
    clock[0] += hall_view.SHARED_SECONDS
    rebuilt = part("nb")
    assert json.loads(rebuilt.json)["open"] is False and rebuilt.digest != first.digest
