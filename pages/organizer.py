"""Arrangør: runs the day. Schedule slips here; imports, groups, backups and the audit trail join it."""

import streamlit as st

from companion import schedule
from companion.agenda import total_delay
from companion.errors import CompanionError
from companion.i18n import error_text, t
from companion.ui.context import app_context, current_lang
from companion.ui.staff import require_role, sign_out_button

ctx = app_context()
lang = current_lang()
role = require_role(ctx, "organizer")
sign_out_button()
st.title(t("nav.organizer", lang))

st.subheader(t("org.delay_heading", lang))
with ctx.connect() as conn:
    current = round(total_delay(schedule.get_shifts(conn)).total_seconds() / 60)
with st.form("delay"):
    minutes = st.number_input(t("org.delay_label", lang), value=current, step=5, min_value=-240, max_value=240)
    if st.form_submit_button(t("org.delay_button", lang), type="primary"):
        try:
            with ctx.connect() as conn:
                total = schedule.set_delay(conn, int(minutes), now=ctx.now(), role=role)
        except CompanionError as exc:
            st.error(error_text(exc.code, lang))
        else:
            st.success(t("org.delay_done", lang, minutes=total))
