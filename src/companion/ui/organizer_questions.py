"""The organizer's "Spørsmål" tab: open or close questions for the hall, pre-moderation on or off."""

import streamlit as st

from .. import questions
from ..errors import CompanionError
from ..i18n import clock_time, error_text, t
from .context import AppContext
from .staff import station

_MODES = ("", "open", "closed")


def render(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("orgq.heading", lang))
    with ctx.connect() as conn:
        state = questions.open_state(conn, ctx.event.programme, ctx.now())
        current = questions.override(conn)
        premoderation = questions.premoderation(conn)
    labels = {
        "": t("orgq.auto", lang, opens=clock_time(state.opens_at), closes=clock_time(state.closes_at)),
        "open": t("orgq.force_open", lang),
        "closed": t("orgq.force_closed", lang),
    }
    with st.form("questions_settings"):
        mode = st.radio(
            t("orgq.mode", lang),
            _MODES,
            index=_MODES.index(current) if current in _MODES else 0,
            format_func=labels.get,
        )
        premod = st.toggle(t("mod.premoderation", lang), value=premoderation, help=t("mod.premoderation_help", lang))
        saved = st.form_submit_button(t("mod.save", lang), type="primary")
    if saved:
        try:
            with ctx.connect() as conn:
                questions.set_override(conn, mode, now=ctx.now(), role=role, desk=station())
                questions.set_premoderation(conn, premod, now=ctx.now(), role=role, desk=station())
                state = questions.open_state(conn, ctx.event.programme, ctx.now())
        except CompanionError as exc:
            st.error(error_text(exc.code, lang, **exc.details))
            return
    if state.is_open:
        st.success(t("orgq.is_open", lang), icon="🟢")
    else:
        st.info(t("orgq.is_closed", lang), icon="🔒")
