"""The organizer's "Rapport" tab: the report of the day in three formats, and who has not come."""

import streamlit as st

from .. import report
from ..i18n import t
from . import no_shows_panel
from .context import AppContext

_BUTTONS = (("html", "report.dl_html"), ("docx", "report.dl_docx"), ("xlsx", "report.dl_xlsx"))


def render(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("report.heading", lang))
    st.caption(t("report.help", lang))
    personal = st.checkbox(t("report.personal_label", lang), value=False, key="report_personal")
    if personal:
        st.warning(t("report.personal_warning", lang))

    def build(fmt: str):
        # Made on click, with its own connection: the charts take a second.
        def data() -> bytes:
            with ctx.connect() as conn:
                return report.make_report(conn, ctx.event, fmt, now=ctx.now(), include_personal=personal, lang=lang)

        return data

    stem = "rapport-personopplysninger" if personal else "rapport"
    with st.container(horizontal=True):
        for fmt, label in _BUTTONS:
            st.download_button(
                t(label, lang),
                build(fmt),
                f"{stem}.{fmt}",
                report.FORMATS[fmt],
                key=f"report_{fmt}",
                on_click="ignore",
                icon="⬇️",
            )

    st.subheader(t("noshow.heading", lang))
    no_shows_panel.render(ctx, lang, key="organizer_no_shows")
