"""What every page needs for people who use a screen reader, a keyboard or a big zoom.

Drawn once per run by the frame (app.py): the page's own title, `<html lang>` following the
language toggle, a heading for the page, Streamlit's own English strings in the reader's
language, and the colours and focus rings WCAG 2.1 AA asks for (templates/a11y.css, a11y.js).
"""

import functools

import streamlit as st

from .. import caches
from ..i18n import LANGS, t
from ..templating import render
from .streamlit_compat import FRONTEND_STRINGS


def page_title(title: str, lang: str) -> str:
    """What the browser tab and a screen reader's page list call the page: "Nå · Verkstedet"."""
    return f"{title} · {t('a11y.site', lang)}"


@functools.lru_cache(maxsize=64)
def page_setup_html(title: str, lang: str) -> str:
    """The same for every run of a page in a language: made once (a twentieth of a first run)."""
    # From Streamlit's English and from the other language (the toggle leaves our words on the page).
    strings = {
        said: t(key, lang)
        for english, key in FRONTEND_STRINGS.items()
        for said in (english, *(t(key, other) for other in LANGS))
        if said != t(key, lang)
    }
    config = {"lang": lang, "title": page_title(title, lang), "strings": strings}
    return render("a11y.html", config=config, sheets=["a11y.css"])


caches.register(page_setup_html.cache_clear)


def page_setup(title: str, lang: str) -> None:
    """The page's title and language, and its one h1: the page's name, visually hidden (each page's
    own headings start at h2)."""
    st.set_page_config(page_title=page_title(title, lang))
    st.html(page_setup_html(title, lang), unsafe_allow_javascript=True)
    st.html(render("page_heading.html", text=title))
