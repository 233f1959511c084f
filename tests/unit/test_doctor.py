"""`python -m companion doctor`: each FAIL it can give, and a clean run on a correct setup.

The HTTP fetch, the free disk space and the instant are passed in: no network, no real clock."""

import os
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner

from companion import backup, db, doctor
from companion.cli import main
from companion.config import Settings, load_settings

from ..conftest import DATA

PINS = {"COMPANION_DESK_PIN": "246813", "COMPANION_MODERATOR_PIN": "135724", "COMPANION_ORGANIZER_PIN": "975310"}
BASE = "https://verksted.test/verksted"
ON_THE_DAY = datetime(2019, 9, 25, 6, 30, tzinfo=UTC)  # 08:30 in Oslo
ROOT_USER = os.geteuid() == 0


def answering(urls: set[str] | None = None):
    """A fetch where the given URLs (every URL when None) answer 200 and the rest refuse."""
    asked = []

    def fetch(url, timeout):
        asked.append(url)
        if urls is None or url in urls:
            return 200
        raise ConnectionRefusedError(111, "Connection refused")

    fetch.asked = asked
    return fetch


def nothing_answers(url, timeout):
    raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def ready(tmp_path, db_path):
    """A correct setup: HTTPS address, PINs, data, a fresh snapshot, a copy folder; the app answering."""
    copies = tmp_path / "stick"
    copies.mkdir()
    backup.take_snapshot(db_path, now=ON_THE_DAY - timedelta(minutes=3), kind="auto", keep=24)
    values = {
        **PINS,
        "COMPANION_BASE_URL": BASE,
        "COMPANION_DB": str(db_path),
        "COMPANION_DATA": str(DATA),
        "COMPANION_BACKUP_COPY_TO": str(copies),
    }
    return load_settings(values)


def run(settings: Settings, fetch=None, **kw):
    kw.setdefault("free_bytes", lambda path: 10 * 2**30)
    return doctor.run_all(settings, real_now=ON_THE_DAY, fetch=fetch or answering(), **kw)


def by_name(checks):
    return {c.name: c for c in checks}


def changed(settings: Settings, **values) -> Settings:
    return load_settings({**settings.values, **values})


def test_a_correct_setup_runs_clean_and_asks_the_health_endpoint_below_the_prefix(ready):
    fetch = answering()
    checks = run(ready, fetch, ports=[8501, 8502])
    assert [(c.name, c.status) for c in checks if c.status != doctor.OK] == []
    assert not doctor.failed(checks)
    assert fetch.asked == [
        "https://verksted.test/verksted/_stcore/health",
        "http://127.0.0.1:8501/verksted/_stcore/health",
        "http://127.0.0.1:8502/verksted/_stcore/health",
    ]


def test_a_malformed_setting_is_one_fail_naming_it(ready):
    checks = run(changed(ready, COMPANION_BASE_URL="verksted.example.no"))
    assert [(c.name, c.status) for c in checks] == [("settings", "FAIL")]
    assert "COMPANION_BASE_URL" in checks[0].message


@pytest.mark.parametrize("url", ["http://localhost:8501", "https://127.0.0.2/x", "http://[::1]:8501"])
def test_a_base_url_on_this_machine_fails(ready, url):
    check = by_name(run(changed(ready, COMPANION_BASE_URL=url)))["address"]
    assert check.status == doctor.FAIL and "COMPANION_BASE_URL" in check.fix


def test_an_unset_base_url_fails(ready):
    values = {k: v for k, v in ready.values.items() if k != "COMPANION_BASE_URL"}
    assert by_name(run(load_settings(values)))["address"].status == doctor.FAIL


def test_plain_http_fails_because_the_desk_camera_needs_https(ready):
    check = by_name(run(changed(ready, COMPANION_BASE_URL="http://verksted.test")))["https"]
    assert check.status == doctor.FAIL and "deploy/Caddyfile" in check.fix


def test_an_address_that_does_not_answer_fails(ready):
    assert by_name(run(ready, nothing_answers))["answering"].status == doctor.FAIL
    # 404 from a proxy whose path does not match is no answer from the app either
    assert by_name(run(ready, lambda url, timeout: 404))["answering"].message.endswith("HTTP 404.")


def test_a_server_process_that_does_not_answer_fails_naming_its_port(ready):
    fetch = answering({f"{BASE}/_stcore/health", "http://127.0.0.1:8501/verksted/_stcore/health"})
    check = by_name(run(ready, fetch, ports=[8501, 8502]))["processes"]
    assert check.status == doctor.FAIL and "1 of 2" in check.message and "8502" in check.message


def test_broken_data_files_fail(ready, broken_data_dir):
    check = by_name(run(changed(ready, COMPANION_DATA=str(broken_data_dir))))["data"]
    assert check.status == doctor.FAIL and "event.toml" in check.message


