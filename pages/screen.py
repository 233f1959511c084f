"""Storskjerm: the projector in the hall. No login and no personal data.

A huge clock, the current slot and the next one; during the panel the question the moderator
put on screen with its votes, otherwise the QR code to join. Readable from the back of a hall.
"""

from datetime import timedelta

import streamlit as st

from companion import questions, schedule
from companion.agenda import now_and_next
from companion.i18n import clock_time, t
from companion.qr import qr_png
from companion.templating import render
from companion.ui.clock import browser_clock
from companion.ui.context import app_context, current_lang
from companion.ui.hall_widgets import screen_block
from companion.ui.question_card import theme_label, votes_label

REFRESH_SECONDS = 2
# (most characters, class in templates/screen.css): the question's type size by its length.
QUESTION_SIZES = ((90, "q-short"), (170, "q-medium"), (10_000, "q-long"))

ctx = app_context()
lang = current_lang()
event = ctx.event

st.html(render("styles.html", sheets=["screen.css"]))


@st.cache_data(show_spinner=False, max_entries=4)
def join_code(url: str) -> bytes:
    return qr_png(url, box_size=16, border=2)


def _lines(*lines: tuple[str, str]) -> None:
    """Paragraphs of plain text, each with its class from templates/screen.css."""
    st.html(render("lines.html", lines=lines))


def wall_clock(size: float) -> None:
    """The event's clock at `size` rem: large on its own, smaller beside a question."""
    browser_clock(
        offset_ms=ctx.clock.offset_ms(), tz=str(event.tz), lang=lang, clock_label=t("now.clock_label", lang), size=size
    )


def length_class(text: str) -> str:
    """Shrink to fit: the longer the question, the smaller its type (templates/screen.css)."""
    return next(name for limit, name in QUESTION_SIZES if len(text) <= limit)


def question_on_screen(slot, shown) -> None:
    """During the panel: a one-line header and a smaller clock, so even a 280-character question
    and its votes fit at 1280x720 as well as at 1920x1080."""
    top, clock = st.columns([3, 1], vertical_alignment="center")
    with top:
        span = t("now.span", lang, start=clock_time(slot.start), end=clock_time(slot.end))
        _lines(("scr-event", f"{event.name(lang)} · {slot.item.title(lang)} · {span}"))
    with clock:
        wall_clock(size=4.5)
    # Only the words and the votes: never who asked, even if they chose to show their name.
    _lines(
        ("scr-label", f"{t('screen.panel_question', lang)} · {theme_label(event, shown.theme, lang)}"),
        (f"scr-q {length_class(shown.text)}", shown.text),
        ("scr-votes", f"👍 {votes_label(shown.votes, lang)}"),
    )


@st.fragment(run_every=timedelta(seconds=REFRESH_SECONDS))
def screen() -> None:
    now = ctx.now()
    with ctx.connect() as conn:
        state = now_and_next(event.programme, now, schedule.get_shifts(conn))
        shown = questions.current_on_screen(conn)
    slot, upcoming = state.current, state.next
    if slot is not None and slot.kind == "panel" and shown is not None:
        question_on_screen(slot, shown)
        return

    top, clock = st.columns([1, 1], vertical_alignment="center")
    with top:
        parts = [("scr-event", f"{event.name(lang)} · {event.date:%d.%m.%Y}")]
        if slot is not None:
            parts += [("scr-label", t("now.heading", lang)), ("scr-now", slot.item.title(lang))]
            parts.append(("scr-span", t("now.span", lang, start=clock_time(slot.start), end=clock_time(slot.end))))
        elif state.phase == "after":
            parts.append(("scr-now", t("screen.after", lang)))
        else:
            parts.append(("scr-now", t("now.between", lang)))
        if upcoming is not None and not upcoming.is_end_marker:
            next_up = t("now.next", lang, title=upcoming.item.title(lang), start=clock_time(upcoming.start))
            parts.append(("scr-next", next_up))
        _lines(*parts)
    with clock:
        wall_clock(size=8.5)

    st.divider()
    # A poll or the groups' chosen points, when the organizer put one on screen.
    if screen_block(ctx, lang):
        return
    url = ctx.settings.get("COMPANION_BASE_URL")
    code, words = st.columns([1, 2], vertical_alignment="center", gap="large")
    code.image(join_code(url), width=500, alt=t("a11y.join_qr", lang, url=url))
    with words:
        lines = [("scr-join", t("screen.join", lang, url="")), ("scr-url", url)]
        if state.phase != "after":
            lines.append(("scr-next", t("screen.ask", lang)))
        _lines(*lines)


screen()
