"""Storskjerm: the projector in the hall. No login and no personal data.

A huge clock, the current slot and the next one; during the panel the question the moderator
put on screen with its votes, otherwise the QR code to join. Readable from the back of a hall.
"""

import html
from datetime import timedelta

import streamlit as st

from companion import questions, schedule
from companion.agenda import now_and_next
from companion.i18n import clock_time, t
from companion.qr import qr_png
from companion.ui.clock import browser_clock
from companion.ui.context import app_context, current_lang
from companion.ui.question_card import theme_label, votes_label

REFRESH_SECONDS = 2

st.set_page_config(layout="wide")
ctx = app_context()
lang = current_lang()
event = ctx.event

st.html(
    """<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] {display:none}
.block-container {max-width:100% !important; padding:2.2rem 4.5rem 1rem !important}
.scr-label {font-size:1.9rem; font-weight:700; letter-spacing:.08em; text-transform:uppercase; color:#0b5394; margin:0}
.scr-now {font-size:3.6rem; font-weight:800; line-height:1.12; color:#111827; margin:.2rem 0}
.scr-span {font-size:2.4rem; color:#1f2a37; font-variant-numeric:tabular-nums; margin:0}
.scr-next {font-size:2.4rem; color:#1f2a37; margin:.6rem 0 0}
.scr-q {font-size:5rem; font-weight:650; line-height:1.2; color:#111827; white-space:pre-wrap; overflow-wrap:anywhere; margin:.4rem 0 0}
.scr-votes {font-size:3.4rem; font-weight:800; color:#0b5394; margin-top:1.2rem}
.scr-join {font-size:2.7rem; line-height:1.3; color:#111827; margin:0 0 1rem}
.scr-url {font-size:2.4rem; font-weight:700; color:#0b5394; overflow-wrap:anywhere}
.scr-event {font-size:1.6rem; color:#374151; margin:0}
</style>"""
)


@st.cache_data(show_spinner=False, max_entries=4)
def join_code(url: str) -> bytes:
    return qr_png(url, box_size=16, border=2)


def _text(css: str, text: str) -> str:
    return f'<p class="{css}">{html.escape(text)}</p>'


@st.fragment(run_every=timedelta(seconds=REFRESH_SECONDS))
def screen() -> None:
    now = ctx.now()
    with ctx.connect() as conn:
        state = now_and_next(event.programme, now, schedule.get_shifts(conn))
        shown = questions.current_on_screen(conn)
    slot, upcoming = state.current, state.next

    top, clock = st.columns([1, 1], vertical_alignment="center")
    with top:
        parts = [_text("scr-event", f"{event.name(lang)} · {event.date:%d.%m.%Y}")]
        if slot is not None:
            parts += [_text("scr-label", t("now.heading", lang)), _text("scr-now", slot.item.title(lang))]
            parts.append(_text("scr-span", t("now.span", lang, start=clock_time(slot.start), end=clock_time(slot.end))))
        elif state.phase == "after":
            parts.append(_text("scr-now", t("screen.after", lang)))
        else:
            parts.append(_text("scr-now", t("now.between", lang)))
        if upcoming is not None and not upcoming.is_end_marker:
            parts.append(
                _text(
                    "scr-next", t("now.next", lang, title=upcoming.item.title(lang), start=clock_time(upcoming.start))
                )
            )
        st.html("".join(parts))
    with clock:
        browser_clock(
            offset_ms=ctx.clock.offset_ms(),
            tz=str(event.tz),
            lang=lang,
            clock_label=t("now.clock_label", lang),
            size=8.5,
        )

    st.divider()
    if slot is not None and slot.kind == "panel" and shown is not None:
        # Only the words and the votes: never who asked, even if they chose to show their name.
        st.html(
            _text("scr-label", f"{t('screen.panel_question', lang)} · {theme_label(event, shown.theme, lang)}")
            + _text("scr-q", shown.text)
            + _text("scr-votes", f"👍 {votes_label(shown.votes, lang)}")
        )
        return
    url = ctx.settings.get("COMPANION_BASE_URL")
    code, words = st.columns([1, 2], vertical_alignment="center", gap="large")
    code.image(join_code(url), width=500)
    with words:
        lines = [_text("scr-join", t("screen.join", lang, url="")), _text("scr-url", url)]
        if state.phase != "after":
            lines.append(_text("scr-next", t("screen.ask", lang)))
        st.html("".join(lines))


screen()
