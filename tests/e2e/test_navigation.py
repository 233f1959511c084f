"""Direct URLs: a staff page opens at its PIN prompt without Streamlit's false "Page not found";
an unknown address says so and shows the start page."""

import pytest

from .conftest import wait_for_app

pytestmark = pytest.mark.e2e


def test_direct_urls(live_server, phone):
    page = phone.new_page()
    page.goto(live_server.url + "/arrangor")
    wait_for_app(page)
    page.get_by_text("PIN-kode for ansatte").wait_for()
    assert not page.get_by_text("does not seem to exist").is_visible()

    page.goto(live_server.url + "/admin")
    wait_for_app(page)
    page.get_by_text("Fant ikke den siden. Her er forsiden.").wait_for()
    page.get_by_text("Program 25.09.2019").wait_for()
