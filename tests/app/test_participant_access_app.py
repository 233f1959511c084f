"""A participant's personal link shows that participant's pages only.

Everyone has an e-mail, a code and a token, groups are assigned and published, others have asked
questions. On every participant page opened with Kari's link, nothing of anyone else's e-mail,
code or token appears anywhere in what the page sends (text, HTML, links, captions); the group
member list shows names and counties, and anonymous questions show no name.
"""

import pytest

from companion import db, groups, questions
from companion.event import load_event
from tests.conftest import DATA

PROGRAMME = load_event(DATA).programme
PAGES = ("pages/now.py", "pages/group.py", "pages/questions.py", "pages/ticket.py")


def everything_sent(node) -> str:
    """Every element's whole message, recursively: what the browser would receive."""
    parts = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        parts.append(str(proto))
    for child in getattr(node, "children", {}).values():
        parts.append(everything_sent(child))
    return "\n".join(parts)


@pytest.fixture
def hall(runner, at):
    me = runner.add_person(name="Kari Nordmann", county="Nordland", role="leader", theme=1, email="kari.privat@nfk.no")
    others = [
        runner.add_person(
            name=f"Deltaker {i}", county=f"Fylke {i}", role="caseworker", theme=1 + i % 2, email=f"d{i}.privat@fylke.no"
        )
        for i in range(16)
    ]
    with db.connect(runner.db_path) as conn:
        groups.assign_groups(conn, runner.event, now=at("09:30"), role="organizer")
        for i, other in enumerate(others[:3]):
            q = questions.ask(
                conn,
                programme=PROGRAMME,
                participant_id=other.id,
                text=f"Spørsmål nummer {i}?",
                now=at("10:00"),
                show_name=(i == 0),
            ).question
            questions.moderate(conn, q.id, "approve", now=at("10:00"), role="moderator")
    runner.set_now("2019-09-25T13:00")  # groups are published, questions open
    return me, others


@pytest.mark.parametrize("page", PAGES)
def test_no_other_persons_email_code_or_token_reaches_the_page(runner, hall, page):
    me, others = hall

    at = runner.app(page, t=me.token).run()

    assert not at.exception
    sent = everything_sent(at._tree)
    for other in others:
        assert other.email not in sent and other.token not in sent and other.code not in sent, other.name
    assert me.email not in sent, "not even one's own e-mail is needed on a participant page"


def test_the_group_list_shows_names_and_counties_only(runner, hall):
    me, others = hall
    with db.connect(runner.db_path) as conn:
        mine = groups.group_of(conn, runner.event, me.id)
    members = [o for o in others if o.id in {m.id for m in mine.members}]
    strangers = [o for o in others if o not in members]

    sent = everything_sent(runner.app("pages/group.py", t=me.token).run()._tree)

    assert members and all(f"{m.name} ({m.county})" in sent for m in members)
    assert not any(f"{s.name} (" in sent for s in strangers), "only one's own group"
    assert "caseworker" not in sent and "saksbehandler" not in sent.lower(), "no roles beside the names"


def test_anonymous_questions_show_no_name_and_named_ones_only_name_and_county(runner, hall):
    _, others = hall

    sent = everything_sent(runner.app("pages/questions.py", t=hall[0].token).run()._tree)

    assert "Spørsmål nummer 1?" in sent and "Spørsmål nummer 2?" in sent
    assert "Deltaker 1" not in sent and "Deltaker 2" not in sent, "anonymous askers stay anonymous"
    assert "Deltaker 0" in sent and "Fylke 0" in sent
