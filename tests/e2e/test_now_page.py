"""The Nå page in a real browser on a phone-sized screen."""

import re

import pytest

from .conftest import screenshot, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("live_server", ["2019-09-25T10:45:00"], indirect=True)
def test_phone_sees_current_slot_and_a_ticking_clock(live_server, phone):
    page = phone.new_page()
    page.goto(live_server.url + "/")
    wait_for_app(page)
    page.get_by_text("Oppstart av arbeid i grupper for begge tema").first.wait_for()
    frame = page.frame_locator("iframe").first
    clock = frame.locator("#time")
    clock.wait_for()
    first = clock.inner_text()
    assert re.fullmatch(r"10:4[5-9]:\d\d", first), first
    # The seconds move in the browser: no rerun, no reload of the iframe.
    page.wait_for_timeout(2200)
    second = clock.inner_text()
    assert second != first
    # The next slot once, and its countdown in words ("om 1 t 45 min"), never like a clock ("1:44:58").
    count = frame.locator("#count").inner_text()
    assert re.fullmatch(r"Neste: Lunsj kl\. 12:30 · om 1 t 4\d min", count), count
    screenshot(page, "now-phone-1045")


@pytest.mark.parametrize("live_server", ["2019-09-25T08:00:00"], indirect=True)
def test_before_registration_counts_down(live_server, phone):
    page = phone.new_page()
    page.goto(live_server.url + "/")
    wait_for_app(page)
    page.get_by_text("Registreringen åpner 08:30").wait_for()
    count = page.frame_locator("iframe").first.locator("#count")
    count.wait_for()
    assert count.inner_text() in ("Om 30 min", "Om 29 min"), count.inner_text()
    screenshot(page, "now-phone-0800")


# The clock starts 30 s before the 12:30 boundary: room for a slow start on a busy machine, where
# the page can take longer than 10 s to appear (and would then show lunch already).
@pytest.mark.parametrize("live_server", ["2019-09-25T12:29:30"], indirect=True)
def test_the_slot_changes_at_its_boundary_and_a_delay_arrives_without_a_reload(live_server, phone):
    from companion import db, schedule
    from companion.clock import parse_instant

    page = phone.new_page()
    page.goto(live_server.url + "/")
    wait_for_app(page)
    page.get_by_role("heading", name="Oppstart av arbeid i grupper for begge tema").wait_for()
    page.evaluate("window.__sameDocument = true")
    # 12:30: lunch, without anyone touching the page.
    page.get_by_role("heading", name="Lunsj").wait_for(timeout=60_000)
    # The organizer says "we are 10 minutes late" from another device.
    with db.connect(live_server.db_path) as conn:
        schedule.set_delay(conn, 10, now=parse_instant("2019-09-25T12:30:30", live_server_tz()))
    page.get_by_text("Programmet er forsinket med 10 min").wait_for(timeout=20_000)
    # The next slot is named once, in the clock's countdown line.
    count = page.frame_locator("iframe").first.locator("#count")
    count.filter(has_text="Neste: Arbeid i grupper fortsetter kl. 13:40 · om").wait_for()
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    screenshot(page, "now-phone-delay")


def live_server_tz():
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Oslo")
