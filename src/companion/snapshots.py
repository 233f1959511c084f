"""Automatic snapshots: one background thread per database per process, on a timer.

Streamlit has no scheduler of its own, and every page run is a short script on some thread, so
the timer is a daemon thread started by the app's boot (`ensure_running`). A registry keyed by the
database path makes a second start a no-op, even if Streamlit's caches are cleared. A failing
snapshot (disk full, folder gone) is remembered and shown to the organizer; the thread carries on.
"""

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from . import backup


def real_now() -> datetime:
    """Snapshot names follow the real clock: a rehearsal clock restarted earlier would make a new
    snapshot sort before old ones, and rotation would delete it."""
    return datetime.now(UTC)


class SnapshotTimer:
    def __init__(
        self,
        db_path: Path,
        *,
        every_minutes: int,
        keep: int,
        clock: Callable[[], datetime] = real_now,
        copy_to: Path | None = None,
    ):
        self.db_path = Path(db_path)
        self.copy_to = copy_to  # COMPANION_BACKUP_COPY_TO: every snapshot also goes there
        self.every = timedelta(minutes=every_minutes)
        self.keep = keep
        self.clock = clock
        self.last_error: str | None = None
        self.last_taken: backup.Snapshot | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def seconds_until_due(self, now: datetime, *, started: datetime, not_before: datetime) -> float:
        """How long to wait for the next snapshot: one interval after the newest snapshot of any
        kind (so a restarted server neither snapshots at once nor waits a full interval again, and
        one taken by hand counts), or after `started` when there is none; never before `not_before`."""
        last = backup.last_snapshot(backup.snapshot_dir(self.db_path))
        # A snapshot "from the future" (the system clock was set back) must not stall the timer.
        base = min(last.taken_at, now) if last else started
        return (max(base + self.every, not_before) - now).total_seconds()

    def run_once(self) -> backup.Snapshot | None:
        """Take one automatic snapshot now. Never raises: the app must keep running."""
        try:
            if not self.db_path.exists():
                raise FileNotFoundError(f"no database at {self.db_path}")
            self.last_taken = backup.take_snapshot(
                self.db_path, now=self.clock(), kind="auto", keep=self.keep, copy_to=self.copy_to
            )
            self.last_error = None
            return self.last_taken
        except Exception as exc:  # anything at all: remembered for the organizer's page
            self.last_error = f"{type(exc).__name__}: {exc}"
            return None

    def _loop(self) -> None:
        started = not_before = self.clock()
        while not self._stop.is_set():
            try:
                wait = self.seconds_until_due(self.clock(), started=started, not_before=not_before)
            except Exception as exc:  # an unreadable backups folder: try again after an interval
                self.last_error = f"{type(exc).__name__}: {exc}"
                wait = self.every.total_seconds()
            if wait > 0:
                # Wake at least once a minute, so a snapshot taken by hand or a clock change is seen.
                self._stop.wait(min(wait, 60))
                continue
            self.run_once()
            # After a failure too: retry after one interval, not in a tight loop.
            not_before = self.clock() + self.every

    def start(self) -> "SnapshotTimer":
        self._thread = threading.Thread(target=self._loop, name=f"snapshots:{self.db_path}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=5)

    @property
    def running(self) -> bool:
        return bool(self._thread and self._thread.is_alive())


_timers: dict[Path, SnapshotTimer] = {}
_registry_lock = threading.Lock()


def ensure_running(
    db_path: Path | str,
    *,
    every_minutes: int,
    keep: int,
    clock: Callable[[], datetime] = real_now,
    copy_to: Path | None = None,
) -> SnapshotTimer | None:
    """Start the timer for this database unless it runs already. 0 minutes: no automatic snapshots."""
    if every_minutes <= 0:
        return None
    key = Path(db_path).resolve()
    with _registry_lock:
        timer = _timers.get(key)
        if timer is None or not timer.running:
            timer = SnapshotTimer(key, every_minutes=every_minutes, keep=keep, clock=clock, copy_to=copy_to)
            timer = _timers[key] = timer.start()
        return timer


def timer_for(db_path: Path | str) -> SnapshotTimer | None:
    with _registry_lock:
        return _timers.get(Path(db_path).resolve())


def stop_all() -> None:
    with _registry_lock:
        timers = list(_timers.values())
        _timers.clear()
    for timer in timers:
        timer.stop()
