"""A clock that ticks in the browser: no server round trip per second.

The HTML depends only on its arguments (offset, slot bounds, labels), so Streamlit sends the
same iframe on every rerun and the browser does not reload it; it changes at slot boundaries.
"""

from datetime import datetime

import streamlit as st

from ..i18n import t
from ..templating import render
from .live import CLOCK_POLL_SECONDS, epoch_ms, watch_config
from .streamlit_compat import font_url


def clock_html(
    *,
    offset_ms: int,
    tz: str,
    lang: str,
    clock_label: str,
    start: datetime | None = None,
    end: datetime | None = None,
    target: datetime | None = None,
    count_label: str = "",
    progress_label: str = "",
    size: float = 3.2,
    watch: dict | None = None,
) -> str:
    """The page of templates/clock.html. `watch` (see ui/live.py) makes the browser rerun the
    page's fragment when the polled version moves or the view's next change passes."""
    config = {
        "offset": offset_ms,
        "tz": tz,
        "locale": "nb-NO" if lang == "nb" else "en-GB",
        "start": epoch_ms(start),
        "end": epoch_ms(end),
        "target": epoch_ms(target),
        "countLabel": count_label,
        # A countdown in words ("om 1 t 45 min"), as i18n.duration_words says it on the server.
        "words": {"in": t("dur.in", lang, span="{span}"), **{u: t(f"dur.{u}", lang) for u in ("h", "min", "s")}},
        "watch": None,
    }
    if watch:
        config["watch"] = watch_config(watch, poll_seconds=CLOCK_POLL_SECONDS)
    return render(
        "clock.html",
        lang=lang,
        # The page's own face: an iframe does not inherit it.
        font_url=font_url(),
        size=size,
        bar=max(8, round(size * 3)),
        count=max(1.1, size / 2.6),
        clock_label=clock_label,
        progress_label=progress_label,
        show_bar=bool(start and end),
        show_count=bool(target),
        config=config,
    )


def clock_height(size: float = 3.2, *, countdown: bool = True, bar: bool = True) -> int:
    """The iframe's height in px: fixed, so the page never jumps while the iframe measures itself."""
    rem = 16
    height = size * rem * 1.15
    if bar:
        height += max(8, round(size * 3)) + 0.8 * rem
    if countdown:
        height += max(1.1, size / 2.6) * rem * 1.35 * 2  # room for a two-line label on a phone
    return round(height + 6)


def browser_clock(**kwargs) -> None:
    height = clock_height(
        kwargs.get("size", 3.2),
        countdown=bool(kwargs.get("target")),
        bar=bool(kwargs.get("start") and kwargs.get("end")),
    )
    # Nothing in it to focus: not a Tab stop (WCAG 2.4.3).
    st.iframe(clock_html(**kwargs), height=height, alt=t("a11y.clock_frame", kwargs["lang"]), tab_index=-1)
