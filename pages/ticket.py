"""Min billett: the participant's QR code, big enough to scan off a phone screen, and their short code."""

import streamlit as st

from companion.attendance import checked_in_at
from companion.i18n import clock_time, t
from companion.people import personal_url
from companion.qr import qr_png
from companion.templating import render
from companion.ui.context import app_context, current_lang
from companion.ui.plain import plain
from companion.ui.session import current_participant, token_was_given

ctx = app_context()
lang = current_lang()
person = current_participant(ctx)

if person is None:
    st.header(t("ticket.heading", lang), anchor=False)
    st.info(t("ticket.unknown_token" if token_was_given() else "ticket.no_token", lang), icon="🎫")
    st.stop()

# The code first, right under the name: it must be on screen without scrolling when held up at the desk.
st.header(plain(person.name), anchor=False)
if person.county:
    st.caption(plain(person.county))
# Big modules and a wide quiet zone: a desk camera reads it off a phone screen at arm's length.
st.image(
    qr_png(personal_url(ctx.settings.base_url, person.token), box_size=12, border=3),
    width="stretch",
    caption=t("ticket.qr_alt", lang),
    alt=t("ticket.qr_alt", lang),
)
# The code once, big, under its label (it used to be printed twice: big, then in the sentence).
st.html(render("ticket_code.html", label=t("ticket.code", lang), code=person.code))
with ctx.connect() as conn:
    arrived = checked_in_at(conn, person.id)
if arrived:
    st.success(t("ticket.checked_in", lang, time=clock_time(arrived.astimezone(ctx.event.tz))), icon="✅")
else:
    st.info(t("ticket.show_at_desk", lang), icon="🎫")
st.caption(t("ticket.keep_link", lang))
