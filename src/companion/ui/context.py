"""What every page needs: the process's boot (settings, the loaded event, the one clock, the
database path; see companion/boot.py) and the language.

The pages, the HTTP routes and the command line share one boot; the database is opened per action.
"""

import streamlit as st

from .. import boot
from ..boot import Boot
from ..errors import CompanionError
from ..i18n import DEFAULT_LANG, LANGS, t

AppContext = Boot  # what the pages and ui/ helpers receive as `ctx`


def app_context() -> Boot:
    """The server's boot; a broken data file or setting stops the page with its message."""
    try:
        return boot.serving()
    except CompanionError as exc:
        st.error(t("startup.failed", current_lang(), message=exc.message))
        st.stop()


def current_lang() -> str:
    lang = st.session_state.get("lang")
    if lang not in LANGS:
        requested = st.query_params.get("lang")
        lang = requested if requested in LANGS else DEFAULT_LANG
        st.session_state["lang"] = lang
    return lang
