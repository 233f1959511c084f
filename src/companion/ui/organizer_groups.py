"""The organizer's "Grupper" tab: theme choices, assignment, manual moves, door signs.

Each action writes through one domain function, then the tab reruns with a short message,
so the lists below always show the stored state.
"""

import streamlit as st

from .. import groups
from ..doorsigns import door_signs_html
from ..errors import CompanionError
from ..i18n import error_text, t
from .context import AppContext
from .plain import plain
from .staff import station

_FLASH = "groups_flash"


def _act(ctx: AppContext, lang: str, action, message) -> None:
    """Run one domain action; on success remember a message and rerun, else show the error."""
    try:
        with ctx.connect() as conn:
            result = action(conn)
    except CompanionError as exc:
        st.error(error_text(exc.code, lang, **exc.details))
    else:
        st.session_state[_FLASH] = message(result)
        st.rerun()


def _flash() -> None:
    lines = st.session_state.pop(_FLASH, None)
    if lines:
        st.success(lines[0])
        if len(lines) > 1:
            st.markdown("\n".join(f"- {line}" for line in lines[1:]))


def _assign_message(ctx: AppContext, result: groups.AssignResult, names: dict[int, str], lang: str) -> list[str]:
    lines = [t("org.groups_assigned", lang, assigned=result.assigned, groups=len(result.plan.groups))]
    lines += groups.summary_lines(result.summary, ctx.event, lang)
    if result.unplaced:
        lines.append(t("org.groups_unplaced", lang, count=result.unplaced))
    if result.moves:
        moved = ", ".join(
            f"{names.get(m.member_id, m.member_id)} ({m.from_group or '–'} → {m.to_group or '–'})" for m in result.moves
        )
        lines.append(t("org.groups_moves", lang, moves=moved))
    elif result.present_only:
        lines.append(t("org.groups_no_moves", lang))
    return lines


def _choices(ctx: AppContext, lang: str, role: str, choices: groups.ThemeChoices) -> None:
    st.subheader(t("org.groups_choices", lang))
    columns = st.columns(len(ctx.event.themes) + 1)
    for column, theme in zip(columns, ctx.event.themes, strict=False):
        column.metric(theme.title(lang), choices.counts.get(theme.id, 0))
    columns[-1].metric(t("org.groups_not_chosen_short", lang), len(choices.not_chosen))
    if choices.not_chosen:
        with st.expander(t("org.groups_not_chosen", lang, count=len(choices.not_chosen))):
            st.markdown(
                "\n".join(
                    f"- {plain(p.name)}" + (f" ({plain(p.county)})" if p.county else "") for p in choices.not_chosen
                )
            )
    else:
        st.caption(t("org.groups_all_chosen", lang))
    st.write(t("org.groups_locked" if choices.locked else "org.groups_open", lang))
    label = "org.groups_unlock" if choices.locked else "org.groups_lock"
    if st.button(t(label, lang), key="groups_lock"):
        _act(
            ctx,
            lang,
            lambda conn: groups.set_themes_locked(conn, not choices.locked, now=ctx.now(), role=role, desk=station()),
            lambda _: [t("org.groups_open" if choices.locked else "org.groups_locked", lang)],
        )


def _assignment(ctx: AppContext, lang: str, role: str, names: dict[int, str]) -> None:
    st.subheader(t("org.groups_assign_heading", lang))
    left, right = st.columns(2)
    for column, present_only, label, key in (
        (left, False, "org.groups_assign", "groups_assign"),
        (right, True, "org.groups_present", "groups_present"),
    ):
        if column.button(t(label, lang), key=key, type="primary" if not present_only else "secondary", width="stretch"):
            _act(
                ctx,
                lang,
                lambda conn, p=present_only: groups.assign_groups(
                    conn, ctx.event, now=ctx.now(), role=role, present_only=p, desk=station()
                ),
                lambda result: _assign_message(ctx, result, names, lang),
            )


def _move(
    ctx: AppContext, lang: str, role: str, placements: list[groups.Placement], views: list[groups.GroupView]
) -> None:
    st.subheader(t("org.groups_move_heading", lang))
    people = {p.person.id: p for p in placements}
    numbers = [g.number for g in views]
    by_number = {g.number: g for g in views}

    def person_label(pid: int) -> str:
        p = people[pid]
        where = t("group.heading", lang, number=p.group) if p.group else t("org.groups_no_group", lang)
        return f"{p.person.name} ({p.person.county or '–'}) · {where}"

    def group_label(number: int) -> str:
        g = by_number[number]
        return f"{t('group.heading', lang, number=number)} · {g.room.name} · {len(g.members)}/{g.room.capacity}"

    with st.form("groups_move"):
        pid = st.selectbox(
            t("org.groups_move_person", lang),
            list(people),
            format_func=person_label,
            index=None,
            placeholder=t("org.groups_choose", lang),
        )
        number = st.selectbox(
            t("org.groups_move_target", lang),
            numbers,
            format_func=group_label,
            index=None,
            placeholder=t("org.groups_choose", lang),
        )
        submitted = st.form_submit_button(t("org.groups_move_button", lang))
    if submitted and pid is not None and number is not None:
        _act(
            ctx,
            lang,
            lambda conn: groups.move_person(conn, ctx.event, pid, number, now=ctx.now(), role=role, desk=station()),
            lambda _: [t("org.groups_moved", lang, name=plain(people[pid].person.name), number=number)],
        )
    if st.button(t("org.groups_reset_pins", lang), key="groups_reset_pins"):
        _act(
            ctx,
            lang,
            lambda conn: groups.reset_pins(conn, now=ctx.now(), role=role, desk=station()),
            lambda count: [t("org.groups_unpinned", lang, count=count)],
        )


def _list(ctx: AppContext, lang: str, views: list[groups.GroupView]) -> None:
    st.subheader(t("org.groups_list_heading", lang))
    if not views:
        st.caption(t("org.groups_none", lang))
        return
    st.download_button(
        t("org.groups_signs", lang),
        data=door_signs_html(ctx.event, views, lang).encode("utf-8"),
        file_name="dorskilt.html",
        mime="text/html",
        key="groups_signs",
    )
    for g in views:
        theme = ctx.event.theme(g.theme)
        line = t(
            "org.groups_group_line",
            lang,
            number=g.number,
            room=g.room.name,
            theme=theme.title(lang) if theme else "",
            count=len(g.members),
            capacity=g.room.capacity,
        )
        with st.expander(line):
            rows = []
            for p in g.members:
                marks = [t(f"person_role.{p.role}", lang)] if p.is_facilitator else []
                if p.id in g.pinned_ids:
                    marks.append(t("org.groups_pinned", lang))
                rows.append(
                    f"- {plain(p.name)} ({plain(p.county or '–')})" + (f" · _{', '.join(marks)}_" if marks else "")
                )
            st.markdown("\n".join(rows))


def render(ctx: AppContext, lang: str, role: str) -> None:
    _flash()
    with ctx.connect() as conn:
        choices = groups.theme_choices(conn, ctx.event)
        placements = groups.placements(conn)
        views = groups.groups_overview(conn, ctx.event)
    names = {p.person.id: p.person.name for p in placements}
    _choices(ctx, lang, role, choices)
    st.divider()
    _assignment(ctx, lang, role, names)
    st.divider()
    _move(ctx, lang, role, placements, views)
    st.divider()
    _list(ctx, lang, views)
