"""Follow changes without a server tick per phone.

The browser (inside the clock iframe) polls /api/version every few seconds and watches the
clock for slot boundaries; when either moves, it presses a hidden refresh button in the page,
which reruns only the fragment that holds it. The server works only when something changed.
"""

import streamlit as st

POLL_SECONDS = 5


def refresh_button(key: str) -> None:
    """A hidden button the browser presses to rerun the enclosing fragment."""
    st.html(f"<style>.st-key-{key}{{display:none}}</style>")
    st.button("refresh", key=key)
