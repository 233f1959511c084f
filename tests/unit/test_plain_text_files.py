"""Every generated file shows hostile names and counties as text (issue 15, finding 4): the badge
sheet, the door signs and the exports. Parsed as a browser would, no person's text becomes an
element, an attribute or a link."""

from html.parser import HTMLParser

from companion import db, people, tickets
from companion.doorsigns import door_signs_html
from companion.groups import GroupView, Person

HOSTILE = [
    '<img src="http://host.example/px.png"> Ola',
    '"><script>alert(1)</script>',
    "<a href=http://evil.example>Kari</a>",
    "![px](http://host.example/px.png) Per",
    '=HYPERLINK("http://evil.example")',
]


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(page: str) -> list[tuple[str, dict]]:
    parser = Elements()
    parser.feed(page)
    return parser.found


def assert_no_injected_markup(page: str) -> None:
    found = elements(page)
    assert not [tag for tag, _ in found if tag in ("img", "script", "a", "iframe")]
    assert not [
        attrs for _, attrs in found if any("evil" in (v or "") or "host.example" in (v or "") for v in attrs.values())
    ]
    text = page
    for name in HOSTILE:
        if "<" in name:
            assert name not in text


def test_the_badge_sheet_shows_hostile_names_as_text(conn, event, at):
    with db.write_tx(conn):
        for i, name in enumerate(HOSTILE):
            people.add_participant(conn, name=name, county=HOSTILE[-1 - i], now=at("08:00"))
    assert_no_injected_markup(tickets.badge_sheet(conn, event, "https://verksted.example"))


def test_the_door_signs_show_hostile_names_as_text(event):
    members = tuple(Person(i, name, HOSTILE[-1 - i], "caseworker") for i, name in enumerate(HOSTILE))
    assert_no_injected_markup(door_signs_html(event, [GroupView(1, 1, event.room("Ibsen"), members)]))


def test_the_exports_hold_hostile_names_as_text(conn, at):
    with db.write_tx(conn):
        for i, name in enumerate(HOSTILE):
            people.add_participant(conn, name=name, county=HOSTILE[-1 - i], now=at("08:00"))
    text = tickets.participants(conn).csv().decode("utf-8-sig")
    assert "'=HYPERLINK" in text and '"=HYPERLINK' not in text
