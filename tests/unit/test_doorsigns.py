"""Door signs: one printable page per group, self-contained, with escaped names."""

import re

from companion.doorsigns import door_signs_html
from companion.groups import GroupView, Person


def _groups(event):
    ibsen, hamsun = event.room("Ibsen"), event.room("Hamsun")
    return [
        GroupView(
            1,
            1,
            ibsen,
            (Person(1, "Kari <b>Nordmann</b>", "Nordland", "leader"), Person(2, "Ola Forsker", None, "researcher")),
        ),
        GroupView(2, 2, hamsun, (Person(3, "Per Hansen", "Troms", "caseworker"),)),
    ]


def test_one_sign_per_group_with_room_location_group_theme_and_members(event):
    page = door_signs_html(event, _groups(event))
    signs = page.split('<section class="sign">')[1:]
    assert len(signs) == 2
    assert "Ibsen" in signs[0] and event.room("Ibsen").location in signs[0] and "Gruppe 1" in signs[0]
    assert event.theme(1).title("nb") in signs[0]
    assert "Per Hansen" in signs[1] and "(Troms)" in signs[1] and "Kari" not in signs[1]


def test_facilitators_are_named_apart_from_the_members(event):
    first = door_signs_html(event, _groups(event)).split('<section class="sign">')[1]
    assert "<strong>Fasilitator:</strong> Ola Forsker" in first
    assert "Deltakere (1)" in first


def test_each_group_starts_a_new_printed_page(event):
    assert "break-after: page" in door_signs_html(event, _groups(event))


def test_signs_load_nothing_from_elsewhere_and_escape_names(event):
    page = door_signs_html(event, _groups(event))
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)
    assert "<b>Nordmann</b>" not in page and "&lt;b&gt;Nordmann&lt;/b&gt;" in page


def test_signs_speak_the_organizers_language(event):
    page = door_signs_html(event, _groups(event), "en")
    first = page.split('<section class="sign">')[1]
    assert 'lang="en"' in page and "door signs" in page.split("</title>")[0]
    assert "Group 1" in first and "<strong>Facilitator:</strong> Ola Forsker" in first and "Members (1)" in first
    assert event.theme(1).title("en") in first
