"""The purge: personal data gone from every byte of the database, its WAL and the snapshots;
the anonymous numbers the same as before; refused before the event's end or without the name."""

import pytest

from companion import audit, auth, backup, db, evaluation, people, purge, schedule
from companion.errors import PrivacyError

from .seeded_day import counts, seed_day

NAME = "Verksted for regional utvikling"


@pytest.fixture
def form(event):
    return evaluation.load_form("data", event.programme)


@pytest.fixture
def day(db_path, event, at, form):
    # A connection open all day, as the running app keeps: the WAL is never folded in by a close.
    keeper = db.open_db(db_path)
    keeper.execute("SELECT 1").fetchall()
    yield seed_day(db_path, event, at, form)
    keeper.close()


STAFF_ADDRESS = "203.0.113.77"  # a staff sign-in address, planted by seed_day


def personal_strings(day) -> list[bytes]:
    found = [STAFF_ADDRESS.encode()]
    for p in day.everyone:
        found += [p.name.encode(), p.email.encode(), p.token.encode()]
    return found


def files(db_path):
    wal = db_path.with_name(db_path.name + "-wal")
    snaps = [s.path for s in backup.list_snapshots(backup.snapshot_dir(db_path))]
    return [db_path, *([wal] if wal.exists() else []), *snaps]


def leaks(day) -> list[str]:
    return [
        f"{needle.decode()} in {path.name}"
        for path in files(day.db_path)
        for needle in personal_strings(day)
        if needle in path.read_bytes()
    ]


def test_before_the_purge_the_bytes_do_hold_the_personal_data(day):
    # The check below can fail: here it finds every name, e-mail and token somewhere.
    found = {needle for needle in personal_strings(day) if any(needle in p.read_bytes() for p in files(day.db_path))}
    assert found == set(personal_strings(day))


def test_the_purge_leaves_no_name_email_or_token_in_the_database_its_wal_or_snapshots(day, event, at):
    before = counts(day.db_path)
    result = purge.purge(day.db_path, event, confirmation=NAME, now=at("17:00"), role="organizer", desk="cli")
    assert leaks(day) == []
    assert result.participants == 13 and result.votes > 0 and result.questions == 4
    assert len(result.snapshots) == 2 and result.wal_truncated
    wal = day.db_path.with_name(day.db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert counts(day.db_path) == before
    with db.connect(day.db_path) as conn:
        assert auth.refused_count(conn) == 3  # refused sign-ins stay counted, without their address
        codes = {p.code for p in day.everyone}
        assert not codes & {r[0] for r in conn.execute("SELECT code FROM participants")}
        assert conn.execute("SELECT COUNT(*) FROM scans WHERE raw IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM evaluation_answers WHERE voter_key IS NOT NULL").fetchone()[0] == 0
        assert db.get_setting(conn, evaluation.SECRET_KEY) is None


def test_after_the_purge_nobody_is_linked_to_what_they_asked_or_voted(day, event, at):
    asker = day.people[0]
    purge.purge(day.db_path, event, confirmation=NAME, now=at("17:00"), role="organizer")
    with db.connect(day.db_path) as conn:
        real = {r[0] for r in conn.execute("SELECT id FROM participants WHERE deleted_at IS NULL")}
        linked = conn.execute("SELECT participant_id FROM questions UNION ALL SELECT participant_id FROM votes")
        assert not real & {r[0] for r in linked}
        assert people.by_token(conn, asker.token) is None
        assert conn.execute("SELECT count(*) FROM participants WHERE code = ?", (asker.code,)).fetchone()[0] == 0
        assert purge.purged_at(conn) == at("17:00")
        [row] = [r for r in audit.trail(conn) if r["action"] == "privacy.purge"]
        assert '"snapshots": 2' in row["detail"]
        assert not [r for r in audit.trail(conn) if "Xavier" in (r["detail"] or "")]


def test_a_second_purge_is_harmless_and_changes_no_number(day, event, at):
    purge.purge(day.db_path, event, confirmation=NAME, now=at("17:00"), role="organizer")
    after = counts(day.db_path)
    again = purge.purge(day.db_path, event, confirmation=NAME, now=at("17:05"), role="organizer")
    assert (again.questions, again.votes) == (0, 0)
    assert counts(day.db_path) == after


def test_a_purge_before_the_end_of_the_day_refuses_with_the_end_and_changes_nothing(day, event, at):
    with pytest.raises(PrivacyError) as refused:
        purge.purge(day.db_path, event, confirmation=NAME, now=at("16:14"), role="organizer")
    assert refused.value.code == "event_not_over" and refused.value.details["end"] == "25.09.2019 16:15"
    assert len(leaks(day)) > 0


def test_the_end_follows_a_delay(day, event, at):
    with db.connect(day.db_path) as conn:
        schedule.set_delay(conn, 20, now=at("15:00"))
    with pytest.raises(PrivacyError) as refused:
        purge.purge(day.db_path, event, confirmation=NAME, now=at("16:30"), role="organizer")
    assert refused.value.details["end"] == "25.09.2019 16:35"


@pytest.mark.parametrize("typed", ["", "verksted for regional utvikling", "Verksted"])
def test_a_purge_needs_the_events_name_typed_exactly(day, event, at, typed):
    with pytest.raises(PrivacyError) as refused:
        purge.purge(day.db_path, event, confirmation=typed, now=at("17:00"), role="organizer")
    assert refused.value.code == "wrong_confirmation"
    assert len(leaks(day)) > 0


def test_the_purge_deletes_the_copies_off_the_machine_and_nothing_else_there(day, event, at, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "notes.txt").write_text("the organizer's own file")
    for minute in ("16:20", "16:21"):
        backup.take_snapshot(day.db_path, now=at(minute), kind="auto", keep=5, copy_to=stick)
    copies = sorted(p.name for p in stick.glob("snapshot-*.db"))
    assert len(copies) == 2 and any(day.everyone[0].email.encode() in p.read_bytes() for p in stick.iterdir())

    result = purge.purge(day.db_path, event, confirmation=NAME, now=at("17:00"), role="organizer", copy_to=stick)

    assert sorted(result.copies) == copies and result.copies_left == ""
    assert [p.name for p in stick.iterdir()] == ["notes.txt"]


def test_a_copy_folder_out_of_reach_does_not_stop_the_purge_and_says_so(day, event, at, tmp_path):
    unplugged = tmp_path / "unplugged-stick"
    result = purge.purge(day.db_path, event, confirmation=NAME, now=at("17:00"), role="organizer", copy_to=unplugged)
    assert result.copies == () and "no folder" in result.copies_left
    assert leaks(day) == []  # the purge itself went through
