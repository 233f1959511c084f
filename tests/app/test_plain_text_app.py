"""Text people type is plain text on every page (issue 15, finding 4): a hostile corpus in names
and counties never reaches Markdown unescaped (no tracking pixel, no link, no emphasis, no list,
no Streamlit icon or colour code), on the participant's own pages, other people's Min gruppe,
the desk's name search and the organizer's tabs."""

import re

import pytest

from companion import db, groups

HOSTILE_NAMES = [
    "![px](http://host.example/px.png?who=x) Ola",
    "[klikk](javascript:alert(1)) Kari",
    "Per http://evil.example/login",
    "<img src=http://host.example/a.png> Anne",
    "**Fet** :red[Rød] :material/home: $x^2$ Liv",
    "Nils\n- en liste\n# overskrift",
]
HOSTILE_COUNTIES = ["![c](http://host.example/c.png)", "[Troms](http://evil.example)", "Nordland\n---"]
# What Markdown would turn into an image, a link, a list, a heading or markup: none of it may reach a
# Markdown element unescaped (a backslash-escaped character is plain text).
ACTIVE = ("![", "](", "http://", "<img", ":red[", ":material/", "$x", "**Fet", "- en liste", "# overskrift", "\n---")
MARKDOWN_KINDS = ("markdown", "caption", "subheader", "header", "title", "success", "info", "warning", "error")


def markdown_sources(at) -> list[str]:
    values = [str(e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    values += [b.label for b in at.button] + [e.label for e in at.get("expander")]
    return values


def assert_plain(at, where: str) -> None:
    assert not at.exception, where
    unescaped = [re.sub(r"\\.", "§", v, flags=re.DOTALL) for v in markdown_sources(at)]
    leaks = [v for v in unescaped if any(a in v for a in ACTIVE)]
    assert not leaks, (where, leaks)


@pytest.fixture
def hostile(runner, at):
    people = [
        runner.add_person(
            name=name, county=HOSTILE_COUNTIES[i % len(HOSTILE_COUNTIES)], role="caseworker", theme=1, email=None
        )
        for i, name in enumerate(HOSTILE_NAMES)
    ]
    with db.connect(runner.db_path) as conn:
        groups.assign_groups(conn, runner.event, now=at("09:30"), role="organizer")
    return people


def signed_in(runner, page, pin):
    at = runner.app(page).run()
    at.text_input[0].input(pin)
    at.button[0].click().run()
    return at


def test_every_participant_page_shows_hostile_names_and_counties_as_plain_text(runner, hostile):
    for person in hostile:
        for page in ("pages/ticket.py", "pages/group.py", "pages/now.py", "pages/questions.py"):
            assert_plain(runner.app(page, t=person.token).run(), (page, person.name))


def test_the_desk_search_shows_hostile_names_as_plain_text(runner, hostile):
    at = signed_in(runner, "pages/desk.py", "246813")
    for query in ("Ola", "Kari", "Per", "Anne", "Liv", "Nils"):
        at.text_input(key="desk_search").input(query).run()
        assert_plain(at, query)
        assert any(query in v for v in markdown_sources(at)), query


def test_every_organizer_tab_shows_hostile_names_as_plain_text(runner, hostile):
    at = signed_in(runner, "pages/organizer.py", "975310")
    assert_plain(at, "organizer")
    assert any("Ola" in v for v in markdown_sources(at)), "the groups tab lists the people"
