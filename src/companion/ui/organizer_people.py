"""The organizer's "Deltakere" tab: import the registration list, download tickets and exports."""

import streamlit as st

from .. import tickets
from ..errors import ImportFileError
from ..i18n import error_text, t
from ..importing import ImportReport, import_participants
from .context import AppContext
from .plain import plain
from .staff import station


def _show_report(report: ImportReport, lang: str) -> None:
    st.success(
        t(
            "org.import_done",
            lang,
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            rejected=len(report.rejected),
        )
    )
    for r in report.rejected:
        st.error(t("org.import_rejected", lang, line=r.line, reason=error_text(r.reason, lang), detail=r.detail))
    for w in report.warnings:
        st.warning(t("org.import_over_max", lang, county=plain(w.county), count=w.count, limit=w.limit))
    if report.extra_columns:
        st.info(t("org.import_extra", lang, columns=", ".join(report.extra_columns)))


def render(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("org.import_heading", lang))
    st.caption(t("org.import_help", lang))
    upload = st.file_uploader(
        t("org.import_heading", lang), type=["csv", "txt", "xlsx"], key="people_file", label_visibility="collapsed"
    )
    if upload is not None and st.button(t("org.import_button", lang), type="primary", key="people_import"):
        try:
            with ctx.connect() as conn:
                st.session_state["import_report"] = import_participants(
                    conn, upload.getvalue(), upload.name, event=ctx.event, now=ctx.now(), role=role, desk=station()
                )
        except ImportFileError as exc:
            st.session_state.pop("import_report", None)
            st.error(error_text(exc.code, lang))
    if st.session_state.get("import_report"):
        _show_report(st.session_state["import_report"], lang)

    st.subheader(t("org.downloads", lang))
    with ctx.connect() as conn:
        count = len(tickets.participants(conn).rows)
    st.caption(t("org.people_count", lang, count=count))

    def build(make):
        # Built on click, on its own thread with its own connection: the badge sheet takes seconds.
        def data() -> bytes:
            with ctx.connect() as conn:
                return make(conn)

        return data

    base, event = ctx.settings.base_url, ctx.event
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    downloads = [
        ("org.dl_links", lambda c: tickets.links(c, base).csv(), "personlige-lenker.csv", "text/csv"),
        (
            "org.dl_badges",
            lambda c: tickets.badge_sheet(c, event, base).encode("utf-8"),
            "navneskilt.html",
            "text/html",
        ),
        ("org.dl_people_csv", lambda c: tickets.participants(c).csv(), "deltakere.csv", "text/csv"),
        ("org.dl_people_xlsx", lambda c: tickets.participants(c).xlsx(), "deltakere.xlsx", xlsx),
        ("org.dl_checkins", lambda c: tickets.scan_log(c).csv(), "skannelogg.csv", "text/csv"),
    ]
    for key, make, filename, mime in downloads:
        # Only the links file holds tokens (anyone with it can open every person's pages): it says so.
        help_text = t("org.dl_links_help", lang) if key == "org.dl_links" else None
        st.download_button(
            t(key, lang), build(make), filename, mime, key=key, on_click="ignore", icon="⬇️", help=help_text
        )
