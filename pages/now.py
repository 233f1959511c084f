"""Nå: the current slot with a live clock, what comes next, and the whole programme."""

from datetime import timedelta

import streamlit as st

from companion import changes, groups, schedule
from companion.agenda import now_and_next
from companion.i18n import clock_time, t
from companion.templating import render
from companion.ui.clock import browser_clock
from companion.ui.context import app_context, current_lang
from companion.ui.evaluation_page import evaluation_block
from companion.ui.hall_widgets import phone_block
from companion.ui.live import refresh_button
from companion.ui.plain import plain
from companion.ui.programme import programme_list
from companion.ui.session import current_participant, link_params

# The browser reruns the card at slot boundaries and when the schedule changes (ui/live.py);
# this server-side timer is only the fallback for a browser that cannot.
FALLBACK_REFRESH_SECONDS = 600

ctx = app_context()
lang = current_lang()
event = ctx.event
person = current_participant(ctx)


@st.fragment(run_every=timedelta(seconds=FALLBACK_REFRESH_SECONDS))
def now_card() -> None:
    now = ctx.now()
    with ctx.connect() as conn:
        state = now_and_next(event.programme, now, schedule.get_shifts(conn))
        version = changes.version(conn)
    refresh_button("now_refresh")
    minutes = round(state.delay.total_seconds() / 60)
    if minutes and state.phase != "after":
        key = "now.delay" if minutes > 0 else "now.ahead"
        st.info(t(key, lang, minutes=abs(minutes)), icon="⏱️")

    watch = {"key": "now_refresh", "version": version, "next_change": state.next_change(now)}
    clock = dict(
        offset_ms=ctx.clock.offset_ms(),
        tz=str(event.tz),
        lang=lang,
        clock_label=t("now.clock_label", lang),
        watch=watch,
    )
    if state.phase == "before":
        st.header(t("now.before", lang, start=clock_time(state.next.start)))
        browser_clock(**clock, target=state.next.start)
    elif state.phase == "after":
        st.header(t("now.after_heading", lang))
        st.write(t("now.after_body", lang), event.after(lang))
        browser_clock(**clock)
    else:
        slot = state.current
        if slot is not None:
            st.caption(t("now.heading", lang))
            st.header(slot.item.title(lang))
            start, end = clock_time(slot.start), clock_time(slot.end)
            span = t("now.span", lang, start=start, end=end)
            st.html(render("slot_span.html", span=span, spoken=t("now.span_spoken", lang, start=start, end=end)))
            for detail in slot.item.details(lang):
                st.markdown(f"- {detail}")
        else:
            st.header(t("now.between", lang))
        upcoming = state.next
        # The next slot named once, with its countdown: "Neste: Lunsj kl. 12:30 · om 1 t 45 min".
        count_label = (
            t("now.next_in", lang, title=upcoming.item.title(lang), start=clock_time(upcoming.start))
            if upcoming
            else ""
        )
        browser_clock(
            **clock,
            start=slot.start if slot else None,
            end=slot.end if slot else None,
            target=upcoming.start if upcoming else None,
            count_label=count_label,
            progress_label=slot.item.title(lang) if slot else "",
        )
        personal_card(slot)
    # From the summing-up on (this card reruns when it starts): the evaluation, for a personal link.
    evaluation_block(ctx, person, lang)

    st.divider()
    st.markdown(f"### {t('now.programme', lang, date=event.date.strftime('%d.%m.%Y'))}")
    programme_list(state.slots, now, lang)


def personal_card(slot) -> None:
    """With a personal link: the own group and room during group work, a way to ask during the panel."""
    if person is None or slot is None:
        return
    if slot.kind == "group":
        with ctx.connect() as conn:
            mine = groups.my_group_page(conn, event, person.id, ctx.now()).group
        if mine is not None:
            with st.container(border=True, key="now_my_group"):
                st.markdown(f"**{t('now.my_group', lang, number=mine.number, room=plain(mine.room.name))}**")
                if mine.room.location:
                    st.caption(f"📍 {plain(mine.room.location)}")
                st.page_link("pages/group.py", label=t("nav.group", lang), icon="👥", query_params=link_params())
    elif slot.kind == "panel":
        st.page_link("pages/questions.py", label=t("now.ask", lang), icon="💬", query_params=link_params())


st.markdown(f"**{event.name(lang)}** · {event.date:%d.%m.%Y}")
# Messages from the organizer, the open poll, presentations: live in the browser, outside the card.
phone_block(ctx, person, lang)
now_card()

with st.expander(t("now.themes", lang)):
    for theme in event.themes:
        st.markdown(f"**{theme.id}. {theme.title(lang)}**  \n{theme.question(lang)}")
    st.caption(t("now.cross_cutting", lang, text=event.cross_cutting(lang)))
st.caption(t("now.where", lang, venue=event.venue, contact=event.contact))
