"""A question drawn as plain text.

Questions are typed by anyone in the hall, so their text never goes through Markdown: it is
HTML-escaped and placed in an element with `white-space: pre-wrap`. `![x](...)` stays those
characters, `<img ...>` arrives as `&lt;img ...&gt;`, and no link is ever made.
"""

import html

import streamlit as st

from ..event import Event
from ..i18n import clock_time, t
from ..questions import Question

CSS = """<style>
.qtext{font-size:1.08rem;line-height:1.45;white-space:pre-wrap;overflow-wrap:anywhere;color:#111827;margin:0}
.qmeta{font-size:.86rem;color:#4b5563;margin-top:.35rem;line-height:1.5}
.qbadge{display:inline-block;padding:.05rem .5rem;border-radius:999px;background:#e6eef8;color:#0b3d6e;font-size:.8rem;margin-right:.35rem;white-space:nowrap}
.qbadge.pending{background:#fff4d6;color:#7a4b00}
.qbadge.on_screen{background:#0b5394;color:#fff}
.qbadge.answered{background:#e3f4e8;color:#17603a}
.qbadge.hidden,.qbadge.merged{background:#eceff3;color:#374151}
.qorig{font-size:.85rem;color:#4b5563;white-space:pre-wrap;overflow-wrap:anywhere;margin-top:.3rem}
</style>"""


def theme_label(event: Event, theme: int, lang: str, *, long: bool = False) -> str:
    if theme == 0:
        return t("q.theme_general", lang)
    label = t("q.theme_n", lang, n=theme)
    found = event.theme(theme)
    return f"{label}: {found.title(lang)}" if long and found else label


def votes_label(n: int, lang: str) -> str:
    return t("q.votes_one", lang) if n == 1 else t("q.votes_many", lang, n=n)


def question_html(
    q: Question,
    event: Event,
    lang: str,
    *,
    status: bool = False,
    staff: bool = False,
) -> str:
    """The card's HTML; every piece of user text is escaped here and nowhere else."""
    parts = [f'<p class="qtext">{html.escape(q.text)}</p>']
    meta = []
    if status:
        key = q.display_status if q.merged_into is None else q.status
        meta.append(f'<span class="qbadge {html.escape(key)}">{html.escape(t("q.status." + key, lang))}</span>')
        if q.merged_into is not None:
            meta.append(html.escape(t("q.merged_note", lang)))
    if staff:
        meta.append(f"#{q.id} · {clock_time(q.created_at)}")
    meta.append(html.escape(theme_label(event, q.theme, lang)))
    who = ", ".join(x for x in (q.author, q.county) if x) if q.show_name else t("q.anonymous", lang)
    meta.append(html.escape(who or t("q.anonymous", lang)))
    # In a span of its own: the hall list's iframe rewrites the count in place after a vote.
    meta.append(f'<span class="qvotes">{html.escape(votes_label(q.votes, lang))}</span>')
    if staff and q.answered_at:
        meta.append(html.escape(t("mod.answered_at", lang, time=clock_time(q.answered_at))))
    badge = meta.pop(0) + " " if status else ""
    parts.append(f'<div class="qmeta">{badge}{" · ".join(meta)}</div>')
    if staff and q.edited:
        parts.append(f'<div class="qorig">{html.escape(t("mod.original", lang))} {html.escape(q.original_text)}</div>')
    return "".join(parts)


def question_card(q: Question, event: Event, lang: str, **kwargs) -> None:
    st.html(question_html(q, event, lang, **kwargs))
