"""Per-browser-session UI state: language, the participant's token, the staff role.

The database is the truth; session state only remembers who this browser tab is.
"""

import streamlit as st

from .. import people
from ..people import Participant
from .context import AppContext


def token_from_url() -> str | None:
    """The personal token from ?t=. Two t= values or a malformed one count as no valid token."""
    values = st.query_params.get_all("t")
    if len(values) == 1 and people.looks_like_token(values[0]):
        st.session_state["token"] = values[0]
        return values[0]
    if values:
        st.session_state.pop("token", None)
        return None
    return st.session_state.get("token")


def token_was_given() -> bool:
    return bool(st.query_params.get_all("t")) or "token" in st.session_state


def current_participant(ctx: AppContext) -> Participant | None:
    token = token_from_url()
    if not token:
        return None
    with ctx.connect() as conn:
        person = people.by_token(conn, token)
    if person is None:
        st.session_state.pop("token", None)
    elif st.query_params.get("t") != token:
        # Keep the token in the address bar, so a bookmark or home-screen shortcut keeps working.
        st.query_params["t"] = token
    return person


def staff_role() -> str | None:
    return st.session_state.get("staff_role")


def link_params() -> dict[str, str]:
    """Query parameters every in-app link carries: the token and the language."""
    params = {}
    # From the URL first: the menu is drawn before the page runs, and the Nå page never asks
    # who the participant is, so the personal link must reach the other pages from here.
    token = token_from_url()
    if token:
        params["t"] = token
    if st.session_state.get("lang") == "en":
        params["lang"] = "en"
    return params
