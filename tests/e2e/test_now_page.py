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
    assert "Lunsj" in frame.locator("#count").inner_text()
    screenshot(page, "now-phone-1045")


@pytest.mark.parametrize("live_server", ["2019-09-25T08:00:00"], indirect=True)
def test_before_registration_counts_down(live_server, phone):
    page = phone.new_page()
    page.goto(live_server.url + "/")
    wait_for_app(page)
    page.get_by_text("Registreringen åpner 08:30").wait_for()
    count = page.frame_locator("iframe").first.locator("#count")
    count.wait_for()
    assert re.fullmatch(r"Om (29|30):\d\d", count.inner_text()), count.inner_text()
    screenshot(page, "now-phone-0800")
