"""100 participants each voting 20 times at once, from threads and from separate processes.

Checks what must hold (no vote lost, none counted twice, no "database is locked" reaching a
voter) and prints votes per second, against a baseline of the same votes cast one by one.

    python bench/votes.py [--voters 100] [--votes 20] [--processes 8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from companion import db, people, questions  # noqa: E402
from companion.event import load_event  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"


def _instant(hour: int, minute: int) -> datetime:
    event = load_event(DATA)
    return datetime.combine(event.date, datetime.min.time(), event.tz).replace(hour=hour, minute=minute)


def _setup(path: Path, voters: int, per_voter: int) -> tuple[list[int], list[int]]:
    event = load_event(DATA)
    now = _instant(15, 20)
    with db.connect(path) as conn:
        db.migrate(conn)
        with db.write_tx(conn):
            askers = [people.add_participant(conn, name=f"Asker {i}", now=now).id for i in range(per_voter)]
            ids = [people.add_participant(conn, name=f"Voter {i}", now=now).id for i in range(voters)]
        questions.set_premoderation(conn, False, now=now, role="moderator")
        qs = [
            questions.ask(
                conn, programme=event.programme, participant_id=a, text=f"Spørsmål nummer {i}", now=now
            ).question.id
            for i, a in enumerate(askers)
        ]
    return ids, qs


def _vote_all(path: str, voter: int, qs: list[int], errors: list) -> list[float]:
    """One participant taps every question; each tap is its own connection, like a page action."""
    times = []
    instant = _instant(15, 25)
    for qid in qs:
        start = time.perf_counter()
        try:
            with db.connect(path) as conn:
                questions.set_vote(conn, question_id=qid, participant_id=voter, vote=True, now=instant)
        except Exception as exc:  # noqa: BLE001 - reported, and fails the run
            errors.append(repr(exc))
        times.append(time.perf_counter() - start)
    return times


def _process_worker(args) -> tuple[list[float], list[str]]:
    path, voters, qs = args
    errors: list[str] = []
    times: list[float] = []
    threads = []
    lock = threading.Lock()

    def run(v):
        t = _vote_all(path, v, qs, errors)
        with lock:
            times.extend(t)

    for v in voters:
        threads.append(threading.Thread(target=run, args=(v,)))
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return times, errors


def _check(path: Path, voters: list[int], qs: list[int]) -> tuple[int, int]:
    with db.connect(path) as conn:
        total = db.scalar(conn, "SELECT COUNT(*) FROM votes")
        distinct = db.scalar(conn, "SELECT COUNT(*) FROM (SELECT DISTINCT question_id, participant_id FROM votes)")
    return total, distinct


def run(mode: str, voters: int, per_voter: int, processes: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        ids, qs = _setup(path, voters, per_voter)
        errors: list[str] = []
        times: list[float] = []
        start = time.perf_counter()
        if mode == "serial":
            for v in ids:
                times += _vote_all(str(path), v, qs, errors)
        elif mode == "threads":
            times, errors = _process_worker((str(path), ids, qs))
        else:
            chunks = [ids[i::processes] for i in range(processes)]
            with multiprocessing.get_context("spawn").Pool(processes) as pool:
                for t, e in pool.map(_process_worker, [(str(path), c, qs) for c in chunks]):
                    times += t
                    errors += e
        elapsed = time.perf_counter() - start
        total, distinct = _check(path, ids, qs)
    expected = voters * per_voter
    return {
        "mode": mode,
        "votes": expected,
        "stored": total,
        "lost": expected - distinct,
        "double": total - distinct,
        "errors": len(errors),
        "locked": sum("locked" in e for e in errors),
        "votes_per_s": expected / elapsed,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": statistics.quantiles(times, n=20)[-1] * 1000,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=100)
    parser.add_argument("--votes", type=int, default=20)
    parser.add_argument("--processes", type=int, default=8)
    args = parser.parse_args()
    rows = [run(mode, args.voters, args.votes, args.processes) for mode in ("serial", "threads", "processes")]
    base = rows[0]["votes_per_s"]
    print(f"{args.voters} voters x {args.votes} votes; processes: {args.processes}")
    print(
        f"{'mode':<10} {'votes':>6} {'stored':>6} {'lost':>5} {'double':>6} {'errors':>6} {'locked':>6} {'votes/s':>9} "
        f"{'x serial':>8} {'median ms':>9} {'p95 ms':>7}"
    )
    for r in rows:
        print(
            f"{r['mode']:<10} {r['votes']:>6} {r['stored']:>6} {r['lost']:>5} {r['double']:>6} {r['errors']:>6} "
            f"{r['locked']:>6}"
            f" {r['votes_per_s']:>9.0f} {r['votes_per_s'] / base:>8.2f} {r['median_ms']:>9.1f} {r['p95_ms']:>7.1f}"
        )
    ok = all(r["lost"] == 0 and r["double"] == 0 and r["errors"] == 0 for r in rows)
    print("OK: no vote lost, none counted twice, no error reached a voter" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
