"""Writer processes killed with SIGKILL at random moments lose nothing they acknowledged.

Each worker (a real process, see bench/crash.py) checks people in, repeats nonces, undoes
check-ins, imports lists, asks questions and votes through the domain functions on one SQLite file, and logs an "ack"
(fsync'd) only after the function returned. The longer run, with the app server killed too, is
`python bench/crash.py`; the server part runs in tests/e2e/test_crash_server.py.
"""

import sqlite3

import pytest

from bench import crash
from companion import db


@pytest.fixture
def crash_db(tmp_path):
    path = tmp_path / "companion.db"
    crash.prepare(path)
    return path


@pytest.fixture(scope="module")
def killed(tmp_path_factory):
    """Three rounds of three workers, killed and restarted at random moments: the tally."""
    folder = tmp_path_factory.mktemp("crash")
    crash.prepare(folder / "companion.db")
    return crash.crash_rounds(
        folder / "companion.db", folder / "logs", rounds=3, seconds=1.2, workers=3, seed=7, min_acks=60
    )


def test_killed_writers_lose_no_acknowledged_write(killed):
    assert killed.acknowledged >= 180, "the workers got real work done between the kills"
    # Every round killed a worker at a random moment while it worked, not only when the round ended.
    assert len(killed.kills_by_round) == 3
    assert min(workers for workers, _ in killed.kills_by_round) >= 1, killed.kills_by_round
    assert killed.lost == []
    assert killed.found == killed.acknowledged
    assert {"checkin", "undo", "import", "ask", "vote"} <= set(killed.by_op)


def test_after_the_kills_the_database_is_whole(killed):
    assert killed.integrity == "ok"


def test_after_the_kills_nobody_is_checked_in_twice(killed):
    assert killed.doubled_checkins == 0
    assert killed.unlogged_checkins == 0, "every check-in has the scan that made it"


def test_after_the_kills_no_vote_is_doubled(killed):
    assert killed.by_op["vote"] > 0
    assert killed.doubled_votes == 0


def test_the_checker_notices_a_lost_write(crash_db, tmp_path):
    # The verification itself can fail: remove one acknowledged check-in's scan behind its back.
    logs = tmp_path / "logs"
    crash.crash_rounds(crash_db, logs, rounds=1, seconds=1.0, workers=1, seed=3)
    acked = next(r for r in crash.read_logs(logs) if r.get("phase") == "ack" and r["op"] == "checkin")
    with db.connect(crash_db) as conn, db.write_tx(conn):
        conn.execute("DELETE FROM scans WHERE nonce = ?", (acked["nonce"],))

    tally = crash.verify(crash_db, logs)

    assert acked in tally.lost
    assert not tally.ok


def test_a_second_active_check_in_is_refused_by_the_database_itself(crash_db):
    with db.connect(crash_db) as conn, db.write_tx(conn):
        conn.execute("INSERT INTO checkins (participant_id, at, desk) VALUES (1, '2019-09-25T08:00:00+02:00', 'a')")
    with db.connect(crash_db) as conn, pytest.raises(sqlite3.IntegrityError), db.write_tx(conn):
        conn.execute("INSERT INTO checkins (participant_id, at, desk) VALUES (1, '2019-09-25T08:01:00+02:00', 'b')")


def test_a_line_cut_off_by_a_kill_is_not_counted(tmp_path):
    (tmp_path / "w.log").write_text(
        '{"phase": "ack", "op": "undo", "pid": 1, "desk": "x"}\n{"phase": "ack", "op": "che'
    )

    assert crash.read_logs(tmp_path) == [{"phase": "ack", "op": "undo", "pid": 1, "desk": "x"}]
