"""The hall talking back on the participants' pages and the big screen: small hooks the pages call.

- phone_block (Nå): one iframe (templates/hall/phone.*) with banners for new messages, the open
  poll and the day's messages and presentations. It follows /api/version's "hall" field every
  CLOCK_POLL_SECONDS and answers through POST /api/poll (ui/hall_live_routes.py).
- notes_block (Min gruppe): the group's points (templates/hall/notes.*), through /api/notes; the
  facilitator names the secretary here.
- poll_screen and notes_screen (Storskjerm): the poll on screen, drawn by the browser from
  /api/poll/results (the same HTML on every rerun, so it is not reloaded); the chosen points.
"""

import functools

import streamlit as st

from .. import group_notes, groups, hall_messages, polls
from ..errors import CompanionError
from ..i18n import error_text, t
from ..people import Participant
from ..templating import render
from .context import AppContext
from .hall_live_routes import notes_view, phone_view
from .live import CLOCK_POLL_SECONDS, POLL_SECONDS
from .plain import plain
from .prefix import api_base
from .streamlit_compat import font_url

SCREEN_POLL_SECONDS = 2


def phone_html(view: dict, version: str, lang: str, token: str, *, banners_only: bool = False) -> str:
    config = {
        "api": api_base(),
        "token": token,
        "lang": lang,
        "bannersOnly": banners_only,
        "view": view,
        "version": version,
        "pollMs": CLOCK_POLL_SECONDS * 1000,
        "strings": {
            "dismiss": t("msg.dismiss", lang),
            "newMessage": t("msg.new", lang),
            "send": t("poll.send", lang),
            "update": t("poll.update", lang),
            "wordsLabel": t("poll.words_label", lang),
            "offline": error_text("poll_unavailable", lang),
        },
    }
    return render("hall/phone.html", lang=lang, t=functools.partial(t, lang=lang), font_url=font_url(), config=config)


def phone_block(ctx: AppContext, person: Participant | None, lang: str, *, banners_only: bool = False) -> None:
    """Nå's live part, for a participant with a personal link; on the other pages (`banners_only`)
    just the banners of new messages."""
    if person is None:
        return
    with ctx.connect() as conn:
        view = phone_view(ctx, conn, person, lang)
        version = hall_messages.phone_version(conn)
    st.iframe(phone_html(view, version, lang, person.token, banners_only=banners_only), height="content")


def notes_html(view: dict, lang: str, token: str) -> str:
    config = {
        "api": api_base(),
        "token": token,
        "lang": lang,
        "view": view,
        "pollMs": POLL_SECONDS * 1000,
        "strings": {
            "introWriter": t("notes.intro_writer", lang),
            "introReader": t("notes.intro_reader", lang),
            "guiding": t("notes.guiding", lang),
            "edited": t("notes.edited", lang),
            "edit": t("notes.edit", lang),
            "save": t("notes.save", lang),
            "send": t("notes.send", lang),
            "offline": error_text("notes_unavailable", lang),
        },
    }
    return render(
        "hall/notes.html",
        lang=lang,
        t=functools.partial(t, lang=lang),
        font_url=font_url(),
        max=group_notes.MAX_CHARS,
        config=config,
    )


def _secretary_chooser(ctx: AppContext, person: Participant, group: groups.GroupView, lang: str) -> None:
    with ctx.connect() as conn:
        current = group_notes.secretary(conn, group.number)
    others = [m for m in group.members if m.id != person.id]
    choices: list[int | None] = [None] + [m.id for m in others]
    names = {m.id: m.name for m in others}
    with st.form(f"secretary_{group.number}"):
        chosen = st.selectbox(
            t("notes.secretary_label", lang),
            choices,
            index=choices.index(current) if current in choices else 0,
            format_func=lambda i: t("notes.secretary_me", lang) if i is None else plain(names[i]),
        )
        if st.form_submit_button(t("notes.secretary_button", lang)):
            try:
                with ctx.connect() as conn:
                    group_notes.name_secretary(conn, ctx.event, person.id, chosen, now=ctx.now())
            except CompanionError as exc:
                st.error(error_text(exc.code, lang, **exc.details))
            else:
                st.success(t("notes.saved", lang))


def notes_block(ctx: AppContext, person: Participant, lang: str) -> None:
    """Min gruppe's notes section, for a member of a group."""
    with ctx.connect() as conn:
        group = groups.group_of(conn, ctx.event, person.id)
        if group is None:
            return
        view = notes_view(ctx, conn, person.id, lang)
    st.iframe(notes_html(view, lang, person.token), height="content")
    if person.id in {m.id for m in group.facilitators}:
        _secretary_chooser(ctx, person, group, lang)


def poll_screen_html(lang: str) -> str:
    config = {
        "api": api_base(),
        "lang": lang,
        "pollMs": SCREEN_POLL_SECONDS * 1000,
        "answers": t("poll.answers", lang, n="@n@"),
    }
    return render("hall/screen.html", lang=lang, t=functools.partial(t, lang=lang), font_url=font_url(), config=config)


def screen_block(ctx: AppContext, lang: str) -> bool:
    """Storskjerm: the poll on screen, else the group points on screen. False when neither is."""
    with ctx.connect() as conn:
        shown = polls.shown_poll(conn)
        chosen = group_notes.on_screen(conn) if shown is None else []
    if shown is not None:
        st.iframe(poll_screen_html(lang), height=900)
        return True
    if chosen:
        lines = [("scr-label", t("notes.heading", lang))]
        for note in chosen:
            lines.append(("scr-next", t("notes.group", lang, number=note.group_number)))
            lines.append(("scr-note", note.text))
        st.html(render("lines.html", lines=lines))
        return True
    return False
