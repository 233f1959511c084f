"""Innspill fra gruppene for the organizer and the moderator: every group's points side by side,
a star for the best, and chosen points put on Storskjerm (group_notes.py, audit-logged)."""

import streamlit as st

from .. import group_notes
from ..errors import CompanionError
from ..i18n import error_text, t
from .context import AppContext
from .plain import plain
from .staff import station

COLUMNS = 3


def notes_overview(ctx: AppContext, lang: str, role: str, *, key: str = "notes") -> None:
    st.subheader(t("notes.heading", lang))
    with ctx.connect() as conn:
        found = group_notes.notes(conn)
    if not found:
        st.caption(t("notes.overview_empty", lang))
        return
    by_group: dict[int, list[group_notes.Note]] = {}
    for note in found:
        by_group.setdefault(note.group_number, []).append(note)
    numbers = sorted(by_group)
    for start in range(0, len(numbers), COLUMNS):
        for column, number in zip(st.columns(COLUMNS), numbers[start : start + COLUMNS], strict=False):
            with column:
                st.markdown(f"**{t('notes.group', lang, number=number)}**")
                for note in by_group[number]:
                    _note(ctx, lang, role, note, key)


def _note(ctx: AppContext, lang: str, role: str, note: group_notes.Note, key: str) -> None:
    with st.container(border=True):
        st.markdown(("⭐ " if note.starred else "") + ("📺 " if note.on_screen else "") + plain(note.text))
        left, right = st.columns(2)
        star = left.button(t("notes.unstar" if note.starred else "notes.star", lang), key=f"{key}_star_{note.id}")
        show = right.button(t("hall.hide" if note.on_screen else "hall.show", lang), key=f"{key}_show_{note.id}")
    if not (star or show):
        return
    try:
        with ctx.connect() as conn:
            if star:
                group_notes.star(conn, note.id, not note.starred, now=ctx.now(), role=role, desk=station())
            else:
                group_notes.show(conn, note.id, not note.on_screen, now=ctx.now(), role=role, desk=station())
    except CompanionError as exc:
        st.error(error_text(exc.code, lang, **exc.details))
    else:
        st.rerun()
