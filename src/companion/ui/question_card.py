"""A question drawn as plain text.

Questions are typed by anyone in the hall, so their text never goes through Markdown: it is
HTML-escaped and placed in an element with `white-space: pre-wrap`. `![x](...)` stays those
characters, `<img ...>` arrives as `&lt;img ...&gt;`, and no link is ever made.
"""

import streamlit as st

from ..event import Event
from ..i18n import clock_time, t
from ..questions import Question
from ..templating import render

# The cards' look (templates/question_card.css), for a page that shows cards with st.html.
CSS = render("styles.html", sheets=["question_card.css"])


def theme_label(event: Event, theme: int, lang: str, *, long: bool = False) -> str:
    if theme == 0:
        return t("q.theme_general", lang)
    found = event.theme(theme)
    if found is None:
        return t("q.theme_n", lang, n=theme)
    return found.title(lang) if long else found.name(lang)


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
    """The card's HTML (templates/question_card.html), where every piece of user text is escaped."""
    badge = None
    meta = []
    if status:
        if q.merged_into is None:
            badge = {"key": q.display_status, "label": t("q.status." + q.display_status, lang)}
        else:  # one label, not "Publisert" then "slått sammen med et likt spørsmål" as if one sentence
            key = "on_screen" if q.on_screen else q.status  # the status of the question it joined
            badge = {"key": key, "label": t("q.merged_status", lang, status=t("q.status." + key, lang))}
    if staff:
        meta.append(f"#{q.id} · {clock_time(q.created_at)}")
    meta.append(theme_label(event, q.theme, lang))
    who = ", ".join(x for x in (q.author, q.county) if x) if q.show_name else t("q.anonymous", lang)
    meta.append(who or t("q.anonymous", lang))
    return render(
        "question_card.html",
        text=q.text,
        badge=badge,
        meta=meta,
        # In a span of its own: the hall list's iframe rewrites the count in place after a vote.
        votes=votes_label(q.votes, lang),
        answered=t("mod.answered_at", lang, time=clock_time(q.answered_at)) if staff and q.answered_at else None,
        original_label=t("mod.original", lang),
        original=q.original_text if staff and q.edited else None,
    )


def question_card(q: Question, event: Event, lang: str, **kwargs) -> None:
    st.html(question_html(q, event, lang, **kwargs))
