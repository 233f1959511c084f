"""Follow changes without a server tick per phone.

An iframe in the page (the clock, or an invisible watcher) polls /api/version every few seconds
and watches for the view's next boundary; when either moves, it presses a hidden refresh button
in the page, which reruns only the fragment that holds it. The server works only when something
the phone shows has changed.
"""

from datetime import datetime

import streamlit as st

from ..i18n import t
from ..templating import render
from .context import current_lang
from .prefix import api_base
from .streamlit_compat import key_selector

# Spørsmål's iframe (ui/hall_page.py) and the invisible watcher: a new question shows up within seconds.
POLL_SECONDS = 5
# The clock (Nå, Min gruppe) sees slot boundaries itself, so its poll only has to catch what the
# organizer changes (a delay, a group move): within 10 s is soon enough, and a poll costs the server
# more than a phone's idle websocket does (README, Capacity).
CLOCK_POLL_SECONDS = 10


def epoch_ms(instant: datetime | None) -> int | None:
    return None if instant is None else round(instant.timestamp() * 1000)


def watch_config(watch: dict, poll_seconds: float = POLL_SECONDS) -> dict:
    """{"key": refresh button key, "version": the value this view shows, "field": which field of
    /api/version it follows (default "version"), "next_change": when this view goes stale,
    "poll_seconds": overrides `poll_seconds`}; "api" is where /api/version is, under the prefix.
    The browser's side is templates/watch.js."""
    return {
        "button": key_selector(watch["key"], "button"),
        "version": watch["version"],
        "field": watch.get("field", "version"),
        "nextChange": epoch_ms(watch.get("next_change")),
        "pollMs": int(watch.get("poll_seconds", poll_seconds) * 1000),
        "api": api_base(),
    }


def refresh_button(key: str) -> None:
    """A hidden button the browser presses to rerun the enclosing fragment."""
    st.html(render("hidden.html", selector=key_selector(key)))
    st.button("refresh", key=key)


def watcher_html(watch: dict, offset_ms: int = 0) -> str:
    return render("watcher.html", config={"offset": offset_ms, "watch": watch_config(watch)})


def watcher(watch: dict, offset_ms: int = 0) -> None:
    """An invisible iframe that reruns the enclosing fragment when `watch` says so."""
    st.iframe(watcher_html(watch, offset_ms), height=1, alt=t("a11y.watcher_frame", current_lang()), tab_index=-1)
