"""Online-consistent copies of the database (SQLite's backup API), snapshots, and restoring one.

Snapshots live in `<database folder>/backups/`, named by the instant they were taken (UTC, so the
names sort in the order they were taken, across daylight-saving changes):
`snapshot-20190925T084500Z-auto.db`. Only automatic ones are rotated; snapshots taken by hand and
the safety copy made before a restore stay until someone removes them.
"""

import contextlib
import json
import re
import shutil
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import audit, db
from .errors import BackupError

KINDS = ("auto", "manual", "before-restore")
_NAME = re.compile(r"^snapshot-(\d{8}T\d{6}Z)-(" + "|".join(KINDS) + r")\.db$")
_STAMP = "%Y%m%dT%H%M%SZ"
_SQLITE_MAGIC = b"SQLite format 3\x00"
# One snapshot at a time in this process: a click and the timer may coincide.
_lock = threading.Lock()


@dataclass(frozen=True)
class Snapshot:
    path: Path
    taken_at: datetime  # UTC
    kind: str
    size: int

    @property
    def name(self) -> str:
        return self.path.name


def backup_to(db_path: Path | str, target: Path | str) -> Path:
    """Copy a live database page by page; writers may keep writing meanwhile."""
    db_path, target = Path(db_path), Path(target)
    if not db_path.exists():
        raise BackupError("no_database", f"There is no database at {db_path}.")
    if target.exists() and target.is_dir():
        raise BackupError("target_is_folder", f"{target} is a folder; give a file name.")
    if target.resolve() == db_path.resolve():
        raise BackupError("same_file", f"{target} is the live database itself.")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(str(db_path), timeout=db.BUSY_TIMEOUT_MS / 1000)
    try:
        dest = sqlite3.connect(str(partial))
        try:
            # One step (pages=-1): the copy is one read transaction, so it is one consistent moment.
            source.backup(dest)
            # A snapshot is one self-contained file: no -wal or -shm beside it, ever.
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        source.close()
    # Rename last, so a crash never leaves a half-written file under the real name.
    partial.replace(target)
    return target


def snapshot_dir(db_path: Path | str) -> Path:
    return Path(db_path).parent / "backups"


