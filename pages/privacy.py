"""Personvern: who is responsible for the personal data, what is stored and why, for how long,
the participant's rights and whom to contact (GDPR art. 13). Linked from the participant menu."""

from datetime import timedelta

import streamlit as st

from companion import purge, schedule
from companion.i18n import t
from companion.ui.context import app_context, current_lang

ctx = app_context()
lang = current_lang()
event = ctx.event

with ctx.connect() as conn:
    end = purge.event_end(event, schedule.get_shifts(conn))
    purged = purge.purged_at(conn)

st.header(t("priv.heading", lang))
if purged is not None:
    st.success(t("priv.purged", lang, date=purged.astimezone(event.tz).strftime("%d.%m.%Y")), icon="🗑️")
st.subheader(t("priv.controller_heading", lang))
st.markdown(t("priv.controller", lang, controller=event.controller(lang), contact=event.privacy_contact))
st.subheader(t("priv.what_heading", lang))
st.markdown(t("priv.what", lang))
st.subheader(t("priv.how_long_heading", lang))
due = (end + timedelta(days=event.retention_days)).strftime("%d.%m.%Y")
st.markdown(t("priv.how_long", lang, days=event.retention_days, date=due))
st.subheader(t("priv.rights_heading", lang))
st.markdown(t("priv.rights", lang, contact=event.privacy_contact))
