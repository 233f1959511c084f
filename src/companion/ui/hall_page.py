"""The Spørsmål page's working part as ONE iframe: the question form, the hall's list with vote
buttons, the reader's own questions and the answered ones.

The browser draws it from the view data (ui/hall_view.py) and talks to small routes
(ui/hall_routes.py, ui/vote_route.py): asking is a POST /api/ask, voting a POST /api/vote,
following the list a GET /api/questions every few seconds that answers a few bytes when nothing
changed. None of it is a Streamlit script run.

The list keeps the order it was drawn in while the reader scrolls: questions that arrive later
are counted ("3 nye spørsmål – vis") and shown on a tap, never shuffled in under a thumb.
Cards carry HTML escaped by question_html(); everything else the script writes is textContent.
The config sits in a JSON script element written by templating.script_json, so no text can end it
early. The page, its look and its program are templates/hall_page.{html,css,js}.
"""

import functools
import json
import re

import streamlit as st

from .. import questions
from ..event import Event
from ..i18n import error_text, t
from ..templating import render
from .live import POLL_SECONDS
from .prefix import api_base
from .question_card import theme_label
from .streamlit_compat import font_url

# What the script writes itself (the rest of the page's text is in the template).
_STRINGS = {
    "newOne": "q.new_one",
    "vote": "q.vote",
    "voted": "q.voted",
    "voteHelp": "q.vote_help",
    "votesOne": "q.votes_one",
    "yours": "q.yours",
    "voteOffline": "q.vote_offline",
    "voteWaiting": "q.vote_waiting",
    "askWaiting": "q.ask_waiting",
}
_COUNTED = {
    "newMany": "q.new_many",
    "listHeading": "q.list_heading",
    "mineHeading": "q.mine_heading",
    "answeredHeading": "q.answered_heading",
    "votesMany": "q.votes_many",
}


def _themes(event: Event, lang: str, chosen: int) -> list[dict]:
    ids = [theme.id for theme in event.themes] + [0]
    if chosen not in ids:
        chosen = 0
    return [{"value": n, "label": theme_label(event, n, lang), "checked": n == chosen} for n in ids]


def hall_page_html(view_json: str, event: Event, lang: str, token: str, theme: int) -> str:
    """The whole page (templates/hall_page.html); `view_json` is hall_view.view_json() for this
    reader, `token` theirs."""
    strings = {name: t(key, lang) for name, key in _STRINGS.items()}
    strings.update({name: t(key, lang, n="@n@") for name, key in _COUNTED.items()})
    strings["askOffline"] = error_text("ask_unavailable", lang)
    strings["voteOn"] = t("a11y.vote_on", lang, q="@q@")
    strings["votedOn"] = t("a11y.voted_on", lang, q="@q@")
    config = {
        "token": token,
        "lang": lang,
        "api": api_base(),
        "max": questions.MAX_CHARS,
        "pollMs": POLL_SECONDS * 1000,
        "strings": strings,
        "view": json.loads(view_json),
    }
    return render(
        "hall_page.html",
        lang=lang,
        t=functools.partial(t, lang=lang),
        max=questions.MAX_CHARS,
        themes=_themes(event, lang, theme),
        font_url=font_url(),
        config=config,
    )


_CONFIG = re.compile(r'<script type="application/json" id="cfg">(.*?)</script>', re.S)


def page_config(page: str) -> dict:
    """The config a page of hall_page_html() carries, as its script reads it (tests and the load
    tool read it the same way). Exactly one, or ValueError."""
    (text,) = _CONFIG.findall(page)
    return json.loads(text)


def hall_page(view_json: str, event: Event, lang: str, token: str, theme: int) -> None:
    page = hall_page_html(view_json, event, lang, token, theme)
    st.iframe(page, height="content", alt=t("a11y.questions_frame", lang))
