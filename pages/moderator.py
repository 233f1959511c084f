"""Moderator: review, filter, group, queue and pick the hall's questions for the panel.

The filters sit outside the live part, so they stay put while the list below refreshes every
few seconds. Editing a question pauses the refresh, so nothing moves under the cursor.

Wide (app.py), one line per question, and keys (templates/mod_keys.js): A approve, H hide,
S star, Enter on screen, arrows or J/K to move between questions.
"""

from datetime import datetime, timedelta

import streamlit as st

from companion import questions, spreadsheet, wording
from companion.errors import CompanionError
from companion.i18n import clock_time, duration_words, error_text, t
from companion.questions import Filters
from companion.templating import render
from companion.ui.context import app_context, current_lang
from companion.ui.notes_overview import notes_overview
from companion.ui.question_card import CSS, question_card, theme_label, votes_label
from companion.ui.staff import require_role, sign_out_button, station

REFRESH_SECONDS = 3
PAGE_SIZE = 40

ctx = app_context()
lang = current_lang()
event = ctx.event
state = st.session_state
role = require_role(ctx, "moderator")

st.html(CSS + render("styles.html", sheets=["mod_rows.css"]))
# The keys: an invisible iframe that listens on the page (templates/mod_keys.js); not a Tab stop.
st.iframe(render("mod_keys.html"), height=1, alt=t("a11y.mod_keys_frame", lang), tab_index=-1)


def _run(action, *args, **kwargs):
    """Call one domain function; a refusal becomes a message, never a traceback."""
    try:
        with ctx.connect() as conn:
            return action(conn, *args, now=ctx.now(), role=role, desk=station(), **kwargs)
    except CompanionError as exc:
        state["mod_error"] = error_text(exc.code, lang, **exc.details)


def _premoderation_changed() -> None:
    _run(questions.set_premoderation, bool(state["mod_premoderation"]))


with ctx.connect() as conn:
    premoderation_on = questions.premoderation(conn)
heading, budget_place = st.columns([2, 3], vertical_alignment="center")
heading.header(t("mod.heading", lang), anchor=False)
toolbar = st.container(horizontal=True, gap="medium", vertical_alignment="center", key="mod_toolbar")
toolbar.toggle(
    t("mod.premoderation", lang),
    value=premoderation_on,
    key="mod_premoderation",
    help=t("mod.premoderation_help", lang),
    on_change=_premoderation_changed,
)

# --- filters: widgets keep their values in session state across every refresh -------------
STATUS_LABELS = {s: t(f"q.status.{s}", lang) for s in questions.STATUSES}
THEMES = [None] + [theme.id for theme in event.themes] + [0]
SORT_LABELS = {
    "votes": t("mod.sort_votes", lang),
    "newest": t("mod.sort_newest", lang),
    "oldest": t("mod.sort_oldest", lang),
}

with toolbar.popover(t("mod.filters", lang)):
    st.multiselect(
        t("mod.f_status", lang),
        list(STATUS_LABELS),
        default=["pending", "published"],
        format_func=STATUS_LABELS.get,
        key="mf_status",
    )
    left, right = st.columns(2)
    left.selectbox(
        t("mod.f_theme", lang),
        THEMES,
        format_func=lambda n: t("mod.f_all", lang) if n is None else theme_label(event, n, lang),
        key="mf_theme",
    )
    right.selectbox(
        t("mod.f_county", lang),
        [None, *event.counties],
        format_func=lambda c: t("mod.f_all", lang) if c is None else c,
        key="mf_county",
    )
    left.text_input(t("mod.f_text", lang), key="mf_text")
    right.number_input(t("mod.f_min_votes", lang), min_value=0, step=1, key="mf_min_votes")
    left.time_input(t("mod.f_from", lang), value=None, step=timedelta(minutes=15), key="mf_from")
    right.time_input(t("mod.f_to", lang), value=None, step=timedelta(minutes=15), key="mf_to")
    st.checkbox(t("mod.f_starred", lang), key="mf_starred")
toolbar.segmented_control(
    t("mod.sort", lang),
    list(SORT_LABELS),
    format_func=SORT_LABELS.get,
    default="votes",
    key="mf_sort",
    label_visibility="collapsed",
)
with toolbar:
    sign_out_button()


def _at(value) -> datetime | None:
    return None if value is None else datetime.combine(event.date, value, event.tz)


def current_filters() -> Filters:
    return Filters(
        statuses=tuple(state.get("mf_status") or ()),
        theme=state.get("mf_theme"),
        county=state.get("mf_county"),
        text=state.get("mf_text") or "",
        min_votes=int(state.get("mf_min_votes") or 0),
        since=_at(state.get("mf_from")),
        until=_at(state.get("mf_to")),
        starred_only=bool(state.get("mf_starred")),
        sort=state.get("mf_sort") or "votes",
    )


# --- the live part -----------------------------------------------------------------------


def _edit_done() -> None:
    state.pop("mod_editing", None)


