"""What a snapshot and a restore cost on an event-sized database, and what a snapshot costs writers.

    PYTHONPATH=src python bench/snapshots.py [--rounds 30]

Baselines measured in the same run: a plain file copy (for snapshot and restore), and a writer's
commit latency with no snapshot running (for the writer during snapshots).
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from companion import audit, backup, db, people  # noqa: E402

T0 = datetime(2019, 9, 25, 8, 0, tzinfo=UTC)


def build(path: Path) -> None:
    """About the day's end state: 100 people, check-ins, 300 questions, 3000 votes, 500 audit rows."""
    with db.connect(path) as conn:
        db.migrate(conn)
        with db.write_tx(conn):
            ids = [
                people.add_participant(conn, name=f"Deltaker {i}", email=f"p{i}@example.no", now=T0).id
                for i in range(100)
            ]
            for pid in ids:
                conn.execute(
                    "INSERT INTO checkins (participant_id, at, desk) VALUES (?, ?, 'A')", (pid, T0.isoformat())
                )
            for q in range(300):
                text = f"Spørsmål nummer {q} om regional utvikling og kompetanse i distriktene?"
                conn.execute(
                    "INSERT INTO questions (participant_id, text, original_text, text_key, created_at) VALUES (?, ?, "
                    "?, ?, ?)",
                    (ids[q % 100], text, text, f"k{q}", T0.isoformat()),
                )
            for v in range(3000):
                conn.execute(
                    "INSERT OR IGNORE INTO votes VALUES (?, ?, ?)", (v % 300 + 1, ids[(v * 7) % 100], T0.isoformat())
                )
            for a in range(500):
                audit.record(conn, at=T0, role="moderator", action="question.approve", detail={"question": a})


def timed(fn, rounds: int) -> list[float]:
    out = []
    for i in range(rounds):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def writer_latencies(path: Path, seconds: float, during=None) -> list[float]:
    """Commit latencies of one writer doing check-in-sized transactions, optionally while `during` runs."""
    stop, lat = threading.Event(), []

    def write():
        with db.connect(path) as conn:
            while not stop.is_set():
                start = time.perf_counter()
                with db.write_tx(conn):
                    audit.record(conn, at=T0, role="desk", action="bench.write")
                lat.append((time.perf_counter() - start) * 1000)

    thread = threading.Thread(target=write)
    thread.start()
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        if during:
            during(i)
            i += 1
        else:
            time.sleep(0.01)
    stop.set()
    thread.join()
    return lat


def row(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"| {name} | {len(values)} | {statistics.median(values):.1f} | {p95:.1f} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        live = tmp / "companion.db"
        build(live)
        size_kib = live.stat().st_size // 1024
        snap = backup.take_snapshot(live, now=T0, kind="manual")
        copy_ms = timed(lambda i: shutil.copyfile(live, tmp / "plain-copy.db"), args.rounds)
        snap_ms = timed(
            lambda i: backup.take_snapshot(live, now=T0 + timedelta(minutes=i + 1), kind="auto", keep=24), args.rounds
        )
        restore_ms = timed(
            lambda i: backup.restore(
                live, snap.path, now=T0, role="organizer", real_now=T0 + timedelta(hours=1, seconds=i)
            ),
            max(5, args.rounds // 3),
        )
        quiet = writer_latencies(live, 3.0)
        busy = writer_latencies(
            live,
            3.0,
            during=lambda i: backup.take_snapshot(live, now=T0 + timedelta(days=1, minutes=i), kind="auto", keep=24),
        )
        print(f"database: {size_kib} KiB (100 people, 300 questions, 3000 votes, 500 audit rows)\n")
        print("| what | n | median ms | p95 ms |\n| --- | --- | --- | --- |")
        print(row("plain file copy (baseline)", copy_ms))
        print(row("snapshot (backup API into .partial, then rename)", snap_ms))
        print(row("restore (check, safety snapshot, backup into live, migrate, audit)", restore_ms))
        print(row("writer commit, no snapshot (baseline)", quiet))
        print(row("writer commit, snapshots back to back", busy))


if __name__ == "__main__":
    main()
