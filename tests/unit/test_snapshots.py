"""The snapshot timer: driven by a clock function, never raises, one per database."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from companion import backup, snapshots

T0 = datetime(2019, 9, 25, 8, 0, tzinfo=UTC)


class FakeClock:
    """Moves one minute forward every time it is read, so the timer never really waits."""

    def __init__(self, start=T0, step=timedelta(minutes=1)):
        self.value, self.step = start, step
        self._lock = threading.Lock()

    def __call__(self):
        with self._lock:
            self.value += self.step
            return self.value


@pytest.fixture(autouse=True)
def no_timers_left():
    yield
    snapshots.stop_all()


def due_in(timer, now, started=T0, not_before=T0):
    return timer.seconds_until_due(now, started=started, not_before=not_before)


def test_the_first_snapshot_is_due_one_interval_after_the_start(db_path):
    timer = snapshots.SnapshotTimer(db_path, every_minutes=5, keep=24)
    assert due_in(timer, T0 + timedelta(minutes=2)) == 180
    assert due_in(timer, T0 + timedelta(minutes=5, seconds=1)) < 0


def test_the_next_snapshot_is_due_one_interval_after_the_newest_of_any_kind(db_path):
    timer = snapshots.SnapshotTimer(db_path, every_minutes=5, keep=24)
    backup.take_snapshot(db_path, now=T0 + timedelta(minutes=3), kind="manual")
    assert due_in(timer, T0 + timedelta(minutes=4)) == 240


def test_after_an_attempt_the_timer_waits_a_full_interval(db_path):
    timer = snapshots.SnapshotTimer(db_path, every_minutes=5, keep=24)
    assert due_in(timer, T0 + timedelta(minutes=6), not_before=T0 + timedelta(minutes=11)) == 300


def test_a_snapshot_from_the_future_does_not_stall_the_timer(db_path):
    backup.take_snapshot(db_path, now=T0 + timedelta(hours=3), kind="auto", keep=24)
    timer = snapshots.SnapshotTimer(db_path, every_minutes=5, keep=24)
    assert due_in(timer, T0) == 300


def test_a_failing_snapshot_is_remembered_not_raised(tmp_path):
    timer = snapshots.SnapshotTimer(tmp_path / "missing.db", every_minutes=5, keep=24, clock=lambda: T0)
    assert timer.run_once() is None
    assert "missing.db" in timer.last_error


def test_a_successful_snapshot_clears_the_last_error(db_path, tmp_path):
    timer = snapshots.SnapshotTimer(db_path, every_minutes=5, keep=24, clock=lambda: T0)
    timer.last_error = "OSError: disk full"
    assert timer.run_once().kind == "auto"
    assert timer.last_error is None


def test_the_running_timer_takes_snapshots_and_rotates_them(db_path):
    timer = snapshots.ensure_running(db_path, every_minutes=1, keep=2, clock=FakeClock())
    seen = []  # every snapshot the timer reported, oldest first
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(seen) < 4:
        taken = timer.last_taken
        if taken is not None and (not seen or seen[-1] != taken.path):
            seen.append(taken.path)
        time.sleep(0.01)
    timer.stop()
    assert len(seen) >= 3, f"the timer took more snapshots than it keeps (saw {len(seen)})"
    autos = [s for s in backup.list_snapshots(backup.snapshot_dir(db_path)) if s.kind == "auto"]
    assert len(autos) == 2 and timer.last_error is None
    assert not seen[0].exists(), "the oldest snapshot was rotated away"
    assert timer.last_taken.path in {s.path for s in autos}, "the newest is kept"


def test_starting_twice_in_one_process_gives_the_same_timer(db_path):
    first = snapshots.ensure_running(db_path, every_minutes=5, keep=24)
    second = snapshots.ensure_running(db_path.parent / "." / db_path.name, every_minutes=5, keep=24)
    assert first is second and first.running
    assert [t.name for t in threading.enumerate()].count(f"snapshots:{db_path.resolve()}") == 1


def test_zero_minutes_turns_automatic_snapshots_off(db_path):
    assert snapshots.ensure_running(db_path, every_minutes=0, keep=24) is None
    assert snapshots.timer_for(db_path) is None