def _actions(q: questions.Question, queue_index: int | None = None, queue_len: int = 0) -> None:
    with st.container(horizontal=True, gap="small", key=f"acts_{q.id}_{queue_index}"):
        k = f"{q.id}_{'q' if queue_index is not None else 'l'}"
        if q.status == "pending":
            st.button(
                t("mod.approve", lang),
                key=f"approve_{k}",
                type="primary",
                on_click=_run,
                args=(questions.moderate, q.id, "approve"),
            )
        if q.status == "published" and not q.on_screen:
            st.button(
                t("mod.screen", lang),
                key=f"screen_{k}",
                type="primary",
                on_click=_run,
                args=(questions.show_on_screen, q.id),
            )
        if q.status == "published":
            st.button(
                t("mod.unstar", lang) if q.starred else t("mod.star", lang),
                key=f"star_{k}_{int(q.starred)}",
                on_click=_run,
                args=(questions.star, q.id, not q.starred),
            )
        if q.status != "hidden" and queue_index is None:
            st.button(t("mod.hide", lang), key=f"hide_{k}", on_click=_run, args=(questions.moderate, q.id, "hide"))
        if queue_index is not None:
            if queue_index > 0:
                st.button(
                    t("mod.up", lang),
                    key=f"up_{k}_{queue_index}",
                    on_click=_run,
                    args=(questions.place_in_queue, q.id, queue_index - 1),
                )
            if queue_index < queue_len - 1:
                st.button(
                    t("mod.down", lang),
                    key=f"down_{k}_{queue_index}",
                    on_click=_run,
                    args=(questions.place_in_queue, q.id, queue_index + 1),
                )
            return
        # The rarer actions on tap, behind one button, so a row stays one line.
        with st.popover("⋯", help=t("mod.more_actions", lang)):
            if q.status == "published":
                st.button(
                    t("mod.answer", lang), key=f"answer_{k}", on_click=_run, args=(questions.moderate, q.id, "answer")
                )
            if q.status in ("answered", "hidden"):
                st.button(
                    t("mod.restore", lang),
                    key=f"restore_{k}",
                    on_click=_run,
                    args=(questions.moderate, q.id, "restore"),
                )
            if st.button(t("mod.edit", lang), key=f"edit_{k}"):
                state["mod_editing"] = q.id
                st.rerun()  # the whole page, so the live refresh pauses while typing


def _editor(q: questions.Question) -> None:
    with st.form(f"edit_{q.id}", border=False):
        text = st.text_area(t("mod.edit", lang), value=q.text, max_chars=questions.MAX_CHARS, key=f"edit_text_{q.id}")
        with st.container(horizontal=True, gap="small"):
            save = st.form_submit_button(t("mod.save", lang), type="primary")
            cancel = st.form_submit_button(t("mod.cancel", lang))
    if save or cancel:
        if cancel or _run(questions.edit, q.id, text) is not None:
            _edit_done()
        st.rerun()  # the whole page: the list refreshes again, or shows why the edit was refused


def _line(q: questions.Question, *, status: bool = True) -> None:
    """One line: status, number, the text cut to fit (all of it on hover), theme, votes."""
    key = q.display_status
    st.html(
        render(
            "mod_row.html",
            badge={"key": key, "label": t("q.status." + key, lang)} if status else None,
            number=q.id,
            text=q.text,
            original_label=t("mod.original", lang),
            original=q.original_text if q.edited else None,
            meta=" · ".join(
                [theme_label(event, q.theme, lang), votes_label(q.votes, lang), clock_time(q.created_at)]
                + ([", ".join(x for x in (q.author, q.county) if x)] if q.show_name and q.author else [])
            ),
        ),
        width="stretch",
    )


def _question(q: questions.Question) -> None:
    if state.get("mod_editing") == q.id:
        with st.container(border=True, key=f"mq_{q.id}"):
            question_card(q, event, lang, status=True, staff=True)
            _editor(q)
        return
    with st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"mrow_l_{q.id}"):
        _line(q)
        _actions(q)


def _budget(view: questions.ModeratorView) -> None:
    b = view.budget
    cols = budget_place.columns(3)
    if b.phase == "before":
        cols[0].metric(
            t("mod.budget_left", lang),
            duration_words(b.minutes_left * 60, lang),  # "1 t 15 min", never "75:00"
            t("mod.budget_before", lang, start=clock_time(b.panel_start)),
            delta_color="off",
        )
    elif b.phase == "after":
        cols[0].metric(
            t("mod.budget_left", lang),
            t("mod.budget_minutes", lang, m=0),
            t("mod.budget_after", lang),
            delta_color="off",
        )
    else:
        cols[0].metric(t("mod.budget_left", lang), duration_words(b.minutes_left * 60, lang))
    cols[1].metric(t("mod.budget_starred", lang), b.starred_remaining)
    per = b.minutes_per_question
    if per is not None:
        # Named in its label, so the value stays short enough for its column ("≈ 20 min", not "≈ 20 min per …").
        cols[2].metric(t("mod.budget_per", lang), "≈ " + t("mod.budget_minutes", lang, m=f"{per:.0f}"))


