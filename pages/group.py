"""Min gruppe: the participant's theme, group, room and how to find it, times, facilitator, members.

Opened through the personal link (?t=<token>). Without a valid token the page explains how to
get the link and shows nobody's data.
"""

from datetime import timedelta

import streamlit as st

from companion import changes, groups
from companion.errors import GroupError
from companion.i18n import clock_time, error_text, t
from companion.templating import render
from companion.ui.clock import browser_clock
from companion.ui.context import app_context, current_lang
from companion.ui.hall_widgets import notes_block, phone_block
from companion.ui.live import refresh_button
from companion.ui.plain import plain
from companion.ui.session import current_participant, token_was_given

# The browser reruns the group card when the "go now" window opens or closes, when groups are
# published and when the schedule slips (ui/live.py); this server timer is only the fallback.
FALLBACK_REFRESH_SECONDS = 600

ctx = app_context()
lang = current_lang()
event = ctx.event
person = current_participant(ctx)

st.header(t("nav.group", lang), anchor=False)

if person is None:
    st.subheader(t("group.no_link_heading", lang))
    st.info(t("group.unknown_link_body" if token_was_given() else "group.no_link_body", lang), icon="🔗")
    st.markdown(t("group.how_to_link", lang))
    st.stop()

st.caption(t("group.hello", lang, name=plain(person.name)))
phone_block(ctx, person, lang, banners_only=True)  # the organizer's messages, live


def read_page() -> tuple[groups.MyGroupPage, str]:
    with ctx.connect() as conn:
        return groups.my_group_page(conn, event, person.id, ctx.now()), changes.version(conn)


def theme_chooser(current: int | None) -> None:
    ids = [theme.id for theme in event.themes]
    with st.form(f"theme_choice_{current}"):
        choice = st.radio(
            t("group.choose_label", lang),
            ids,
            index=ids.index(current) if current in ids else None,
            format_func=lambda i: event.theme(i).title(lang),
            captions=[event.theme(i).question(lang) for i in ids],
        )
        if st.form_submit_button(t("group.choose_button", lang), type="primary"):
            try:
                with ctx.connect() as conn:
                    groups.choose_theme(conn, event, person.id, choice, now=ctx.now())
            except GroupError as exc:
                st.error(error_text(exc.code, lang, **exc.details))
            else:
                st.rerun()


def clock(view: groups.MyGroupPage, version: str) -> None:
    """A small clock counting down to the next group session; it also watches for changes."""
    now = ctx.now()
    upcoming = next((slot for slot in view.slots if slot.start > now), None)
    browser_clock(
        offset_ms=ctx.clock.offset_ms(),
        tz=str(event.tz),
        lang=lang,
        clock_label=t("now.clock_label", lang),
        target=upcoming.start if upcoming and view.group else None,
        count_label=t("group.starts_in", lang),
        size=1.4,
        watch={"key": "group_refresh", "version": version, "next_change": view.next_change},
    )


def go_now_banner(room: str, title: str, start: str, location: str) -> None:
    headline = t("group.go_now", lang, room=room)
    detail = t("group.go_now_detail", lang, title=title, start=start, location=location)
    st.html(render("go_now.html", headline=headline, detail=detail))


def without_group(view: groups.MyGroupPage, version: str) -> None:
    theme = event.theme(view.theme)
    if theme is None:
        st.subheader(t("group.choose_heading", lang))
        if view.locked:
            st.warning(t("group.choices_locked", lang))
        else:
            st.write(t("group.choose_body", lang))
            theme_chooser(None)
    else:
        st.markdown(f"**{t('group.chosen', lang, title=theme.title(lang))}**  \n{theme.question(lang)}")
        if not view.locked and not view.in_group:
            with st.expander(t("group.change_theme", lang)):
                theme_chooser(theme.id)
    key = "group.none_after" if view.published else "group.not_yet"
    st.info(t(key, lang, time=clock_time(event.groups_published_at)), icon="🕘")
    clock(view, version)


def with_group(view: groups.MyGroupPage, version: str) -> None:
    me, room = view.group, view.group.room
    if view.go_now is not None:
        go_now_banner(room.name, view.go_now.item.title(lang), clock_time(view.go_now.start), room.location)
    clock(view, version)
    st.header(t("group.heading", lang, number=me.number))
    st.subheader(t("group.room", lang, room=room.name))
    if room.location:
        st.markdown(f"📍 {room.location}")
    theme = event.theme(me.theme)
    if theme is not None:
        st.markdown(f"**{t('group.theme', lang)}:** {theme.title(lang)}")
        st.markdown(f"> {theme.question(lang)}")
    st.markdown(f"**{t('group.when', lang)}**")
    st.markdown("\n".join(f"- {clock_time(s.start)}–{clock_time(s.end)} {s.item.title(lang)}" for s in view.slots))
    if view.delay_minutes > 0:
        st.caption(t("group.delay", lang, minutes=view.delay_minutes))
    if me.facilitators:
        label = "group.facilitator" if len(me.facilitators) == 1 else "group.facilitators"
        st.markdown(f"**{t(label, lang)}:** " + ", ".join(plain(p.name) for p in me.facilitators))
    others = me.others(person.id)
    st.markdown(f"**{t('group.members', lang, count=len(others))}**")
    if others:
        st.markdown("\n".join(f"- {plain(p.name)}" + (f" ({plain(p.county)})" if p.county else "") for p in others))
    else:
        st.caption(t("group.no_others", lang))


@st.fragment(run_every=timedelta(seconds=FALLBACK_REFRESH_SECONDS))
def my_group() -> None:
    view, version = read_page()
    refresh_button("group_refresh")
    if view.group is None:
        without_group(view, version)
    else:
        with_group(view, version)


my_group()
notes_block(ctx, person, lang)  # Innspill fra gruppene: the group's points, live in the browser
