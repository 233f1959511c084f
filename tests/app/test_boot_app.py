"""The pages and the HTTP routes share the process's one boot: one clock, one message when the
data files are broken."""

import time
from datetime import UTC, datetime

from streamlit.testing.v1 import AppTest

from companion.ui.route_context import server_context
from tests.unit.asgi import request

from .conftest import APP


def _page_clock():
    import streamlit as st

    from companion.ui.context import app_context

    st.session_state["clock"] = app_context().clock


def test_pages_and_routes_see_the_same_now_under_companion_now(runner):
    page = AppTest.from_function(_page_clock).run()
    assert not page.exception
    page_clock = page.session_state["clock"]
    time.sleep(0.3)  # a phone's first /api request comes a moment after the first page was drawn
    kari = runner.add_person(name="Kari")
    assert request("GET", "/api/questions", query=f"t={kari.token}")[0] == 200
    route_clock = server_context().clock
    real = datetime.now(UTC)  # one real instant, asked of both clocks
    assert route_clock.now(real) == page_clock.now(real)


def test_a_broken_data_file_stops_every_page_with_its_message(runner, monkeypatch, broken_data_dir):
    monkeypatch.setenv("COMPANION_DATA", str(broken_data_dir))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    (error,) = at.error
    assert error.value.startswith("Appen kan ikke starte:") and "25. september" in error.value
