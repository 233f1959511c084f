"""Pieces of the desk page: the big result banner, the scanner focus keeper, the live counts."""

import html

import altair as alt
import pandas as pd
import streamlit as st

from .. import attendance
from ..checkin_text import ResultText
from ..i18n import t

_COLOURS = {"green": ("#17692f", "✓"), "orange": ("#a84b00", "!"), "red": ("#a4161a", "✕")}

_BANNER = """<div class="desk-result desk-{colour}" role="status" aria-live="assertive"
style="background:{bg};color:#fff;border-radius:14px;padding:1.1rem 1.4rem;margin:.2rem 0 .6rem 0">
<div style="display:flex;gap:1rem;align-items:center">
<div aria-hidden="true" style="font-size:3.4rem;font-weight:800;line-height:1;min-width:3.2rem;text-align:center">{icon}</div>
<div><div class="desk-headline" style="font-size:2rem;font-weight:800;line-height:1.15">{headline}</div>
{name}{details}</div></div></div>"""


def banner_html(text: ResultText) -> str:
    bg, icon = _COLOURS[text.colour]
    name = (
        f'<div class="desk-name" style="font-size:1.7rem;font-weight:700;margin-top:.3rem">{html.escape(text.name)}</div>'
        if text.name
        else ""
    )
    details = "".join(f'<div style="font-size:1.2rem;margin-top:.15rem">{html.escape(d)}</div>' for d in text.details)
    return _BANNER.format(
        colour=text.colour, bg=bg, icon=icon, headline=html.escape(text.headline), name=name, details=details
    )


def result_banner(text: ResultText) -> None:
    st.html(banner_html(text))


# Keeps the scanner field focused while nothing else is: a USB scanner types into whatever has focus.
# Runs in a same-origin iframe (st.iframe); never steals focus from another field the user chose.
_FOCUS_KEEPER = """<script>
const doc = window.parent.document;
function keep() {
  const field = doc.querySelector('input[aria-label="%s"]');
  const active = doc.activeElement;
  const idle = !active || active === doc.body || active.tagName === "BUTTON" || active.tagName === "IFRAME";
  if (field && idle && field !== active) field.focus({preventScroll: true});
}
setInterval(keep, 400);
</script>"""


def keep_focus_on(label: str) -> None:
    st.iframe(_FOCUS_KEEPER % label.replace('"', '\\"'), height=1)


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
