"""Spørsmål: ask the panel a question, vote for others', and follow your own.

The hall's list is one iframe whose vote buttons post to /api/vote (ui/hall_list.py), so a
vote costs the server one small write, not a rerun of the list.

The list keeps the order it was drawn in while the reader scrolls: questions that arrive
later are counted ("3 nye spørsmål") and shown on a tap, never shuffled in under a thumb.
"""

import uuid
from datetime import timedelta

import streamlit as st

from companion import changes, questions
from companion.agenda import schedule
from companion.errors import CompanionError
from companion.i18n import clock_time, error_text, t
from companion.schedule import get_shifts
from companion.ui.context import app_context, current_lang
from companion.ui.live import refresh_button, watcher
from companion.ui.hall_list import hall_list as hall_list_iframe
from companion.ui.question_card import CSS, question_card, theme_label
from companion.ui.session import current_participant, token_was_given

# New, answered or on-screen questions reach the phone within seconds: its watcher iframe polls
# /api/version and reruns the list only when the list changed (ui/live.py). A vote is no rerun
# at all: the list is one iframe (ui/hall_list.py) that posts to /api/vote and redraws the card
# itself. Others' vote counts follow with the next rerun; this server-side timer is the fallback.
FALLBACK_REFRESH_SECONDS = 120

ctx = app_context()
lang = current_lang()
event = ctx.event
state = st.session_state

st.html(CSS)
st.header(t("q.heading", lang))
person = current_participant(ctx)
if person is None:
    if token_was_given():
        st.error(t("q.bad_link", lang))
    else:
        st.info(t("q.need_link", lang))
    st.stop()

with ctx.connect() as conn:
    panel = questions.panel_slot(schedule(event.programme, get_shifts(conn)))
    window = questions.open_state(conn, event.programme, ctx.now())
if panel is not None:
    st.caption(t("q.intro", lang, start=clock_time(panel.start)))


# --- ask ---------------------------------------------------------------------------------

def _form_number() -> int:
    return state.setdefault("ask_form", 0)


def _nonce() -> str:
    # One nonce per form: a double tap on "Send" sends it twice and stores one question.
    key = f"ask_nonce_{_form_number()}"
    if key not in state:
        state[key] = uuid.uuid4().hex
    return state[key]


if window.is_open:
    st.subheader(t("q.ask_heading", lang))
    with st.form(f"ask_{_form_number()}", border=True):
        text = st.text_area(t("q.ask_label", lang, max=questions.MAX_CHARS), max_chars=questions.MAX_CHARS, height=110)
        theme_ids = [theme.id for theme in event.themes] + [0]
        theme = st.radio(
            t("q.theme_label", lang),
            theme_ids,
            index=theme_ids.index(person.theme) if person.theme in theme_ids else len(theme_ids) - 1,
            format_func=lambda n: theme_label(event, n, lang),
            horizontal=True,
        )
        show_name = st.checkbox(t("q.show_name", lang), value=False, help=t("q.show_name_help", lang))
        sent = st.form_submit_button(t("q.send", lang), type="primary", width="stretch")
    if sent:
        try:
            with ctx.connect() as conn:
                result = questions.ask(
                    conn,
                    programme=event.programme,
                    participant_id=person.id,
                    text=text,
                    theme=theme,
                    show_name=show_name,
                    now=ctx.now(),
                    nonce=_nonce(),
                )
        except CompanionError as exc:
            st.error(error_text(exc.code, lang, **exc.details))
        else:
            state["ask_form"] = _form_number() + 1  # a fresh, empty form with a new nonce
            state["ask_flash"] = "q.sent_pending" if result.question.status == "pending" else "q.sent_published"
            state.pop("q_order", None)
            st.rerun()
    if "ask_flash" in state:
        st.success(t(state.pop("ask_flash"), lang))
else:
    message = {
        "before": t("q.closed_before", lang, time=clock_time(window.opens_at)),
        "after": t("q.closed_after", lang),
    }.get(window.reason, t("q.closed_organizer", lang))
    st.info(message, icon="🔒")


# --- the list ----------------------------------------------------------------------------

def _show_new() -> None:
    state.pop("q_order", None)


SORTS = {"votes": t("q.sort_votes", lang), "newest": t("q.sort_newest", lang)}


@st.fragment(run_every=timedelta(seconds=FALLBACK_REFRESH_SECONDS))
def hall_list() -> None:
    sort = state.get("q_sort") or "votes"
    with ctx.connect() as conn:
        current = questions.public_questions(conn, viewer_id=person.id, sort=sort)
        version = changes.questions_version(conn)
    refresh_button("q_refresh")
    watcher({"key": "q_refresh", "version": version, "field": "questions"})
    if state.get("q_order_sort") != sort:
        state.pop("q_order", None)
    if "q_order" not in state:
        state["q_order"] = [q.id for q in current]
        state["q_order_sort"] = sort
    by_id = {q.id: q for q in current}
    order = state["q_order"]
    seen = set(order)
    shown = [by_id[i] for i in order if i in by_id]
    fresh = sum(1 for q in current if q.id not in seen)

    st.subheader(t("q.list_heading", lang, n=len(shown)))
    st.segmented_control(
        t("q.sort_label", lang), list(SORTS), format_func=SORTS.get, key="q_sort", default="votes", label_visibility="collapsed"
    )
    if fresh:
        label = t("q.new_one", lang) if fresh == 1 else t("q.new_many", lang, n=fresh)
        st.button(label, key="q_show_new", on_click=_show_new, type="secondary", icon="🔄", width="stretch")
    if shown:
        hall_list_iframe(shown, event, lang, person.token)
    else:
        st.caption(t("q.none_yet", lang))

    # The asker's own questions and the answered ones: short lists, so they simply follow along.
    with ctx.connect() as conn:
        mine = questions.my_questions(conn, person.id)
        answered = questions.public_questions(conn, viewer_id=person.id, sort="newest", answered=True)
    if mine:
        with st.expander(t("q.mine_heading", lang, n=len(mine)), expanded=True):
            for q in mine:
                question_card(q, event, lang, status=True)
    if answered:
        with st.expander(t("q.answered_heading", lang, n=len(answered))):
            for q in answered:
                question_card(q, event, lang)


hall_list()
