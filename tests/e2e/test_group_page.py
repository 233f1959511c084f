"""Min gruppe in a real browser on a phone: the personal link shows the room, and when to go."""

import pytest

from companion import db, groups
from companion.event import load_event

from .conftest import ROOT, screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("live_server", ["2019-09-25T10:14:45"], indirect=True)
def test_a_personal_link_on_a_phone_shows_the_room_and_then_go_now(live_server, phone):
    event = load_event(ROOT / "data")
    me = live_server.add_person(name="Kari Nordmann", county="Nordland", role="leader", theme=1)
    for i, county in enumerate(("Troms", "Finnmark", "Oslo", "Rogaland", "Vestfold", "Telemark")):
        live_server.add_person(name=f"Deltaker {i}", county=county, role="caseworker", theme=1)
    live_server.add_person(name="Forsker Fasilitator", county=None, role="researcher", theme=1)
    with db.connect(live_server.db_path) as conn:
        groups.assign_groups(conn, event, now=event.groups_published_at, role="organizer")
        room = groups.group_of(conn, event, me.id).room

    page = phone.new_page()
    # The personal link (the QR code on the badge) opens Nå; the menu carries the token along.
    page.goto(f"{live_server.url}/?t={me.token}")
    wait_for_app(page)
    page.get_by_role("link", name="Min gruppe").click()
    wait_for_app(page)
    page.get_by_text(f"Rom {room.name}", exact=True).wait_for()
    assert page.get_by_text(room.location).first.is_visible()
    assert "/group" in page.url and f"t={me.token}" in page.url
    go_now = page.get_by_text(f"Gå til rom {room.name} nå")
    assert go_now.count() == 0  # before 10:15
    # At 10:15 the banner appears by itself: the browser reruns the card, nobody reloads.
    page.evaluate("window.__sameDocument = true")
    go_now.wait_for(timeout=30_000)
    assert page.evaluate("window.__sameDocument") is True
    screenshot(page, "group-phone-go-now")
