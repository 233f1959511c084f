"""Direct URLs: a staff page opens at a PIN prompt that can be used at once (no false "Page not
found" dialog in the way); an unknown address says so and shows the start page."""

import pytest

from .conftest import PINS, wait_for_app

pytestmark = pytest.mark.e2e


def test_direct_urls(live_server, phone):
    # The first visitor of a fresh server comes straight to a staff page.
    page = phone.new_page()
    page.goto(live_server.url + "/organizer")
    wait_for_app(page)
    assert not page.get_by_text("does not seem to exist").count()
    page.get_by_label("PIN-kode for ansatte").fill(PINS["COMPANION_ORGANIZER_PIN"], timeout=5_000)
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("tab", name="Dagen").wait_for()
    # ... and the page runs inside the frame: our menu, not Streamlit's folder-based one.
    page.get_by_role("link", name="Arrangør").wait_for()
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0

    page.goto(live_server.url + "/admin")
    wait_for_app(page)
    page.get_by_text("Fant ikke den siden. Her er forsiden.").wait_for()
    page.get_by_text("Program 25.09.2019").wait_for()
