"""The programme as an accessible list: the current slot highlighted, past slots dimmed
(templates/programme.html)."""

from datetime import datetime

import streamlit as st

from ..agenda import Slot
from ..i18n import clock_time, t
from ..templating import render


def _row(slot: Slot, now: datetime, lang: str) -> dict[str, object]:
    start, end = clock_time(slot.start), clock_time(slot.end)
    if slot.is_end_marker:
        span, spoken = start, start
    else:
        span = t("now.span", lang, start=start, end=end)
        spoken = t("now.span_spoken", lang, start=start, end=end)
    state, tag = "", ""
    if not slot.is_end_marker and slot.start <= now < slot.end:
        state, tag = "cur", t("now.running", lang)
    elif slot.end <= now and not (slot.is_end_marker and slot.start > now):
        state, tag = "past", t("now.passed", lang)
    return {
        "state": state,
        "tag": tag,
        "title": slot.item.title(lang),
        "span": span,
        "spoken": spoken,
        "start": slot.start.isoformat(),
        "details": slot.item.details(lang),
    }


def programme_html(slots: tuple[Slot, ...], now: datetime, lang: str) -> str:
    return render("programme.html", rows=[_row(slot, now, lang) for slot in slots])


def programme_list(slots: tuple[Slot, ...], now: datetime, lang: str) -> None:
    st.html(programme_html(slots, now, lang))