def test_a_missing_or_damaged_database_fails(ready, tmp_path):
    assert by_name(run(changed(ready, COMPANION_DB=str(tmp_path / "none.db"))))["database"].status == doctor.FAIL
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(ready.db_path, damaged)
    with damaged.open("r+b") as f:  # the header stays, the pages after it are noise
        f.seek(100)
        f.write(os.urandom(4000))
    check = by_name(run(changed(ready, COMPANION_DB=str(damaged))))["database"]
    assert check.status == doctor.FAIL


def test_a_database_that_opens_but_fails_its_integrity_check_fails(ready, tmp_path):
    """An index that no longer matches its table: every query works, integrity_check does not."""
    path = tmp_path / "index.db"
    shutil.copyfile(ready.db_path, path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("CREATE TABLE doctor_t (x TEXT)")
    conn.execute("CREATE INDEX doctor_i ON doctor_t (x)")
    conn.executemany("INSERT INTO doctor_t VALUES (?)", [(f"value{i:03d}",) for i in range(50)])
    conn.commit()
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'doctor_i'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    at = (root - 1) * size + data[(root - 1) * size : root * size].find(b"value010")
    data[at : at + 8] = b"zzzzz010"
    path.write_bytes(data)
    check = by_name(run(changed(ready, COMPANION_DB=str(path))))["database"]
    assert check.status == doctor.FAIL and "missing from index doctor_i" in check.message


@pytest.mark.skipif(ROOT_USER, reason="root writes to read-only folders")
def test_a_read_only_database_fails(ready, tmp_path):
    os.chmod(ready.db_path, 0o444)
    try:
        assert by_name(run(ready))["database"].status == doctor.FAIL
    finally:
        os.chmod(ready.db_path, 0o644)


def test_a_short_pin_fails(ready):
    check = by_name(run(changed(ready, COMPANION_DESK_PIN="1234")))["pins"]
    assert check.status == doctor.FAIL and "COMPANION_DESK_PIN" in check.message


def test_no_pin_at_all_fails_and_a_generated_one_warns(ready):
    values = {k: v for k, v in ready.values.items() if k != "COMPANION_MODERATOR_PIN"}
    check = by_name(run(load_settings(values)))["pins"]
    assert check.status == doctor.FAIL and "COMPANION_MODERATOR_PIN" in check.message
    with db.connect(ready.db_path) as conn:
        with db.write_tx(conn):
            db.put_setting(conn, "pin_hash.moderator", "00:00")
    assert by_name(run(load_settings(values)))["pins"].status == doctor.WARN


def test_too_little_disk_for_a_day_of_snapshots_fails(ready):
    check = by_name(run(ready, free_bytes=lambda path: 1024))["disk"]
    assert check.status == doctor.FAIL


def test_a_snapshot_timer_that_stopped_fails(ready):
    late = doctor.run_all(ready, real_now=ON_THE_DAY + timedelta(minutes=30), fetch=answering())
    assert by_name(late)["snapshots"].status == doctor.FAIL


@pytest.mark.parametrize("kind", ["missing", "a file"])
def test_a_copy_folder_that_cannot_be_written_fails(ready, tmp_path, kind):
    folder = tmp_path / "unplugged"
    if kind == "a file":
        folder.write_text("not a folder")
    check = by_name(run(changed(ready, COMPANION_BACKUP_COPY_TO=str(folder))))["copy off the machine"]
    assert check.status == doctor.FAIL and str(folder) in check.fix


def test_a_copy_that_failed_since_the_last_good_one_fails(ready, tmp_path):
    snap = backup.last_snapshot(backup.snapshot_dir(ready.db_path))
    backup.copy_off_quietly(ready.db_path, snap, tmp_path / "gone", keep=24, now=ON_THE_DAY)
    check = by_name(run(ready))["copy off the machine"]
    assert check.status == doctor.FAIL and "last copy failed" in check.message


def test_the_date_warns_outside_the_event_day_and_with_a_fixed_clock(ready):
    assert by_name(run(ready))["date"].status == doctor.OK
    later = doctor.run_all(ready, real_now=ON_THE_DAY + timedelta(days=1), fetch=answering())
    assert by_name(later)["date"].status == doctor.WARN
    fixed = by_name(run(changed(ready, COMPANION_NOW="2019-09-25T10:45")))["date"]
    assert fixed.status == doctor.WARN and "COMPANION_NOW" in fixed.message


def test_the_command_exits_1_on_a_fail_and_prints_the_fix(ready, monkeypatch):
    for name, value in ready.values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("COMPANION_BASE_URL", "http://localhost:8501")
    monkeypatch.setattr(doctor, "http_get", answering())
    result = CliRunner().invoke(main, ["doctor", "--ports", "8501"])
    assert result.exit_code == 1
    assert "FAIL  address:" in result.output and "fix: Set COMPANION_BASE_URL" in result.output
