"""The organizer's "Deltakere" tab: import the registration list, download tickets and exports."""

import pandas as pd
import streamlit as st

from .. import extras, importing, tickets, wording
from ..config import is_local_url
from ..errors import ImportFileError
from ..i18n import error_text, t
from ..importing import FIELDS, ImportReport, Mapping, Table, import_participants
from .context import AppContext
from .plain import plain
from .staff import station

# The preview table's columns, in order (i18n "imp.col_<key>").
PREVIEW_COLUMNS = ("line", "name", "email", "county", "role", "theme", "diet", "what")


def lunch_line(lunch: extras.Lunch, lang: str) -> str:
    """ "Lunsj: 78 til stede, 5 glutenfri, 2 vegetar"."""
    needs = "".join(f", {count} {t(f'diet.{code}', lang)}" for code, count in lunch.needs)
    return t("lunch.line", lang, present=lunch.present, needs=needs)


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
    issues = report.issues(lang)
    if issues:
        # A table, not messages: names and e-mail addresses stay plain text (no Markdown, no mailto links).
        st.markdown(f"**{t('imp.issues_heading', lang)}**")
        columns = [t(k, lang) for k in ("imp.col_line", "imp.col_name", "imp.col_what", "imp.col_reason")]
        rows = [(line, name, t(f"imp.kind.{kind}", lang), reason) for line, name, kind, reason in issues]
        st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch", key="import_issues")
    for w in report.warnings:
        st.warning(t("org.import_over_max", lang, county=plain(w.county), count=w.count, limit=w.limit))
    if report.extra_columns:
        st.info(t("imp.unused", lang, columns=", ".join(report.extra_columns)))


def _example(table: Table, index: int) -> str:
    for _, cells in table.rows:
        if index < len(cells) and cells[index].strip():
            return cells[index].strip()[:60]
    return ""


def _choose_mapping(table: Table, proposed: Mapping, signature: str, lang: str) -> Mapping:
    """One choice per column, proposed first; the organizer can change any of them."""
    st.markdown(f"**{t('imp.mapping_heading', lang)}**")
    st.caption(t("imp.mapping_help", lang))
    chosen = []
    grid = st.columns(3)
    for index, header in enumerate(table.header):
        with grid[index % 3]:
            example = _example(table, index)
            chosen.append(
                st.selectbox(
                    t("imp.column_label", lang, number=index + 1, header=header or "–"),
                    FIELDS,
                    index=FIELDS.index(proposed.fields[index]),
                    format_func=lambda f: t(f"imp.field.{f}", lang),
                    help=t("imp.column_example", lang, example=example) if example else None,
                    key=f"map-{signature}-{index}",
                )
            )
    return Mapping(tuple(chosen))


def _preview(table: Table, mapping: Mapping, ctx: AppContext, lang: str) -> None:
    st.markdown(f"**{t('imp.preview_heading', lang)}**")
    checked = importing.preview(table, ctx.event, mapping)
    report = ImportReport(rejected=checked.rejected, row_warnings=checked.warnings, event=ctx.event)
    why = {line: (t(f"imp.kind.{kind}", lang), reason) for line, _, kind, reason in report.issues(lang)}
    rows = []
    for row in checked.valid:
        theme = ctx.event.theme(row.theme) if row.theme else None
        kind, reason = why.get(row.line, (t("imp.kind.ok", lang), ""))
        rows.append(
            (
                row.line,
                row.name,
                row.email or "",
                row.county or "",
                t(f"role.{row.role or 'caseworker'}", lang),
                f"{theme.id}. {theme.title(lang)}" if theme else t("imp.no_theme", lang),
                row.diet,
                f"{kind}: {reason}" if reason else kind,
            )
        )
    rows += [(r.line, r.name, "", "", "", "", "", " ".join(why[r.line])) for r in checked.rejected]
    columns = [t(f"imp.col_{k}", lang) for k in PREVIEW_COLUMNS]
    frame = pd.DataFrame(sorted(rows, key=lambda r: r[0]), columns=columns)
    st.dataframe(frame, hide_index=True, width="stretch", key="import_preview")


