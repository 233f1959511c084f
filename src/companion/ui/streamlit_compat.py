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
- `/static/media/SourceSansVF-Upright*.woff2`: Streamlit's text face, served by Streamlit.
- Our CSS styles some of Streamlit's own elements by their `data-testid` or class (the header and
  toolbar the big screen hides, `.block-container`, `.stButton`); the test checks each still exists.
"""

import functools
import re
from pathlib import Path

import streamlit as st

# How Streamlit's frontend names a keyed element's container (`tp()` in its bundle): the key, with
# anything but letters, digits, "_" and "-" made "-". Our keys stay within those characters.
KEY_CLASS_PREFIX = "st-key-"
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")

POST_SCRIPT_GC = "runner.postScriptGC"

# Where Streamlit keeps what it serves under /static/ (its frontend bundle, fonts, images).
STATIC_DIR = Path(st.__file__).parent / "static"
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
def font_url() -> str | None:
    """Where Streamlit serves its text face, which an iframe does not inherit; None if it is gone
    (the iframe then falls back to the system face)."""
    found = font_file()
    return None if found is None else f"/static/media/{found.name}"
