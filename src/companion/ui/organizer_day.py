"""The organizer's "Dagen" tab: schedule slips, the evaluation switch, presentations."""

import streamlit as st

from .. import schedule
from ..agenda import total_delay
from ..errors import CompanionError
from ..i18n import error_text, t
from .context import AppContext
from .organizer_after import evaluation_switch
from .organizer_presentations import presentations_panel
from .staff import station


def day_tab(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("org.delay_heading", lang))
    with ctx.connect() as conn:
        current = round(total_delay(schedule.get_shifts(conn)).total_seconds() / 60)
    with st.form("delay"):
        minutes = st.number_input(t("org.delay_label", lang), value=current, step=5, min_value=-240, max_value=240)
        if st.form_submit_button(t("org.delay_button", lang), type="primary"):
            try:
                with ctx.connect() as conn:
                    total = schedule.set_delay(conn, int(minutes), now=ctx.now(), role=role, desk=station())
            except CompanionError as exc:
                st.error(error_text(exc.code, lang))
            else:
                st.success(t("org.delay_done", lang, minutes=total) if total else t("org.delay_cleared", lang))
    evaluation_switch(ctx, lang, role)
    presentations_panel(ctx, lang, role)
