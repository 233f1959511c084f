"""Snapshots, rotation and restore, on real SQLite files."""

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

import pytest

from companion import audit, backup, db, people
from companion.errors import BackupError

T0 = datetime(2019, 9, 25, 8, 0, tzinfo=UTC)


def add(db_path, name, at=T0):
    with db.connect(db_path) as conn, db.write_tx(conn):
        return people.add_participant(conn, name=name, now=at)


def names(db_path) -> list[str]:
    with db.connect(db_path) as conn:
        return [p.name for p in people.all_participants(conn)]


def fingerprint(db_path) -> bytes:
    """The live database's content: equal fingerprints, unchanged data."""
    with db.connect(db_path) as conn:
        return "\n".join(conn.conn.iterdump()).encode()


def test_rotation_keeps_exactly_the_newest_automatic_snapshots(db_path):
    for i in range(7):
        backup.take_snapshot(db_path, now=T0 + timedelta(minutes=5 * i), kind="auto", keep=3)
    kept = backup.list_snapshots(backup.snapshot_dir(db_path))
    assert [s.taken_at for s in kept] == [T0 + timedelta(minutes=5 * i) for i in (6, 5, 4)]
    assert {s.kind for s in kept} == {"auto"}


def test_rotation_leaves_snapshots_taken_by_hand(db_path):
    backup.take_snapshot(db_path, now=T0, kind="manual")
    for i in range(1, 4):
        backup.take_snapshot(db_path, now=T0 + timedelta(minutes=i), kind="auto", keep=1)
    kinds = [s.kind for s in backup.list_snapshots(backup.snapshot_dir(db_path))]
    assert kinds == ["auto", "manual"]


def test_snapshot_names_sort_in_the_order_they_were_taken(db_path):
    oslo_summer = datetime.fromisoformat("2019-09-25T10:00:00+02:00")
    assert backup.snapshot_name(oslo_summer, "auto") == "snapshot-20190925T080000Z-auto.db"
    assert backup.snapshot_name(T0, "auto") < backup.snapshot_name(T0 + timedelta(seconds=1), "auto")


def test_last_snapshot_is_the_newest_of_any_kind_and_none_before_the_first(db_path):
    folder = backup.snapshot_dir(db_path)
    assert backup.last_snapshot(folder) is None
    backup.take_snapshot(db_path, now=T0, kind="auto", keep=24)
    backup.take_snapshot(db_path, now=T0 + timedelta(minutes=2), kind="manual")
    last = backup.last_snapshot(folder)
    assert (last.taken_at, last.kind) == (T0 + timedelta(minutes=2), "manual")


def test_half_written_and_foreign_files_are_not_snapshots(db_path):
    folder = backup.snapshot_dir(db_path)
    backup.take_snapshot(db_path, now=T0, kind="auto", keep=24)
    (folder / "snapshot-20190925T090000Z-auto.db.partial").write_bytes(b"half")
    (folder / "notes.txt").write_text("hello")
    assert [s.name for s in backup.list_snapshots(folder)] == ["snapshot-20190925T080000Z-auto.db"]


def test_a_double_click_in_the_same_second_gives_one_snapshot(db_path):
    first = backup.take_snapshot(db_path, now=T0, kind="manual")
    second = backup.take_snapshot(db_path, now=T0, kind="manual")
    assert first == second and len(backup.list_snapshots(backup.snapshot_dir(db_path))) == 1


def test_a_snapshot_is_one_self_contained_file(db_path):
    snap = backup.take_snapshot(db_path, now=T0, kind="auto", keep=24)
    backup.check_companion_file(snap.path)
    assert sorted(p.name for p in snap.path.parent.iterdir()) == [snap.name]


