"""The store: migrations, pragmas, schedule slips and staff PINs, on a real SQLite file."""

import contextlib
import sqlite3
import threading
from datetime import timedelta

import pytest

from companion import auth, db, schedule
from companion.config import load_settings
from companion.errors import AuthError, ConfigError


def test_migrations_are_named_and_applied_once(db_path):
    with db.connect(db_path) as conn:
        assert db.migrate(conn) == []
        names = [r["name"] for r in conn.query("SELECT name FROM _sqlite_migrations")]
    assert names[0] == "0001_initial"


def test_every_connection_uses_wal_and_a_busy_timeout(db_path):
    with db.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == db.BUSY_TIMEOUT_MS
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_failed_write_transaction_leaves_nothing(conn):
    with pytest.raises(RuntimeError):
        with db.write_tx(conn):
            db.put_setting(conn, "x", "1")
            raise RuntimeError("boom")
    assert db.get_setting(conn, "x") is None


def test_set_delay_is_stored_as_the_change_from_now(conn, at):
    assert schedule.set_delay(conn, 10, now=at("11:00")) == 10
    assert schedule.set_delay(conn, 15, now=at("13:00")) == 15
    shifts = schedule.get_shifts(conn)
    assert [(s.anchor, s.delta) for s in shifts] == [
        (at("11:00"), timedelta(minutes=10)),
        (at("13:00"), timedelta(minutes=5)),
    ]
    assert [r["action"] for r in conn.query("SELECT action FROM audit")] == ["schedule.delay", "schedule.delay"]


def test_setting_the_same_delay_again_changes_nothing(conn, at):
    schedule.set_delay(conn, 10, now=at("11:00"))
    schedule.set_delay(conn, 10, now=at("11:05"))
    assert len(schedule.get_shifts(conn)) == 1


@pytest.mark.parametrize("bad", [241, -241, 10.5, True])
def test_an_impossible_delay_is_refused_and_changes_nothing(conn, at, bad):
    with pytest.raises(ConfigError):
        schedule.set_delay(conn, bad, now=at("11:00"))
    assert schedule.get_shifts(conn) == []


SETTINGS = load_settings({"COMPANION_DESK_PIN": "246813", "COMPANION_ORGANIZER_PIN": "975310"})


def test_a_pin_signs_in_to_its_own_role_only(conn, at):
    assert auth.login(conn, SETTINGS, "246813", role="desk", now=at("08:00")) == "desk"
    assert auth.login(conn, SETTINGS, " 975310 ", role="organizer", now=at("08:00")) == "organizer"
    # Tried only against the page's role: the organizer's PIN does not open the desk page's form.
    with pytest.raises(AuthError):
        auth.login(conn, SETTINGS, "975310", role="desk", now=at("08:00"))


def test_generated_pins_are_returned_once_and_stored_hashed(conn, at):
    created = auth.ensure_pins(conn, SETTINGS)
    assert list(created) == ["moderator"] and len(created["moderator"]) == 6
    assert auth.ensure_pins(conn, SETTINGS) == {}
    stored = db.get_setting(conn, "pin_hash.moderator")
    assert created["moderator"] not in stored
    assert auth.login(conn, SETTINGS, created["moderator"], role="moderator", now=at("08:00")) == "moderator"


def test_the_organizer_may_use_every_page():
    assert auth.allows("organizer", "desk") and auth.allows("organizer", "moderator")
    assert not auth.allows("desk", "moderator") and not auth.allows(None, "desk")


@pytest.mark.parametrize(
    "pin, code",
    [
        ("", "empty_pin"),
        ("   ", "empty_pin"),
        ("0000", "wrong_pin"),
        ("9" * 10_000, "wrong_pin"),
        ("२४६८", "wrong_pin"),
    ],
)
def test_bad_pins_are_refused_with_a_reason(conn, at, pin, code):
    with pytest.raises(AuthError) as info:
        auth.login(conn, SETTINGS, pin, role="desk", now=at("08:00"))
    assert info.value.code == code


def test_wrong_pins_are_logged_and_slow_down(conn, at):
    for i in range(5):
        with pytest.raises(AuthError):
            auth.login(conn, SETTINGS, "0000", role="desk", now=at("08:00") + timedelta(seconds=i), client="1.2.3.4")
    with pytest.raises(AuthError) as info:
        auth.login(conn, SETTINGS, "246813", role="desk", now=at("08:00:05"), client="1.2.3.4")
    assert info.value.code == "too_many_attempts" and info.value.details["wait"] > 0
    # Another client is not slowed down, and the wait runs out.
    assert auth.login(conn, SETTINGS, "246813", role="desk", now=at("08:00:05"), client="5.6.7.8") == "desk"
    assert auth.login(conn, SETTINGS, "246813", role="desk", now=at("08:01"), client="1.2.3.4") == "desk"
    assert conn.execute("SELECT count(*) FROM staff_attempts WHERE ok = 0").fetchone()[0] == 5


