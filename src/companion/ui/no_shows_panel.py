"""Who has not come, for the desk and the organizer: counts by county, the list, and its exports."""

import pandas as pd
import streamlit as st

from .. import noshows
from ..i18n import t
from .context import AppContext

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render(ctx: AppContext, lang: str, key: str) -> None:
    """`key` keeps the widgets apart where two pages (or tabs) show the panel."""
    with ctx.connect() as conn:
        people = noshows.no_shows(conn)
    if not people:
        st.success(t("noshow.none", lang))
        return
    st.caption(t("noshow.help", lang))
    st.write(t("noshow.count", lang, count=len(people)))
    not_given = t("report.not_given", lang)
    counties = pd.DataFrame(
        [(c.county or not_given, c.count) for c in noshows.by_county(people)],
        columns=[t("report.county", lang), t("report.no_shows", lang)],
    )
    listed = pd.DataFrame(
        [(p.county or not_given, p.name, p.email or "") for p in people],
        columns=[t("report.county", lang), t("report.name", lang), t("report.email", lang)],
    )
    left, right = st.columns([1, 2])
    left.dataframe(counties, hide_index=True, key=f"{key}_counties")
    right.dataframe(listed, hide_index=True, key=f"{key}_people")

    def build(make):
        def data() -> bytes:
            with ctx.connect() as conn:
                return make(conn)

        return data

    with st.container(horizontal=True):
        st.download_button(
            t("noshow.dl_csv", lang),
            build(noshows.csv_bytes),
            "ikke-kommet.csv",
            "text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            icon="⬇️",
        )
        st.download_button(
            t("noshow.dl_xlsx", lang),
            build(noshows.xlsx_bytes),
            "ikke-kommet.xlsx",
            XLSX,
            key=f"{key}_xlsx",
            on_click="ignore",
            icon="⬇️",
        )
