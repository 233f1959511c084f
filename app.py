"""The frame: page config, settings and schema check, and a role-aware navigation.

Every page is listed here explicitly. The built-in menu is hidden: participants get our own
menu without staff pages, while staff pages stay reachable by direct URL behind a PIN.

`streamlit run app.py` uses this file twice: imported by the server it is the ASGI app
(Streamlit plus one tiny read-only route, /api/version); run for each session it is the script.
"""

import streamlit as st

# The PIN gate is also here, in the frame: a staff page cannot be reached by forgetting its own gate.
STAFF_GATES = {"desk": "desk", "moderator": "moderator", "organizer": "organizer"}
# Pages drawn across the whole window: the desk's scanner beside its result, the projector, the
# moderator's laptop; the rest stay centred.
WIDE_PAGES = {"desk", "screen", "moderator"}


def main() -> None:
    from companion.i18n import t
    from companion.ui.a11y import page_setup
    from companion.ui.context import app_context, current_lang
    from companion.ui.frame import menu, requested_path
    from companion.ui.session import staff_role
    from companion.ui.staff import require_role

    ctx = app_context()
    lang = current_lang()
    pages = {
        "now": st.Page("pages/now.py", title=t("nav.now", lang), icon="🕘", url_path="na", default=True),
        "group": st.Page("pages/group.py", title=t("nav.group", lang), icon="👥", url_path="group"),
        "questions": st.Page("pages/questions.py", title=t("nav.questions", lang), icon="💬", url_path="questions"),
        "ticket": st.Page("pages/ticket.py", title=t("nav.ticket", lang), icon="🎫", url_path="ticket"),
        "privacy": st.Page("pages/privacy.py", title=t("nav.privacy", lang), icon="🔒", url_path="personvern"),
        "desk": st.Page("pages/desk.py", title=t("nav.desk", lang), icon="✅", url_path="desk"),
        "moderator": st.Page("pages/moderator.py", title=t("nav.moderator", lang), icon="🎙️", url_path="moderator"),
        "organizer": st.Page("pages/organizer.py", title=t("nav.organizer", lang), icon="🗂️", url_path="organizer"),
        "screen": st.Page("pages/screen.py", title=t("nav.screen", lang), icon="📺", url_path="screen"),
    }
    current = st.navigation(list(pages.values()), position="hidden")
    # One layout per page, set once per run before anything is drawn: a page that set its own after
    # the frame's made the desk switch between wide and centred from one rerun to the next.
    layout = "wide" if current.url_path in WIDE_PAGES else "centered"
    st.set_page_config(page_title="Verkstedet", page_icon="🗓️", layout=layout, initial_sidebar_state="collapsed")
    # Its own title, <html lang> and one h1 on every page, even behind the PIN prompt (ui/a11y.py).
    page_setup(current.title, lang)
    if current is not pages["screen"]:
        menu(ctx, staff_role=staff_role())
    if requested_path() not in {page.url_path for page in pages.values()} | {""}:
        st.warning(t("nav.unknown_page", lang), icon="🧭")
    for key, needed in STAFF_GATES.items():
        if current is pages[key]:
            require_role(ctx, needed)
    current.run()


if __name__ == "__main__":
    main()
else:
    from companion import boot
    from companion.errors import ConfigError
    from companion.ui import streamlit_compat
    from companion.ui.routes import MIDDLEWARE, ROUTES

    # A malformed setting stops the server before anyone opens a page, with the setting's name.
    try:
        boot.check_settings()
    except ConfigError as exc:
        raise SystemExit(f"Verkstedet cannot start: {exc.message}") from None

    # An edit to config.toml or secrets.toml is still picked up, within 5 s.
    streamlit_compat.poll_config_files_every(5.0)
    # Before the first visitor: their page file must run inside this frame.
    streamlit_compat.declare_navigation_pages()
    app = st.App("app.py", routes=ROUTES, middleware=MIDDLEWARE)