def test_a_snapshot_taken_while_another_thread_writes_is_consistent(db_path):
    """Each write adds a participant and its audit row in one transaction: a consistent copy has
    as many of one as of the other."""
    stop = threading.Event()

    def writer():
        i = 0
        with db.connect(db_path) as conn:
            while not stop.is_set():
                with db.write_tx(conn):
                    people.add_participant(conn, name=f"W{i}", now=T0)
                    audit.record(conn, at=T0, role="desk", action="test.write", detail={"i": i})
                i += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        snaps = [backup.take_snapshot(db_path, now=T0 + timedelta(seconds=i), kind="auto", keep=24) for i in range(8)]
    finally:
        stop.set()
        thread.join()
    counts = []
    for snap in snaps:
        conn = sqlite3.connect(snap.path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        participants, audits = conn.execute(
            "SELECT (SELECT count(*) FROM participants), (SELECT count(*) FROM audit)"
        ).fetchone()
        conn.close()
        assert participants == audits
        counts.append(participants)
    assert counts[-1] > 0


def test_a_restored_snapshot_brings_back_its_data_and_keeps_the_replaced_one(db_path):
    add(db_path, "Kari Before")
    snap = backup.take_snapshot(db_path, now=T0, kind="manual")
    add(db_path, "Ola After")
    result = backup.restore(
        db_path, snap.path, now=T0, real_now=T0 + timedelta(minutes=1), role="organizer", desk="cli"
    )
    assert names(db_path) == ["Kari Before"]
    assert result.safety_copy.kind == "before-restore"
    assert sorted(names(result.safety_copy.path)) == ["Kari Before", "Ola After"]
    with db.connect(db_path) as conn:
        row = audit.trail(conn)[0]
    assert (row["action"], row["role"], row["desk"]) == ("backup.restore", "organizer", "cli")


def test_a_connection_open_during_a_restore_sees_the_restored_database(db_path):
    add(db_path, "Kari Before")
    snap = backup.take_snapshot(db_path, now=T0, kind="manual")
    add(db_path, "Ola After")
    with db.connect(db_path) as open_conn:
        assert len(people.all_participants(open_conn)) == 2
        backup.restore(db_path, snap.path, now=T0, role="organizer")
        assert [p.name for p in people.all_participants(open_conn)] == ["Kari Before"]
        assert open_conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_copy_with_another_page_size_is_restored(tmp_path, db_path):
    other = tmp_path / "other-page-size.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA page_size = 8192")
    conn.execute("VACUUM")
    conn.close()
    with db.connect(other) as conn:
        db.migrate(conn)
        with db.write_tx(conn):
            people.add_participant(conn, name="Kari Elsewhere", now=T0)
    backup.restore(db_path, other, now=T0, role="organizer")
    assert names(db_path) == ["Kari Elsewhere"]


def _text_file(tmp_path, _db_path):
    path = tmp_path / "notes.db"
    path.write_text("name,email\nKari,kari@example.no\n")
    return path


def _other_sqlite(tmp_path, _db_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE participants (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


def _corrupted(tmp_path, db_path):
    with db.connect(db_path) as conn, db.write_tx(conn):
        for i in range(200):
            people.add_participant(conn, name=f"Filler {i} " * 10, now=T0)
    snap = backup.take_snapshot(db_path, now=T0, kind="manual")
    data = bytearray(snap.path.read_bytes())
    data[8192:12288] = bytes(range(256)) * 16  # one page of a table overwritten
    path = tmp_path / "corrupted.db"
    path.write_bytes(bytes(data))
    snap.path.unlink()
    return path


def _newer_schema(tmp_path, db_path):
    path = tmp_path / "newer.db"
    backup.backup_to(db_path, path)
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('companion', '9999_future', "
        "'2030-01-01')"
    )
    conn.commit()
    conn.close()
    return path


def _missing(tmp_path, _db_path):
    return tmp_path / "nowhere.db"


def _live_itself(_tmp_path, db_path):
    return db_path


@pytest.mark.parametrize(
    "make, code",
    [
        (_text_file, "not_sqlite"),
        (_other_sqlite, "not_companion_db"),
        (_corrupted, "backup_corrupt"),
        (_newer_schema, "newer_schema"),
        (_missing, "backup_missing"),
        (_live_itself, "same_file"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_valid_companion_database_and_changes_nothing(
    tmp_path, db_path, make, code
):
    source = make(tmp_path, db_path)
    add(db_path, "Kari Live")
    before = fingerprint(db_path)
    with pytest.raises(BackupError) as info:
        backup.restore(db_path, source, now=T0, role="organizer")
    assert info.value.code == code
    assert fingerprint(db_path) == before
    assert [s for s in backup.list_snapshots(backup.snapshot_dir(db_path)) if s.kind == "before-restore"] == []
    assert [p.name for p in backup.snapshot_dir(db_path).glob("*.partial*")] == []


def test_a_snapshot_taken_by_hand_is_in_the_audit_trail(db_path):
    snap = backup.snapshot_by_hand(db_path, now=T0, real_now=T0, role="organizer")
    with db.connect(db_path) as conn:
        columns, rows = audit.table(conn)
    assert columns == ("at", "role", "desk", "action", "detail")
    assert rows == [(T0.isoformat(), "organizer", "", "backup.snapshot", f"file={snap.name}")]


def test_backup_refuses_to_overwrite_the_live_database(db_path):
    with pytest.raises(BackupError) as info:
        backup.backup_to(db_path, db_path)
    assert info.value.code == "same_file"
