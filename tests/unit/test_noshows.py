"""Who has not come: registered people without an active check-in, by county; walk-ins never."""

import csv
import io

import pytest
from click.testing import CliRunner

from companion import checkin, db, noshows, people
from companion.cli import main

ROOT_DATA = __import__("tests.conftest", fromlist=["DATA"]).DATA


@pytest.fixture
def hall(conn, at):
    with db.write_tx(conn):
        made = {
            name: people.add_participant(conn, name=name, county=county, email=f"{name.lower()}@x.no", now=at("08:00"))
            for name, county in (("Kari", "Troms"), ("Ola", "Troms"), ("Per", "Oslo"), ("Ada", None), ("Eva", "Oslo"))
        }
    checkin.check_in_person(conn, made["Per"].id, now=at("08:40"))
    checkin.check_in_person(conn, made["Eva"].id, now=at("08:41"))
    checkin.undo_check_in(conn, made["Eva"].id, now=at("08:42"))  # a wrong tap: Eva has not come
    walker = checkin.register_walk_in(conn, name="Walker", county="Oslo", now=at("08:50")).participant
    checkin.undo_check_in(conn, walker.id, now=at("08:51"))  # not on the list, so never a no-show
    return made


def test_no_shows_are_the_registered_without_an_active_check_in_sorted_by_county(hall, conn):
    assert [(p.county, p.name) for p in noshows.no_shows(conn)] == [
        ("Oslo", "Eva"),
        ("Troms", "Kari"),
        ("Troms", "Ola"),
        (None, "Ada"),
    ]


def test_counts_by_county_put_the_most_first_and_no_county_last(hall, conn):
    counts = noshows.by_county(noshows.no_shows(conn))
    assert [(c.county, c.count) for c in counts] == [("Troms", 2), ("Oslo", 1), (None, 1)]


def test_the_export_has_names_and_emails_for_follow_up(hall, conn):
    rows = list(csv.reader(io.StringIO(noshows.csv_bytes(conn).decode("utf-8-sig"))))
    assert rows[0] == list(noshows.COLUMNS)
    assert ["Troms", "Kari", "kari@x.no", "caseworker", ""] in rows and len(rows) == 5


@pytest.fixture
def cli(db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT_DATA))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T16:30")
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(main, list(args))


def test_cli_exports_the_no_shows(hall, cli, tmp_path):
    result = cli("export", "no-shows", "--out", "missing.csv")
    assert result.exit_code == 0 and "4 no-shows" in result.output
    assert "Ada" in (tmp_path / "missing.csv").read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("suffix", ["html", "docx", "xlsx"])
def test_cli_writes_the_report_in_the_format_of_the_file_name(hall, cli, tmp_path, suffix):
    result = cli("report", "--out", f"day.{suffix}")
    assert result.exit_code == 0, result.output
    data = (tmp_path / f"day.{suffix}").read_bytes()
    assert data.startswith(b"PK" if suffix != "html" else b"<!doctype html>")


def test_cli_refuses_an_unknown_report_format_in_one_line(cli):
    result = cli("report", "--out", "day.pdf")
    assert result.exit_code == 1 and result.output.strip().startswith("error:") and "Traceback" not in result.output
