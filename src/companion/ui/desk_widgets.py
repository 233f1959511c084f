"""Pieces of the desk page: the scanner frame (camera, queue, result), the search result banner, the live counts."""

import altair as alt
import pandas as pd
import streamlit as st

from .. import attendance
from ..checkin_text import ResultText
from ..i18n import t
from ..templating import render
from .prefix import api_base
from .streamlit_compat import font_url

_COLOURS = {"green": ("#17692f", "✓"), "orange": ("#a84b00", "!"), "red": ("#a4161a", "✕")}


def banner_html(text: ResultText, result_id: str = "") -> str:
    bg, icon = _COLOURS[text.colour]
    return render(
        "desk_banner.html",
        result_id=result_id,
        colour=text.colour,
        bg=bg,
        icon=icon,
        headline=text.headline,
        name=text.name,
        details=text.details,
    )


def result_banner(text: ResultText, result_id: str = "") -> None:
    st.html(banner_html(text, result_id))


# Tall enough for the camera, the result and five lines of the latest results at 1366x768.
SCANNER_HEIGHT = 430


# The scanner frame's own words: i18n keys "desk.scanner.<name>".
SCANNER_STRINGS = (
    "frame_title",
    "ready",
    "checking",
    "recorded",
    "unconfirmed",
    "unknown_offline",
    "online",
    "offline",
    "syncing",
    "signed_out",
    "waiting",
    "latest",
    "camera",
    "sound",
    "camera_failed",
    "camera_none",
    "camera_blocked",
    "camera_off",
    "unreadable",
    "undo_failed",
)


def scanner_strings(lang: str) -> dict[str, str]:
    strings = {key: t(f"desk.scanner.{key}", lang) for key in SCANNER_STRINGS}
    strings["scanner_label"] = t("desk.scanner_label", lang)
    strings["check_in"] = t("desk.check_in_button", lang)
    strings["undo"] = t("desk.undo", lang, name="{name}")
    strings["undone"] = t("desk.undone", lang, name="{name}")
    return strings


def scanner_html(lang: str, desk: str) -> str:
    """The scanner frame; the same text for the same language and desk, so a rerun never reloads it.
    Its routes are called under the path prefix, if any (ui/prefix.py)."""
    api = api_base()
    return render(
        "desk_scanner.html",
        lang=lang,
        desk=desk,
        strings=scanner_strings(lang),
        font_url=font_url(),
        reader_url=f"{api}desk/zxing/zxing_reader.js",
        wasm_url=f"{api}desk/zxing/zxing_reader.wasm",
        api={"scan": f"{api}desk/scan", "undo": f"{api}desk/undo", "roster": f"{api}desk/roster"},
    )


def scanner(lang: str, desk: str) -> None:
    """The live scanner (templates/desk_scanner.js): scanner field, camera, offline queue, one result region."""
    st.iframe(scanner_html(lang, desk), height=SCANNER_HEIGHT, alt=t("a11y.scanner_frame", lang))


def counts_panel(counts: attendance.Counts, arrivals: list, lang: str, theme_titles: dict[str, str]) -> None:
    st.metric(t("desk.counts", lang), t("desk.counts_value", lang, arrived=counts.arrived, expected=counts.expected))
    st.progress(counts.arrived / counts.expected if counts.expected else 0.0)
    left, right = st.columns(2)
    columns = {
        "label": t("desk.col_label", lang),
        "arrived": t("desk.col_arrived", lang),
        "expected": t("desk.col_expected", lang),
    }
    with left:
        st.markdown(f"**{t('desk.per_county', lang)}**")
        frame = pd.DataFrame(
            [(c.label, c.arrived, c.expected) for c in counts.by_county], columns=list(columns.values())
        )
        st.dataframe(frame, hide_index=True, width="stretch")
    with right:
        st.markdown(f"**{t('desk.per_theme', lang)}**")
        frame = pd.DataFrame(
            [(theme_titles.get(c.label, c.label), c.arrived, c.expected) for c in counts.by_theme],
            columns=list(columns.values()),
        )
        st.dataframe(frame, hide_index=True, width="stretch")
        st.markdown(f"**{t('desk.arrivals_chart', lang)}**")
        if not arrivals:
            st.caption(t("desk.no_arrivals", lang))
        else:
            time_col, count_col = t("desk.col_time", lang), t("desk.col_count", lang)
            data = pd.DataFrame([(a.strftime("%H:%M"), n) for a, n in arrivals], columns=[time_col, count_col])
            chart = (
                alt.Chart(data)
                .mark_bar(color="#0b5394")
                .encode(x=alt.X(f"{time_col}:O", sort=None), y=alt.Y(f"{count_col}:Q", axis=alt.Axis(tickMinStep=1)))
                .properties(height=180)
            )
            st.altair_chart(chart, width="stretch")
            # The chart's text alternative (WCAG 1.1.1): what a screen reader cannot read off the bars.
            peak, most = max(arrivals, key=lambda a: a[1])
            summary = t(
                "a11y.arrivals_summary",
                lang,
                arrived=counts.arrived,
                expected=counts.expected,
                peak=peak.strftime("%H:%M"),
                count=most,
            )
            st.caption(summary)
