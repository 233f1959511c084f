"""The backup, restore and audit-export commands: one line and exit 1 on refusal."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from companion import audit, db, people
from companion.cli import main

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2019, 9, 25, 8, 0, tzinfo=UTC)


@pytest.fixture
def cli(db_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT / "data"))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T10:45")
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_backup_then_restore_round_trips_and_is_audited(cli, db_path, tmp_path):
    with db.connect(db_path) as conn, db.write_tx(conn):
        people.add_participant(conn, name="Kari Nordmann", now=T0)
    copy = tmp_path / "copy.db"
    assert cli("backup", str(copy)).exit_code == 0
    with db.connect(db_path) as conn, db.write_tx(conn):
        people.add_participant(conn, name="Ola Later", now=T0)
    result = cli("restore", str(copy))
    assert result.exit_code == 0, result.output
    assert "before-restore" in result.output
    with db.connect(db_path) as conn:
        assert [p.name for p in people.all_participants(conn)] == ["Kari Nordmann"]
        assert [r["action"] for r in audit.trail(conn)][:1] == ["backup.restore"]


def test_restore_of_a_text_file_prints_one_line_and_exits_1(cli, tmp_path):
    bogus = tmp_path / "list.csv"
    bogus.write_text("name\nKari\n")
    result = cli("restore", str(bogus))
    assert result.exit_code == 1
    assert result.output.strip() == "error: list.csv is not an SQLite database."


def test_audit_export_writes_the_trail_with_formula_cells_neutralized(cli, db_path, tmp_path):
    with db.connect(db_path) as conn, db.write_tx(conn):
        audit.record(conn, at=T0, role="organizer", action='=HYPERLINK("http://evil")', desk="@desk")
    out = tmp_path / "audit.csv"
    assert cli("audit-export", "--out", str(out)).exit_code == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["at", "role", "desk", "action", "detail"]
    assert rows[1][2:4] == ["'@desk", '\'=HYPERLINK("http://evil")']
