"""Under a path prefix (server.baseUrlPath) our routes answer there, and the browser is told where."""

import asyncio
import contextlib
import threading

import pytest
import streamlit as st

from companion.ui import prefix, streamlit_compat
from companion.ui.routes import MIDDLEWARE


@contextlib.contextmanager
def patch_config_options(options: dict):
    real = st.get_option
    st.get_option = lambda key: options[key] if key in options else real(key)
    try:
        yield
    finally:
        st.get_option = real


def reached_path(app, path: str) -> str | None:
    seen: list[str] = []

    async def behind(scope, receive, send):
        seen.append(scope["path"])

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        pass

    scope = {"type": "http", "path": path, "raw_path": path.encode(), "method": "GET", "headers": []}
    worker = threading.Thread(target=lambda: asyncio.run(app(behind)(scope, receive, send)))
    worker.start()
    worker.join()
    return seen[0] if seen else None


@pytest.mark.parametrize("configured", ["verksted", "/verksted", "/verksted/", "verksted/"])
def test_the_prefix_has_one_slash_at_each_end_however_it_was_written(configured):
    with patch_config_options({"server.baseUrlPath": configured}):
        assert prefix.base_path() == "/verksted/"
        assert prefix.api_base() == "/verksted/api/"


def test_without_a_prefix_everything_is_at_the_root():
    with patch_config_options({"server.baseUrlPath": ""}):
        assert prefix.base_path() == "/"
        assert prefix.api_base() == "/api/"
        assert reached_path(prefix.UnderPrefix, "/api/version") == "/api/version"
        assert reached_path(prefix.UnderPrefix, "/verksted/api/version") == "/verksted/api/version"


def test_our_routes_answer_under_the_prefix_and_at_the_root():
    with patch_config_options({"server.baseUrlPath": "verksted"}):
        assert reached_path(prefix.UnderPrefix, "/verksted/api/vote") == "/api/vote"
        assert reached_path(prefix.UnderPrefix, "/api/vote") == "/api/vote"  # a proxy that strips the prefix
        # Streamlit's own paths under the prefix are Streamlit's business.
        assert reached_path(prefix.UnderPrefix, "/verksted/_stcore/health") == "/verksted/_stcore/health"
        assert reached_path(prefix.UnderPrefix, "/verksted/apix") == "/verksted/apix"


def test_the_prefix_is_undone_before_the_version_fast_path_looks():
    names = [m.cls.__name__ for m in MIDDLEWARE]
    assert names.index("UnderPrefix") < names.index("VersionFastPath")


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/verksted/", "/"), ("/verksted", "/"), ("/verksted/na", "/na"), ("/other/na", "/other/na"), ("/", "/")],
)
def test_strip_base(path, expected):
    assert prefix.strip_base(path, "/verksted/") == expected


def test_the_font_is_fetched_under_the_prefix():
    name = streamlit_compat.font_file().name
    with patch_config_options({"server.baseUrlPath": "verksted"}):
        assert streamlit_compat.font_url() == f"/verksted/static/media/{name}"
