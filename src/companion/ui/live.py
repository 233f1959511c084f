"""Follow changes without a server tick per phone.

An iframe in the page (the clock, or an invisible watcher) polls /api/version every few seconds
and watches for the view's next boundary; when either moves, it presses a hidden refresh button
in the page, which reruns only the fragment that holds it. The server works only when something
the phone shows has changed.
"""

import json
from datetime import datetime

import streamlit as st

# Spørsmål's iframe (ui/hall_page.py) and the invisible watcher: a new question shows up within seconds.
POLL_SECONDS = 5
# The clock (Nå, Min gruppe) sees slot boundaries itself, so its poll only has to catch what the
# organizer changes (a delay, a group move): within 10 s is soon enough, and a poll costs the server
# more than a phone's idle websocket does (README, Capacity).
CLOCK_POLL_SECONDS = 10

# Shared by the clock iframe and the watcher: `cfg.watch` comes from watch_config().
WATCH_JS = """
let pressed = 0;
function refresh(reason) {
  // Press the page's hidden refresh button (same origin), at most once per 5 s.
  if (!cfg.watch || Date.now() - pressed < 5000) return;
  const button = window.parent.document.querySelector(".st-key-" + cfg.watch.key + " button");
  if (button) { pressed = Date.now(); button.click(); }
}
function watchBoundaries(cfg, now) {
  if (cfg.watch && cfg.watch.nextChange !== null && now >= cfg.watch.nextChange) refresh("boundary");
}
async function poll() {
  try {
    const answer = await fetch("/api/version", {cache: "no-store"});
    if (answer.ok && (await answer.json())[cfg.watch.field] !== cfg.watch.version) refresh("version");
  } catch (e) { /* offline for a moment: try again at the next poll */ }
}
if (cfg.watch) setInterval(poll, cfg.watch.pollMs);
"""

_WATCHER = """<!doctype html><html><body><script>
const cfg = @config@;
@watch_js@
setInterval(() => watchBoundaries(cfg, Date.now() + cfg.offset), 1000);
</script></body></html>"""


def epoch_ms(instant: datetime | None) -> int | None:
    return None if instant is None else round(instant.timestamp() * 1000)


def watch_config(watch: dict, poll_seconds: float = POLL_SECONDS) -> dict:
    """{"key": refresh button key, "version": the value this view shows, "field": which field of
    /api/version it follows (default "version"), "next_change": when this view goes stale,
    "poll_seconds": overrides `poll_seconds`}."""
    return {
        "key": watch["key"],
        "version": watch["version"],
        "field": watch.get("field", "version"),
        "nextChange": epoch_ms(watch.get("next_change")),
        "pollMs": int(watch.get("poll_seconds", poll_seconds) * 1000),
    }


def refresh_button(key: str) -> None:
    """A hidden button the browser presses to rerun the enclosing fragment."""
    st.html(f"<style>.st-key-{key}{{display:none}}</style>")
    st.button("refresh", key=key)


def watcher_html(watch: dict, offset_ms: int = 0) -> str:
    config = {"offset": offset_ms, "watch": watch_config(watch)}
    page = _WATCHER.replace("@watch_js@", WATCH_JS)
    return page.replace("@config@", json.dumps(config).replace("<", "\\u003c"))


def watcher(watch: dict, offset_ms: int = 0) -> None:
    """An invisible iframe that reruns the enclosing fragment when `watch` says so."""
    st.iframe(watcher_html(watch, offset_ms), height=1)
