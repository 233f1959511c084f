"""`python -m companion assign-groups` and `door-signs`: what the organizer types and reads."""

import shutil

import pytest
from click.testing import CliRunner

from companion import db, people
from companion.cli import main

from ..conftest import DATA


@pytest.fixture
def cli(db_path, monkeypatch, tmp_path, at):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("*.db*"))
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(data))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T09:30")
    monkeypatch.chdir(tmp_path)
    with db.connect(db_path) as conn, db.write_tx(conn):
        for i in range(24):
            people.add_participant(
                conn, name=f"P{i}", county=f"Fylke {i % 9}", role="caseworker", theme=1 + i % 2, now=at("09:00")
            )
    runner = CliRunner()
    runner.data = data
    return runner


def test_assign_groups_prints_the_summary_and_stores_the_groups(cli, db_path):
    result = cli.invoke(main, ["assign-groups"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("24 people assigned to ")
    with db.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM group_members").fetchone()[0] == 24


def test_assign_groups_with_too_small_rooms_says_so_in_one_line_and_assigns_nobody(cli, db_path):
    (cli.data / "rooms.csv").write_text('name,location,capacity\nLite,"kjelleren",5\n', encoding="utf-8")
    result = cli.invoke(main, ["assign-groups"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith("error: ")
    with db.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM group_members").fetchone()[0] == 0


def test_present_only_lists_the_moves(cli, db_path, at):
    cli.invoke(main, ["assign-groups"])
    with db.connect(db_path) as conn, db.write_tx(conn):
        conn.execute(
            "INSERT INTO checkins (participant_id, at) SELECT id, ? FROM participants WHERE id <= 12",
            (at("09:00").isoformat(),),
        )
    result = cli.invoke(main, ["assign-groups", "--present-only"])
    assert result.exit_code == 0, result.output
    assert "Moved: " in result.output
    with db.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM group_members").fetchone()[0] == 12


def test_door_signs_writes_one_page_per_group(cli, tmp_path):
    cli.invoke(main, ["assign-groups"])
    result = cli.invoke(main, ["door-signs", str(tmp_path / "signs.html")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "signs.html").read_text(encoding="utf-8")
    assert html.count('<section class="sign">') == int(result.output.split()[0])


def test_door_signs_before_any_assignment_is_a_clear_error(cli, tmp_path):
    result = cli.invoke(main, ["door-signs", str(tmp_path / "signs.html")])
    assert result.exit_code == 1 and "assign-groups" in result.output


def test_the_participant_export_shows_each_persons_group_and_room(cli, db_path, tmp_path):
    import csv

    cli.invoke(main, ["assign-groups"])
    out = tmp_path / "people.csv"
    result = cli.invoke(main, ["export", "participants", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with db.connect(db_path) as conn:
        truth = dict(
            conn.execute(
                "SELECT p.name, g.number || '/' || g.room FROM participants p"
                " JOIN group_members gm ON gm.participant_id = p.id JOIN groups g ON g.id = gm.group_id"
            ).fetchall()
        )
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines(), delimiter=";" if text.count(";") > text.count(",") else ","))
    assert {r["name"]: f"{r['group']}/{r['room']}" for r in rows} == truth