def _import_step(ctx: AppContext, lang: str, role: str) -> None:
    upload = st.file_uploader(
        t("org.import_heading", lang), type=["csv", "txt", "xlsx"], key="people_file", label_visibility="collapsed"
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        table = importing.read_table(data, upload.name)
    except ImportFileError as exc:
        st.error(error_text(exc.code, lang, **exc.details))
        return
    signature = importing.header_signature(table.header)
    with ctx.connect() as conn:
        proposed = importing.mapping_for(conn, table, ctx.event)
    mapping = _choose_mapping(table, proposed, signature, lang)
    doubled = [f for f in set(mapping.fields) if f in importing.ONE_COLUMN_EACH and mapping.fields.count(f) > 1]
    if doubled:
        st.warning(", ".join(t(f"imp.field.{f}", lang) for f in sorted(doubled)) + " ×2")
    if not mapping.has_name():
        st.info(t("imp.need_name", lang))
    else:
        _preview(table, mapping, ctx, lang)
    ready = mapping.has_name() and not doubled
    if st.button(t("org.import_button", lang), type="primary", key="people_import", disabled=not ready):
        try:
            with ctx.connect() as conn:
                st.session_state["import_report"] = import_participants(
                    conn,
                    data,
                    upload.name,
                    event=ctx.event,
                    now=ctx.now(),
                    mapping=mapping,
                    role=role,
                    desk=station(),
                )
        except ImportFileError as exc:
            st.session_state.pop("import_report", None)
            st.error(error_text(exc.code, lang))


def render(ctx: AppContext, lang: str, role: str) -> None:
    with ctx.connect() as conn:
        lunch = extras.lunch(conn)
    st.info(lunch_line(lunch, lang), icon="🥪")
    st.caption(t("lunch.help", lang))

    st.subheader(t("org.import_heading", lang))
    st.caption(t("org.import_help", lang))
    _import_step(ctx, lang, role)
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
    links_allowed = _links_allowed(base, lang)

    def people_in_words(conn) -> tickets.Table:
        """Headers, roles and themes in words; each code kept in a column of its own."""
        table = tickets.participants(conn)
        return tickets.Table(*wording.worded(table.columns, table.rows, lang, event=event))

    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    downloads = [
        ("org.dl_links", lambda c: tickets.links(c, base).csv(), "personlige-lenker.csv", "text/csv"),
        (
            "org.dl_badges",
            lambda c: tickets.badge_sheet(c, event, base, lang).encode("utf-8"),
            "navneskilt.html",
            "text/html",
        ),
        ("org.dl_people_csv", lambda c: people_in_words(c).csv(), "deltakere.csv", "text/csv"),
        ("org.dl_people_xlsx", lambda c: people_in_words(c).xlsx(), "deltakere.xlsx", xlsx),
        ("org.dl_checkins", lambda c: tickets.scan_log(c).csv(), "skannelogg.csv", "text/csv"),
    ]
    for key, make, filename, mime in downloads:
        # Only the links file holds tokens (anyone with it can open every person's pages): it says so.
        help_text = t("org.dl_links_help", lang) if key == "org.dl_links" else None
        # Links and badges to this machine would be dead on every phone: refused unless asked for.
        refused = key in ("org.dl_links", "org.dl_badges") and not links_allowed
        st.download_button(
            t(key, lang),
            build(make),
            filename,
            mime,
            key=key,
            on_click="ignore",
            icon="⬇️",
            help=help_text,
            disabled=refused,
        )


def _links_allowed(base: str, lang: str) -> bool:
    """The same refusal as `companion tickets`: links to localhost only after ticking the test box."""
    if not is_local_url(base):
        return True
    st.warning(t("ops.local_links", lang, url=base), icon="🔗")
    return st.checkbox(t("ops.local_links_allow", lang), key="org_local_links")
