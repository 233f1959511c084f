"""Property: whatever the desks do at once - scans, rescans, double clicks, undos - nobody has two
active check-ins, and the scan log holds every attempt."""

import tempfile
import threading
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import checkin, db, people
from companion.errors import CheckInError

PEOPLE = 3
scan = st.tuples(st.just("scan"), st.integers(0, PEOPLE - 1), st.one_of(st.none(), st.integers(0, 3)))
undo = st.tuples(st.just("undo"), st.integers(0, PEOPLE - 1), st.none())
threads_ops = st.lists(st.lists(st.one_of(scan, scan, undo), max_size=8), min_size=2, max_size=3)


def _run(path: Path, ops, ids, codes, now, desk, undone, failures):
    try:
        _steps(path, ops, ids, codes, now, desk, undone)
    except Exception as exc:  # a thread's exception would otherwise vanish
        failures.append(exc)


def _steps(path: Path, ops, ids, codes, now, desk, undone):
    with db.connect(path) as conn:
        for kind, who, nonce in ops:
            if kind == "scan":
                # A nonce belongs to one click on one person: the same nonce is a double click.
                key = None if nonce is None else f"{who}-{nonce}"
                checkin.check_in(conn, codes[who], now=now, desk=desk, nonce=key, method="scanner")
            else:
                try:
                    checkin.undo_check_in(conn, ids[who], now=now, desk=desk)
                except CheckInError:
                    pass
                else:
                    undone[who] += 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=threads_ops)
def test_concurrent_scans_and_undos_keep_one_active_check_in(plan, at):
    now = at("08:40")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.db"
        with db.connect(path) as conn:
            db.migrate(conn)
            with db.write_tx(conn):
                persons = [people.add_participant(conn, name=f"P{i}", now=now) for i in range(PEOPLE)]
        ids, codes = [p.id for p in persons], [p.code for p in persons]

        counters = [[0] * PEOPLE for _ in plan]
        failures = []
        workers = [
            threading.Thread(target=_run, args=(path, ops, ids, codes, now, f"desk {n}", counters[n], failures))
            for n, ops in enumerate(plan)
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        assert failures == []
        # Each thread counts its own successful undos: no shared counter to race on.
        undone = [sum(c[i] for c in counters) for i in range(PEOPLE)]

        with db.connect(path) as conn:
            per_person = dict(
                conn.execute(
                    "SELECT participant_id, count(*) FROM checkins WHERE undone_at IS NULL GROUP BY participant_id"
                ).fetchall()
            )
            assert all(n <= 1 for n in per_person.values())
            scans = list(conn.query("SELECT result, participant_id, nonce FROM scans"))
            attempts = [op for ops in plan for op in ops if op[0] == "scan"]
            distinct_nonces = {f"{who}-{n}" for _, who, n in attempts if n is not None}
            assert len(scans) == len(distinct_nonces) + sum(1 for _, _, n in attempts if n is None)
            assert {s["nonce"] for s in scans if s["nonce"]} == distinct_nonces
            for i, pid in enumerate(ids):
                made = sum(1 for s in scans if s["participant_id"] == pid and s["result"] == "checked_in")
                assert made - undone[i] == per_person.get(pid, 0)
