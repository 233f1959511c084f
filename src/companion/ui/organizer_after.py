"""After the day, for the organizer: the evaluation's switch (Dagen tab) and the purge of the
personal data (Sikkerhet tab), confirmed by typing the event's name."""

from datetime import timedelta

import streamlit as st

from .. import evaluation, purge, schedule
from ..errors import CompanionError
from ..i18n import clock_time, error_text, t
from .context import AppContext
from .evaluation_route import load_form
from .staff import station


def evaluation_switch(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("eval.org_heading", lang))
    try:
        form = load_form(ctx.settings.data_dir, ctx.event.programme)
    except CompanionError as exc:
        st.error(exc.message)
        return
    with ctx.connect() as conn:
        closed = evaluation.is_closed(conn)
        answers = evaluation.count(conn)
        opens = evaluation.opens_at(form, ctx.event.programme, schedule.get_shifts(conn))
    if opens is not None:
        st.caption(t("eval.org_opens", lang, time=clock_time(opens), count=answers))
    wanted = st.toggle(t("eval.org_closed_label", lang), value=closed, help=t("eval.org_closed_help", lang))
    if wanted != closed:
        with ctx.connect() as conn:
            evaluation.set_closed(conn, wanted, now=ctx.now(), role=role, desk=station())
        st.rerun()


def purge_section(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("purge.heading", lang))
    st.caption(t("purge.hint", lang))
    with ctx.connect() as conn:
        done = purge.purged_at(conn)
        end = purge.event_end(ctx.event, schedule.get_shifts(conn))
    due = (end + timedelta(days=ctx.event.retention_days)).strftime("%d.%m.%Y")
    st.caption(t("purge.due", lang, date=due, days=ctx.event.retention_days))
    if done is not None:
        st.info(t("purge.was_done", lang, date=done.astimezone(ctx.event.tz).strftime("%d.%m.%Y %H:%M")), icon="🗑️")
    with st.form("purge", clear_on_submit=True):
        typed = st.text_input(t("purge.confirm_label", lang, name=ctx.event.name.nb), key="purge_name")
        submitted = st.form_submit_button(t("purge.button", lang))
    if not submitted:
        return
    try:
        copy_to = ctx.settings.copy_to
        result = purge.purge(
            ctx.db_path, ctx.event, confirmation=typed, now=ctx.now(), role=role, desk=station(), copy_to=copy_to
        )
    except CompanionError as exc:
        st.error(error_text(exc.code, lang, **exc.details))
    else:
        st.success(t("purge.done", lang, participants=result.participants, snapshots=len(result.snapshots)))
        if copy_to is not None and not result.copies_left:
            st.success(t("purge.copies_done", lang, copies=len(result.copies), folder=str(copy_to)))
        if result.copies_left:
            st.warning(t("purge.copies_left", lang, folder=str(copy_to), reason=result.copies_left))