def snapshot_name(taken_at: datetime, kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(kind)
    return f"snapshot-{taken_at.astimezone(UTC).strftime(_STAMP)}-{kind}.db"


def list_snapshots(folder: Path | str) -> list[Snapshot]:
    """Every snapshot in the folder, newest first. Other files (and half-written ones) are ignored."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            taken = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            found.append(Snapshot(path, taken, match.group(2), path.stat().st_size))
    return sorted(found, key=lambda s: (s.taken_at, s.name), reverse=True)


def last_snapshot(folder: Path | str) -> Snapshot | None:
    """The newest snapshot of any kind, or None: what "last snapshot taken at" shows."""
    snapshots = list_snapshots(folder)
    return snapshots[0] if snapshots else None


def take_snapshot(
    db_path: Path | str, *, now: datetime, kind: str = "auto", keep: int | None = None, copy_to: Path | None = None
) -> Snapshot:
    """Write a snapshot named by `now`; for automatic ones, then keep only the `keep` newest.
    With `copy_to`, then copy it there too (see copy_off_quietly: a failure there never raises).

    A second snapshot of the same kind in the same second is the first one again: a double click
    is harmless.
    """
    folder = snapshot_dir(db_path)
    target = folder / snapshot_name(now, kind)
    with _lock:
        if not target.exists():
            backup_to(db_path, target)
        if kind == "auto" and keep is not None:
            rotate(folder, keep)
    snapshot = next(s for s in list_snapshots(folder) if s.path == target)
    if copy_to is not None:
        copy_off_quietly(db_path, snapshot, copy_to, keep=keep, now=now)
    return snapshot


def rotate(folder: Path | str, keep: int) -> list[Path]:
    """Delete automatic snapshots beyond the `keep` newest. Returns what was deleted."""
    autos = [s for s in list_snapshots(folder) if s.kind == "auto"]
    doomed = [s.path for s in autos[max(keep, 0) :]]
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


# --- copies off the machine (COMPANION_BACKUP_COPY_TO): a USB stick or a network share

COPY_STATUS = "copy-failed.json"  # beside the snapshots: what the last failed copy said, for every process


def copy_off(snapshot: Snapshot, folder: Path | str, *, keep: int | None = None) -> Path:
    """Copy one snapshot into `folder` (written under a temporary name, then renamed), then keep only
    the `keep` newest automatic copies there. Raises BackupError copy_failed."""
    folder = Path(folder)
    target = folder / snapshot.name
    partial = folder / (snapshot.name + ".partial")
    try:
        if not folder.is_dir():
            raise FileNotFoundError(f"no folder {folder} (is the stick or share connected?)")
        if not target.exists():
            shutil.copyfile(snapshot.path, partial)
            partial.replace(target)
        if snapshot.kind == "auto" and keep is not None:
            rotate(folder, keep)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = exc.strerror or str(exc)
        raise BackupError(
            "copy_failed", f"The copy to {folder} failed: {reason}", folder=str(folder), error=reason
        ) from None
    return target


def copy_off_quietly(
    db_path: Path | str, snapshot: Snapshot, folder: Path | str, *, keep: int | None, now: datetime
) -> str | None:
    """copy_off, remembering a failure beside the snapshots (and forgetting it after a copy that
    worked) instead of raising: the snapshot on this machine is taken and the app carries on."""
    status = snapshot_dir(db_path) / COPY_STATUS
    try:
        copy_off(snapshot, folder, keep=keep)
    except BackupError as exc:
        record = {"folder": str(folder), "error": str(exc.details.get("error")), "at": now.isoformat()}
        try:
            status.write_text(json.dumps(record), encoding="utf-8")
        except OSError:
            pass  # the local folder failing shows as the snapshot's own failure
        return exc.message
    status.unlink(missing_ok=True)
    return None


def copy_failure(db_path: Path | str) -> dict[str, str] | None:
    """The last copy off the machine that failed, unless one worked since: folder, error, at."""
    try:
        found = json.loads((snapshot_dir(db_path) / COPY_STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return {k: str(found.get(k, "")) for k in ("folder", "error", "at")} if isinstance(found, dict) else None


def delete_all_snapshots(folder: Path | str) -> list[Path]:
    """Delete every snapshot in the folder, and half-written copies, for the purge (they hold the
    personal data the purge deletes). Waits for a snapshot being written, then deletes it too."""
    folder = Path(folder)
    with _lock:
        if not folder.is_dir():
            return []
        doomed = [p for p in folder.iterdir() if p.is_file() and (_NAME.match(p.name) or ".partial" in p.name)]
        for path in doomed:
            path.unlink(missing_ok=True)
    return sorted(doomed)


def delete_copies(folder: Path | str | None) -> tuple[list[Path], str]:
    """Delete the snapshot copies in COMPANION_BACKUP_COPY_TO, for the purge: (deleted, "") or,
    when the stick or share is not there or refuses, what was deleted and why the rest was not.
    Only files named as our snapshots (and half-written copies) are touched."""
    if folder is None:
        return [], ""
    folder = Path(folder)
    deleted: list[Path] = []
    try:
        if not folder.is_dir():
            raise FileNotFoundError(f"no folder {folder} (is the stick or share connected?)")
        for path in sorted(folder.iterdir()):
            if path.is_file() and (_NAME.match(path.name) or path.name.endswith(".db.partial")):
                path.unlink(missing_ok=True)
                deleted.append(path)
    except OSError as exc:
        return deleted, exc.strerror or str(exc)
    return deleted, ""


def record_copy(db_path: Path | str, *, now: datetime, role: str, desk: str | None, target: Path) -> None:
    """Put a copy taken by hand in the audit trail (after the copy, so the copy is not in it)."""
    with db.connect(db_path) as conn, db.write_tx(conn):
        audit.record(conn, at=now, role=role, desk=desk, action="backup.snapshot", detail={"file": target.name})


def snapshot_by_hand(
    db_path: Path | str,
    *,
    now: datetime,
    role: str,
    desk: str | None = None,
    real_now: datetime | None = None,
    copy_to: Path | None = None,
) -> Snapshot:
    """ "Take a snapshot now": a manual snapshot (named by `real_now`), recorded in the audit trail."""
    snapshot = take_snapshot(db_path, now=real_now or now, kind="manual", copy_to=copy_to)
    record_copy(db_path, now=now, role=role, desk=desk, target=snapshot.path)
    return snapshot


# --- restore


def check_companion_file(path: Path | str) -> None:
    """Raise BackupError saying why this file is not a database this code can restore."""
    path = Path(path)
    _check_header(path)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                raise BackupError("backup_corrupt", f"{path.name} is damaged: {result[0]}", file=path.name)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            applied = []
            if db.migrations.migrations_table in tables:
                applied = [
                    row[0]
                    for row in conn.execute(
                        f"SELECT name FROM {db.migrations.migrations_table} WHERE migration_set = ?",
                        (db.migrations.name,),
                    )
                ]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            "backup_corrupt", f"{path.name} cannot be read as a database: {exc}", file=path.name
        ) from None
    if not applied or "participants" not in tables:
        raise BackupError(
            "not_companion_db", f"{path.name} is an SQLite file, but not a Verkstedet database.", file=path.name
        )
    known = {m.name for m in db.migrations._migrations}
    unknown = sorted(set(applied) - known)
    if unknown:
        raise BackupError(
            "newer_schema",
            f"{path.name} comes from a newer version of this app (migration {unknown[0]}); update the app first.",
            file=path.name,
            migration=unknown[0],
        )


def _check_header(path: Path) -> None:
    if not path.is_file():
        raise BackupError("backup_missing", f"There is no file at {path}.", file=path.name)
    with path.open("rb") as f:
        if f.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise BackupError("not_sqlite", f"{path.name} is not an SQLite database.", file=path.name)


def _stage(source: Path, staging: Path, page_size: int | None) -> None:
    """A private single-file copy of `source`, including what its -wal file still holds, with the
    live database's page size (the backup API cannot change the page size of a WAL database)."""
    shutil.copyfile(source, staging)
    wal = source.with_name(source.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, staging.with_name(staging.name + "-wal"))
    try:
        conn = sqlite3.connect(str(staging))
        try:
            conn.execute("PRAGMA journal_mode = DELETE")  # folds the -wal in
            if page_size and conn.execute("PRAGMA page_size").fetchone()[0] != page_size:
                conn.execute(f"PRAGMA page_size = {int(page_size)}")
                conn.execute("VACUUM")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(
            "backup_corrupt", f"{source.name} cannot be read as a database: {exc}", file=source.name
        ) from None


def _page_size(db_path: Path) -> int | None:
    if not db_path.exists():
        return None
    with db.connect(db_path) as conn:
        size: int = conn.execute("PRAGMA page_size").fetchone()[0]
        return size


@dataclass(frozen=True)
class RestoreResult:
    source: Path
    safety_copy: Snapshot | None


def restore(
    db_path: Path | str,
    source: Path | str,
    *,
    now: datetime,
    role: str,
    desk: str | None = None,
    real_now: datetime | None = None,
) -> RestoreResult:
    """Replace the live database with `source`, after checking it and snapshotting the live one.

    The new content is written into the live file with the backup API, in one transaction, so
    connections that are open meanwhile see either the old database or the new one, never a mix.
    `now` stamps the audit row; `real_now` names the safety snapshot (defaults to `now`).
    """
    db_path, source = Path(db_path), Path(source)
    if source.exists() and db_path.exists() and source.resolve() == db_path.resolve():
        raise BackupError("same_file", f"{source} is the live database itself.", file=source.name)
    # Check a private copy: the file cannot change between the check and the restore.
    staging = snapshot_dir(db_path) / f".restore-{source.name}.partial"
    staging.parent.mkdir(parents=True, exist_ok=True)
    try:
        _check_header(source)
        _stage(source, staging, _page_size(db_path))
        check_companion_file(staging)
        safety = None
        if db_path.exists():
            safety = take_snapshot(db_path, now=real_now or now, kind="before-restore")
        incoming = sqlite3.connect(str(staging))
        try:
            with db.connect(db_path) as live:  # WAL and busy timeout, like every other connection
                incoming.backup(live.conn)
        except sqlite3.Error as exc:
            # The copy into the live file is one transaction: when it fails, nothing changed.
            raise BackupError(
                "restore_failed", f"The restore failed and changed nothing: {exc}", file=source.name
            ) from None
        finally:
            incoming.close()
    finally:
        for leftover in (staging, staging.with_name(staging.name + "-wal"), staging.with_name(staging.name + "-shm")):
            leftover.unlink(missing_ok=True)
    with db.connect(db_path) as live:
        db.migrate(live)  # a snapshot from an older version catches up
        with db.write_tx(live):
            detail = {"file": source.name, "safety_copy": safety.name if safety else None}
            audit.record(live, at=now, role=role, desk=desk, action="backup.restore", detail=detail)
    return RestoreResult(source, safety)