def _approve_all(ids: list[int]) -> None:
    """Every waiting question the moderator sees now: each its own transaction and audit line."""
    for question_id in ids:
        _run(questions.moderate, question_id, "approve")


def live() -> None:
    now = ctx.now()
    with ctx.connect() as conn:
        view = questions.moderator_view(
            conn, current_filters(), programme=event.programme, now=now, limit=state.get("mod_limit", PAGE_SIZE)
        )
    st.caption(
        (
            t("mod.open", lang, time=clock_time(view.open_state.closes_at))
            if view.open_state.is_open
            else t("mod.closed", lang)
        )
        + " · "
        + t("mod.counts", lang, **view.counts)
    )
    if "mod_error" in state:
        st.error(state.pop("mod_error"))
    _budget(view)

    screen_side, queue_side = st.columns(2)
    screen_side.markdown(f"**{t('mod.on_screen', lang)}**")
    if view.on_screen:
        with screen_side.container(border=True, key="on_screen"):
            question_card(view.on_screen, event, lang, staff=True)
            with st.container(horizontal=True, gap="small"):
                st.button(
                    t("mod.answer", lang),
                    key="screen_answer",
                    type="primary",
                    on_click=_run,
                    args=(questions.moderate, view.on_screen.id, "answer"),
                )
                st.button(
                    t("mod.clear_screen", lang), key="screen_clear", on_click=_run, args=(questions.clear_screen,)
                )
    else:
        screen_side.caption(t("mod.nothing_on_screen", lang))

    queue_side.markdown(f"**{t('mod.queue', lang, n=len(view.queue))}**")
    if not view.queue:
        queue_side.caption(t("mod.queue_empty", lang))
    for i, q in enumerate(view.queue):
        with queue_side.container(horizontal=True, gap="small", vertical_alignment="center", key=f"queue_{q.id}"):
            _line(q, status=False)
            _actions(q, queue_index=i, queue_len=len(view.queue))

    limit = state.get("mod_limit", PAGE_SIZE)
    visible = [q for block in view.blocks for q in block][:limit]
    pending = [q.id for q in visible if q.status == "pending"]
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.markdown(f"**{t('mod.list', lang, n=view.total)}**")
        st.caption(t("mod.keys", lang))
        if pending:
            st.button(
                t("mod.approve_all", lang, n=len(pending)),
                key=f"approve_all_{'_'.join(map(str, pending))}",
                on_click=_approve_all,
                args=(pending,),
            )
    shown = 0
    for block in view.blocks:
        if shown >= limit:
            break
        if len(block) > 1:
            with st.container(border=True, key=f"dup_{block[0].id}"):
                with st.container(horizontal=True, gap="small", vertical_alignment="center"):
                    st.markdown(f"**{t('mod.similar', lang, n=len(block))}**")
                    st.button(
                        t("mod.merge", lang, id=block[0].id),
                        key=f"merge_{block[0].id}_{'_'.join(str(q.id) for q in block[1:])}",
                        on_click=_run,
                        args=(questions.merge, block[0].id, [q.id for q in block[1:]]),
                    )
                for q in block:
                    _question(q)
        else:
            _question(block[0])
        shown += len(block)
    if view.total > shown:
        st.caption(t("mod.more", lang, shown=shown, total=view.total))
        if st.button("＋", key="mod_more"):
            state["mod_limit"] = limit + PAGE_SIZE
            st.rerun(scope="fragment")


# Refresh live unless a question is being edited.
st.fragment(live, run_every=None if state.get("mod_editing") else timedelta(seconds=REFRESH_SECONDS))()


# --- export ------------------------------------------------------------------------------


def _export(kind: str):
    def build() -> bytes:
        with ctx.connect() as conn:
            # In words for people (status, theme), each code kept in a column of its own.
            columns, rows = wording.worded(*questions.export_rows(conn), lang, event=event)
        return (
            spreadsheet.csv_bytes(columns, rows)
            if kind == "csv"
            else spreadsheet.xlsx_bytes(columns, rows, sheet="Spørsmål")
        )

    return build


st.divider()
st.subheader(t("mod.export", lang))
with st.container(horizontal=True, gap="small"):
    stamp = ctx.now().strftime("%Y%m%d-%H%M")
    st.download_button(
        t("mod.export_csv", lang), _export("csv"), file_name=f"sporsmal-{stamp}.csv", mime="text/csv", key="export_csv"
    )
    st.download_button(
        t("mod.export_xlsx", lang),
        _export("xlsx"),
        file_name=f"sporsmal-{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="export_xlsx",
    )

# --- Innspill fra gruppene: every group's points, a star for the best, chosen ones on Storskjerm
st.divider()
notes_overview(ctx, lang, role, key="mod_notes")
