"""Spørsmål: ask the panel a question, vote for others', and follow your own.

Everything below the heading is one iframe (ui/hall_page.py) that asks, votes and follows the
list through small HTTP routes, so the panel hour's taps and the list's updates cost the server
a query or a write each, not a Streamlit run. This script runs when the page is opened or the
language is switched, and draws the iframe with the reader's view as it is now.
"""

import streamlit as st

from companion.i18n import clock_time, t
from companion.ui import hall_view
from companion.ui.context import app_context, current_lang
from companion.ui.hall_page import hall_page
from companion.ui.hall_widgets import phone_block
from companion.ui.session import current_participant, token_was_given

ctx = app_context()
lang = current_lang()

st.header(t("q.heading", lang))
person = current_participant(ctx)
if person is None:
    if token_was_given():
        st.error(t("q.bad_link", lang))
    else:
        st.info(t("q.need_link", lang))
    st.stop()

phone_block(ctx, person, lang, banners_only=True)  # the organizer's messages, live
with ctx.connect() as conn:
    start = hall_view.panel_start(conn, ctx.event)
    view = hall_view.view_json(conn, ctx.db_path, ctx.event, lang, person.id, ctx.now())
if start is not None:
    st.caption(t("q.intro", lang, start=clock_time(start)))
hall_page(view, ctx.event, lang, person.token, person.theme)
