"""Every use of a Streamlit internal, in one place (Streamlit 1.67).

Each is something Streamlit does not promise to keep; tests/unit/test_streamlit_compat.py fails
loudly when an upgrade removes or renames one, instead of a bug or a measured cost coming back
without a sound. Uses outside Python are listed here too, with what relies on them:

- `runner.postScriptGC = false`, a hidden option, in .streamlit/config.toml (README, Capacity).
- `st-key-<key>`: the class Streamlit's frontend gives the container of an element with a key.
  The watch script (ui/templates/watch.js) finds a hidden refresh button by it; the desk's
  scanner (desk_scanner.js) hides a search result by `st-key-desk_side_result`.
- An `st.iframe` of HTML is a same-origin `srcdoc` frame: its scripts reach the page through
  `window.parent.document` (watch.js presses the refresh button; desk_scanner.js sees what has
  focus and hides an older search result) and `window.frameElement` (hall_page.js sizes its own frame).
- `runtime.context._get_client_context().remote_ip`: the connection's own address, loopback
  included (`st.context.ip_address` answers None for a proxy on this machine); see peer_address().
- `/static/media/SourceSansVF-Upright*.woff2`: Streamlit's text face, served by Streamlit.
- Our CSS styles some of Streamlit's own elements by their `data-testid` or class (the header and
  toolbar the big screen hides, `.block-container`, `.stButton`); the test checks each still exists.
- The page Streamlit serves for every address (`static/index.html`): ui/page_shell.py puts a
  loading text into its `<div id="root"></div>` (React replaces it when the app draws) and, before
  the bundle loads, sets `window.__streamlit.HOST_CONFIG.blockErrorDialogs`, which keeps Streamlit's
  "Connection error ... Is Streamlit still running?" dialog from opening; the same flag is set in
  the answer of `/_stcore/host-config`. templates/connection.js tells a lost connection by the
  WebSocket to `_stcore/stream` closing.
- Static files under `/static/` (below `server.baseUrlPath`), cached for a year unless HTML or
  manifest.json, as Streamlit does (ui/compression.py serves them compressed).
- Streamlit's frontend writes some words itself, in English only (FRONTEND_STRINGS); ui/a11y.py's
  script (templates/a11y.js) swaps them for ours by their exact text, and sets `<html lang>`, which
  Streamlit's index.html fixes at "en". `st.html(..., unsafe_allow_javascript=True)` runs that script
  in the page itself.
"""

import functools
import re
from pathlib import Path

import streamlit as st
from streamlit.web.server.starlette.starlette_server_config import STATIC_ASSET_CACHE_MAX_AGE_SECONDS

# How Streamlit's frontend names a keyed element's container (`tp()` in its bundle): the key, with
# anything but letters, digits, "_" and "-" made "-". Our keys stay within those characters.
KEY_CLASS_PREFIX = "st-key-"
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")

POST_SCRIPT_GC = "runner.postScriptGC"

# Words Streamlit's frontend writes itself (the skip link, a heading's anchor, the camera's buttons,
# a select's placeholder) -> the i18n key that says them in the reader's language.
FRONTEND_STRINGS = {
    "Skip to main content": "a11y.skip",
    "Link to heading": "a11y.heading_link",
    "Take Photo": "a11y.take_photo",
    "Clear photo": "a11y.clear_photo",
    "This app would like to use your camera.": "a11y.camera_ask",
    "Learn how to allow access.": "a11y.camera_how",
    "Choose or add an option": "a11y.choose_or_add",
    "Choose an option": "a11y.choose",
}


# Where Streamlit keeps what it serves under /static/ (its frontend bundle, fonts, images).
STATIC_DIR = Path(st.__file__).parent / "static"
INDEX_HTML = STATIC_DIR / "index.html"
_FONT_GLOB = "SourceSansVF-Upright*.woff2"


def key_class(key: str) -> str:
    """The CSS class of the container of the element with this `key`."""
    if not _PLAIN_KEY.fullmatch(key):
        raise ValueError(f"key {key!r}: use letters, digits, '_' and '-' so the class is the key itself")
    return KEY_CLASS_PREFIX + key


def key_selector(key: str, inside: str = "") -> str:
    """A CSS selector for the container of the element with this `key`, or for `inside` within it."""
    return f".{key_class(key)} {inside}".rstrip()


def declare_navigation_pages() -> None:
    """Tell Streamlit up front that pages/ holds st.navigation pages, not its older folder-based
    pages. It learns that only when st.navigation first runs, so until then the first visitor's
    page file would run on its own, without the frame (and with a false "Page not found")."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def poll_config_files_every(seconds: float) -> None:
    """Streamlit checks config.toml (and secrets.toml) for edits every 0.2 s, whatever
    server.fileWatcherType says: 0.2% of a core on a server with nothing to do."""
    from streamlit.watcher import polling_path_watcher

    polling_path_watcher._POLLING_PERIOD_SECS = seconds


def post_script_gc() -> bool:
    """Whether Streamlit collects garbage after every script run (60-140 ms of CPU per rerun)."""
    return bool(st.get_option(POST_SCRIPT_GC))


def font_file() -> Path | None:
    """Streamlit's own text face, under a name that changes with its version."""
    found = sorted((STATIC_DIR / "static" / "media").glob(_FONT_GLOB))
    return found[0] if found else None


@functools.lru_cache(maxsize=1)
def _font_name() -> str | None:
    found = font_file()
    return None if found is None else found.name


def font_url() -> str | None:
    """Where Streamlit serves its text face (under the path prefix), which an iframe does not
    inherit; None if it is gone (the iframe then falls back to the system face)."""
    from .prefix import base_path

    name = _font_name()
    return None if name is None else f"{base_path()}static/media/{name}"


def peer_address() -> str | None:
    """The address this session's websocket came from, a proxy on loopback included (the public
    `st.context.ip_address` hides 127.0.0.1 and ::1). None outside a browser session (AppTest)."""
    from streamlit.runtime import context

    client = context._get_client_context()
    address = getattr(client, "remote_ip", None) if client is not None else None
    return address if isinstance(address, str) and address else None


# The marks ui/page_shell.py finds in the page Streamlit serves (INDEX_HTML).
ROOT_ELEMENT = '<div id="root"></div>'
HOST_CONFIG_PATH = "_stcore/host-config"
STREAM_PATH = "_stcore/stream"
# What Streamlit's frontend reads from window.__streamlit.HOST_CONFIG and /_stcore/host-config.
BLOCK_ERROR_DIALOGS = "blockErrorDialogs"


def static_prefix() -> str:
    """Where Streamlit serves its static folder's `static/` subfolder (JS, CSS, fonts)."""
    from .prefix import base_path

    return base_path() + "static/"


def static_cache_control(name: str) -> str:
    """Streamlit's Cache-Control for a static file: hashed bundles live in the cache for a year."""
    if name.endswith(".html") or name == "manifest.json":
        return "no-cache"
    return f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}"
