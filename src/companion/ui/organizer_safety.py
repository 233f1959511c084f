"""The organizer's "Sikkerhet" tab: snapshots (when, take one, restore), the audit trail, wrong PINs."""

from datetime import datetime

import pandas as pd
import streamlit as st

from .. import audit, auth, backup, snapshots, wording
from ..errors import CompanionError
from ..i18n import error_text, t
from ..spreadsheet import csv_bytes
from .context import AppContext
from .organizer_after import purge_section
from .staff import station

AUDIT_ROWS_SHOWN = 500


def _ago(snapshot: backup.Snapshot, lang: str) -> str:
    minutes = int((snapshots.real_now() - snapshot.taken_at).total_seconds() // 60)
    return t("safe.ago_now", lang) if minutes < 1 else t("safe.ago_minutes", lang, minutes=minutes)


def _when(ctx: AppContext, snapshot: backup.Snapshot) -> str:
    return snapshot.taken_at.astimezone(ctx.event.tz).strftime("%d.%m %H:%M:%S")


def _local(ctx: AppContext, iso: str) -> str:
    """A stored instant as the organizer reads it: day.month and time, in event time."""
    try:
        return datetime.fromisoformat(iso).astimezone(ctx.event.tz).strftime("%d.%m %H:%M:%S")
    except (TypeError, ValueError):
        return str(iso)


def _status(ctx: AppContext, lang: str, found: list[backup.Snapshot]) -> None:
    if found:
        last = found[0]
        st.info(t("safe.last", lang, time=_when(ctx, last), ago=_ago(last, lang)), icon="💾")
    else:
        st.warning(t("safe.none_yet", lang), icon="💾")
    minutes = ctx.settings.integer("COMPANION_BACKUP_MINUTES")
    if minutes:
        keep = ctx.settings.integer("COMPANION_BACKUP_KEEP", minimum=1)
        st.caption(t("safe.auto_on", lang, minutes=minutes, keep=keep, folder=backup.snapshot_dir(ctx.db_path)))
    else:
        st.caption(t("safe.auto_off", lang))
    timer = snapshots.timer_for(ctx.db_path)
    if timer and timer.last_error:
        st.error(t("safe.auto_failed", lang, error=timer.last_error))
    _copies(ctx, lang)


def _copies(ctx: AppContext, lang: str) -> None:
    """Where the copies off the machine go, and the last one that failed (from any server process)."""
    folder = ctx.settings.copy_to
    if folder is None:
        st.caption(t("ops.copy_none", lang))
        return
    st.caption(t("ops.copy_to", lang, folder=folder))
    failed = backup.copy_failure(ctx.db_path)
    if failed:
        st.error(t("ops.copy_failed", lang, folder=failed["folder"], error=failed["error"]), icon="🔌")


def _take_now(ctx: AppContext, lang: str, role: str) -> None:
    if st.button(t("safe.take_now", lang), key="safety_take_now", type="primary"):
        try:
            snap = backup.snapshot_by_hand(
                ctx.db_path,
                now=ctx.now(),
                real_now=snapshots.real_now(),
                role=role,
                desk=station(),
                copy_to=ctx.settings.copy_to,
            )
        except CompanionError as exc:
            st.error(error_text(exc.code, lang, **exc.details))
        else:
            st.success(t("safe.taken", lang, name=snap.name))


def _snapshot_table(ctx: AppContext, lang: str, found: list[backup.Snapshot]) -> None:
    if not found:
        return
    frame = pd.DataFrame(
        [(_when(ctx, s), t(f"safe.kind.{s.kind}", lang), round(s.size / 1024), s.name) for s in found],
        columns=[t(f"safe.col_{c}", lang) for c in ("time", "kind", "size", "file")],
    )
    st.dataframe(frame, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(found)))


def _restore(ctx: AppContext, lang: str, role: str, found: list[backup.Snapshot]) -> None:
    if not found:
        return
    st.markdown(f"**{t('safe.restore_heading', lang)}**")
    st.caption(t("safe.restore_hint", lang))
    with st.form("safety_restore"):
        names = {s.name: s for s in found}
        choice = st.selectbox(
            t("safe.restore_pick", lang),
            list(names),
            format_func=lambda n: f"{_when(ctx, names[n])} · {t(f'safe.kind.{names[n].kind}', lang)}",
        )
        confirmed = st.checkbox(t("safe.restore_confirm", lang))
        submitted = st.form_submit_button(t("safe.restore_button", lang))
    if not submitted:
        return
    if not confirmed:
        st.warning(t("safe.restore_unconfirmed", lang))
        return
    try:
        result = backup.restore(
            ctx.db_path, names[choice].path, now=ctx.now(), real_now=snapshots.real_now(), role=role, desk=station()
        )
    except CompanionError as exc:
        st.error(error_text(exc.code, lang, **exc.details))
    else:
        safety = result.safety_copy.name if result.safety_copy else "-"
        st.success(t("safe.restored", lang, name=choice, safety=safety))


def _audit_trail(ctx: AppContext, lang: str) -> None:
    st.subheader(t("safe.audit_heading", lang))
    with ctx.connect() as conn:
        columns, rows = wording.audit_table(audit.trail(conn), lang)
    if not rows:
        st.caption(t("safe.audit_empty", lang))
        return
    # In words, in the chosen language; the codes stay in the download's columns of their own.
    shown = [(_local(ctx, at), role, desk, action, detail) for at, role, desk, action, _, detail, _ in rows]
    labels = [columns[i] for i in (0, 1, 2, 3, 5)]
    st.dataframe(pd.DataFrame(shown[:AUDIT_ROWS_SHOWN], columns=labels), hide_index=True, width="stretch")
    st.download_button(
        t("safe.audit_download", lang),
        data=csv_bytes(columns, rows),
        file_name="audit.csv",
        mime="text/csv",
        key="safety_audit_csv",
    )


def _wrong_pins(ctx: AppContext, lang: str) -> None:
    st.subheader(t("safe.pins_heading", lang))
    with ctx.connect() as conn:
        count = audit.failed_pin_count(conn)
        attempts = audit.pin_attempts(conn, failed_only=True, limit=50)
        refused = auth.refused_count(conn)
    if not count:
        st.caption(t("safe.pins_none", lang))
        return
    st.caption(t("safe.pins_count", lang, count=count))
    if refused:
        st.caption(t("safe.pins_refused", lang, count=refused))
    frame = pd.DataFrame(
        [(_local(ctx, a["at"]), a["client"]) for a in attempts],
        columns=[t("safe.col_time", lang), t("safe.col_client", lang)],
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def render(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("safe.snapshots_heading", lang))
    # The button runs before the listing, so a snapshot just taken is in the list below it.
    _take_now(ctx, lang, role)
    found = backup.list_snapshots(backup.snapshot_dir(ctx.db_path))
    _status(ctx, lang, found)
    _snapshot_table(ctx, lang, found)
    _restore(ctx, lang, role, found)
    _audit_trail(ctx, lang)
    _wrong_pins(ctx, lang)
    purge_section(ctx, lang, role)
