"""The programme as an accessible list: the current slot highlighted, past slots dimmed."""

import html
from datetime import datetime

import streamlit as st

from ..agenda import Slot
from ..i18n import clock_time, t

_CSS = """<style>
.prog{list-style:none;margin:0 !important;padding:0 !important}
.prog li{display:flex;gap:.8rem;padding:.55rem .6rem;border-radius:8px;line-height:1.35}
.prog .tm{min-width:6.2rem;font-variant-numeric:tabular-nums;font-weight:600;color:#1f2a37}
.prog .past{color:#4b5563}
.prog .past .tm{color:#4b5563}
.prog .cur{background:#e6eef8;border-left:5px solid #0b5394;font-weight:600}
.prog .tag{font-size:.8rem;color:#0b3d6e;margin-left:.3rem}
.prog small{display:block;font-weight:400;color:#374151}
</style>"""


def programme_html(slots: tuple[Slot, ...], now: datetime, lang: str) -> str:
    rows = []
    for slot in slots:
        title = html.escape(slot.item.title(lang))
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
        details = "".join(f"<small>{html.escape(d)}</small>" for d in slot.item.details(lang))
        tag_html = f'<span class="tag">({html.escape(tag)})</span>' if tag else ""
        rows.append(
            f'<li class="{state}" aria-label="{title}, {html.escape(spoken)}{", " + html.escape(tag) if tag else ""}">'
            f'<time class="tm" datetime="{slot.start.isoformat()}" aria-hidden="true">{html.escape(span)}</time>'
            f'<span aria-hidden="true">{title}{tag_html}{details}</span></li>'
        )
    return _CSS + '<ul class="prog">' + "".join(rows) + "</ul>"


def programme_list(slots: tuple[Slot, ...], now: datetime, lang: str) -> None:
    st.html(programme_html(slots, now, lang))
