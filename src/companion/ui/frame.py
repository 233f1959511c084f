"""The top of every page: our own menu (participants never see staff pages), language, banners."""

from urllib.parse import urlparse

import streamlit as st

from .. import people, purge
from ..i18n import t
from ..templating import render
from .context import AppContext, current_lang
from .prefix import base_path, strip_base
from .session import link_params, token_was_given

PARTICIPANT_PAGES = (
    ("now", "pages/now.py", "🕘"),
    ("group", "pages/group.py", "👥"),
    ("questions", "pages/questions.py", "💬"),
    ("ticket", "pages/ticket.py", "🎫"),
    ("privacy", "pages/privacy.py", "🔒"),
)
STAFF_PAGES = {
    "desk": ("pages/desk.py", "✅"),
    "moderator": ("pages/moderator.py", "🎙️"),
    "organizer": ("pages/organizer.py", "🗂️"),
}


def menu(ctx: AppContext, *, staff_role: str | None = None) -> None:
    lang = current_lang()
    st.html(render("styles.html", sheets=["frame.css", "menu.css"]))
    params = link_params()
    pages = [(key, path, icon) for key, path, icon in PARTICIPANT_PAGES]
    if staff_role:
        # A signed-in staff laptop gets its own pages, not the participants' menu.
        allowed = STAFF_PAGES if staff_role == "organizer" else {staff_role: STAFF_PAGES[staff_role]}
        pages = [(key, path, icon) for key, (path, icon) in allowed.items()]
    with st.container(horizontal=True, gap="small", key="menu"):
        for key, path, icon in pages:
            st.page_link(path, label=t(f"nav.{key}", lang), icon=icon, query_params=params)
        if st.button(t("lang.switch", lang), key="lang_switch", help=t("lang.label", lang)):
            st.session_state["lang"] = "en" if lang == "nb" else "nb"
            if st.session_state["lang"] == "en":
                st.query_params["lang"] = "en"
            else:
                st.query_params.pop("lang", None)
            st.rerun()
    if token_was_given():
        with ctx.connect() as conn:
            purged = purge.purged_at(conn) is not None
            broken = not purged and broken_link(conn)
        if purged:
            st.info(t("purged.link", lang), icon="🗑️")
        if broken:
            st.warning(t("link.broken", lang), icon="🔗")
    if not ctx.clock.is_live:
        st.warning(t("rehearsal.banner", lang, time=ctx.now().strftime("%d.%m.%Y %H:%M")), icon="🧪")


def broken_link(conn) -> bool:
    """The address has a t= that names nobody (mistyped, cut short, or two of them)."""
    values = st.query_params.get_all("t")
    return bool(values) and (len(values) != 1 or people.by_token(conn, values[0]) is None)


def requested_path() -> str:
    """The last segment of the address the browser asked for ("" for the start page)."""
    try:
        url = st.context.url
    except Exception:  # no request behind this run (AppTest)
        return ""
    if not isinstance(url, str):
        return ""
    # Under a path prefix (server.baseUrlPath) the start page is the prefix itself, not a page.
    path = strip_base(urlparse(url).path.rstrip("/") + "/", base_path())
    return path.rstrip("/").rsplit("/", 1)[-1]