def test_a_kept_connection_reads_what_others_wrote_and_leaves_no_transaction_open(db_path, tmp_path):
    with db.kept_connection(db_path) as kept, db.write_tx(kept):
        kept.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
        first = kept
    with db.connect(db_path) as other, db.write_tx(other):
        other.execute("UPDATE settings SET value = '2' WHERE key = 'k'")
    with db.kept_connection(db_path) as kept:
        assert kept is first  # the same connection, kept by this thread
        assert db.scalar(kept, "SELECT value FROM settings WHERE key = 'k'") == "2"
        assert not kept.conn.in_transaction


# The routes keep a connection per thread; the pages take one from the pool: both notice a new file.
@pytest.mark.parametrize("take", [db.kept_connection, db.pooled_connection], ids=["kept", "pooled"])
def test_a_kept_connection_follows_a_file_replaced_under_the_same_name(db_path, tmp_path, take):
    with take(db_path) as kept:
        first = kept
    replacement = tmp_path / "other.db"
    with db.connect(replacement) as conn:
        db.migrate(conn)
        with db.write_tx(conn):
            conn.execute("INSERT INTO settings (key, value) VALUES ('marker', 'new file')")
    replacement.replace(db_path)
    with take(db_path) as kept:
        assert kept is not first
        assert db.scalar(kept, "SELECT value FROM settings WHERE key = 'marker'") == "new file"


def test_a_failed_write_on_a_kept_connection_leaves_it_usable(db_path):
    with pytest.raises(RuntimeError), db.kept_connection(db_path) as kept, db.write_tx(kept):
        kept.execute("INSERT INTO settings (key, value) VALUES ('half', 'done')")
        raise RuntimeError("the request failed halfway")
    with db.kept_connection(db_path) as kept:
        assert not kept.conn.in_transaction
        assert db.scalar(kept, "SELECT COUNT(*) FROM settings WHERE key = 'half'") == 0


def test_a_pooled_connection_is_reused_across_threads_and_reads_what_others_wrote(db_path):
    with db.pooled_connection(db_path) as pooled, db.write_tx(pooled):
        pooled.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
        first = pooled
    with db.connect(db_path) as other, db.write_tx(other):
        other.execute("UPDATE settings SET value = '2' WHERE key = 'k'")
    seen = []

    def page_run() -> None:  # a page's run is on its session's own thread
        with db.pooled_connection(db_path) as pooled:
            seen.append((pooled, db.scalar(pooled, "SELECT value FROM settings WHERE key = 'k'")))
            seen.append(pooled.conn.in_transaction)

    thread = threading.Thread(target=page_run)
    thread.start()
    thread.join()
    assert seen == [(first, "2"), False]


def test_a_pooled_connection_left_in_a_transaction_comes_back_without_it(db_path):
    with db.pooled_connection(db_path) as pooled:
        pooled.conn.execute("BEGIN")
        pooled.execute("INSERT INTO settings (key, value) VALUES ('half', 'done')")
        first = pooled
    with db.pooled_connection(db_path) as pooled:
        assert pooled is first and not pooled.conn.in_transaction
        assert db.scalar(pooled, "SELECT COUNT(*) FROM settings WHERE key = 'half'") == 0


def test_a_pooled_connection_whose_use_failed_is_closed_not_kept(db_path):
    with pytest.raises(RuntimeError), db.pooled_connection(db_path) as pooled:
        failed = pooled
        raise RuntimeError("the run failed halfway")
    with pytest.raises(sqlite3.ProgrammingError):
        failed.execute("SELECT 1")
    with db.pooled_connection(db_path) as pooled:
        assert pooled is not failed


def test_the_pool_keeps_at_most_pool_size_idle_connections(db_path):
    with contextlib.ExitStack() as stack:
        many = [stack.enter_context(db.pooled_connection(db_path)) for _ in range(db.POOL_SIZE + 3)]
    kept = [conn for conn in many if _is_open(conn)]
    assert len(kept) == db.POOL_SIZE


def _is_open(conn) -> bool:
    try:
        conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:
        return False
    return True
