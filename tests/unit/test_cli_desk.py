"""The organizer's commands for tickets, import, check-in and exports."""

import csv

import pytest
from click.testing import CliRunner

from companion import db, people
from companion.cli import main

ROOT_DATA = __import__("tests.conftest", fromlist=["DATA"]).DATA


@pytest.fixture
def cli(db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT_DATA))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T08:42")
    monkeypatch.setenv("COMPANION_BASE_URL", "https://verksted.example")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


def first_person(db_path):
    with db.connect(db_path) as conn:
        return people.all_participants(conn)[0]


def test_init_demo_loads_the_demo_list_through_the_importer(cli, db_path):
    result = cli("init", "--demo")
    assert result.exit_code == 0
    assert "added: 85" in result.output
    assert "added: 0" in cli("init", "--demo").output


def test_import_prints_the_mapping_counts_and_reasons_with_line_and_name(cli, tmp_path):
    (tmp_path / "list.csv").write_bytes("navn;e-post;tema\nKari;kari@nfk.no;1\n;x@y.no;\nPer;per;\n".encode("cp1252"))
    result = cli("import", "list.csv")
    assert result.exit_code == 0
    assert 'name: "navn"' in result.output and 'email: "e-post"' in result.output
    assert "added: 1, updated: 0, unchanged: 0, rejected: 2" in result.output
    assert "line 3 (x@y.no): rejected – no name in the row." in result.output
    assert 'line 4 (Per): rejected – "per" is not an e-mail address' in result.output


def test_import_report_in_norwegian(cli, tmp_path):
    (tmp_path / "list.csv").write_bytes(b"navn;e-post;tema\nKari;kari@nfk.no;9\n")
    result = cli("import", "list.csv", "--lang", "nb")
    assert "lagt til: 1" in result.output
    assert "linje 2 (Kari): temaet «9» finnes ikke" in result.output
    assert "1 (FNs bærekraftsmål og regional utvikling), 2 (Distriktsutvikling og kompetanse)" in result.output


def test_import_takes_a_map_override_and_remembers_it_for_the_next_file(cli, tmp_path, db_path):
    (tmp_path / "list.csv").write_bytes(b"Navn;Fullt navn;E-post\nKN;Kari Nordmann;kari@nfk.no\n")
    result = cli("import", "list.csv", "--map", 'name="Fullt navn"')
    assert result.exit_code == 0 and 'name: "Fullt navn"' in result.output
    (tmp_path / "list.csv").write_bytes(b"Navn;Fullt navn;E-post\nOH;Ola Hansen;ola@nfk.no\n")
    again = cli("import", "list.csv")
    assert 'name: "Fullt navn"' in again.output
    with db.connect(db_path) as conn:
        assert sorted(p.name for p in people.all_participants(conn)) == ["Kari Nordmann", "Ola Hansen"]


def test_import_exits_1_when_no_row_was_imported(cli, tmp_path):
    (tmp_path / "list.csv").write_bytes(b"navn;e-post\n;a@b.no\nPer;per\n")
    result = cli("import", "list.csv")
    assert result.exit_code == 1
    assert "rejected: 2" in result.output


@pytest.mark.parametrize(
    "content", [None, b"", b"Telefon,Adresse\n99,Storgata 1\n"], ids=["missing", "empty", "no_name_column"]
)
def test_import_exits_1_when_the_file_cannot_be_read(cli, tmp_path, content):
    if content is not None:
        (tmp_path / "list.csv").write_bytes(content)
    result = cli("import", "list.csv")
    assert result.exit_code == 1 and result.output.startswith("error:")


def test_import_of_an_unknown_column_in_map_says_which_columns_there_are(cli, tmp_path):
    (tmp_path / "list.csv").write_bytes(b"navn;e-post\nKari;kari@nfk.no\n")
    result = cli("import", "list.csv", "--map", 'name="Fullt navn"')
    assert result.exit_code == 1 and "navn, e-post" in result.output


def test_checkin_prints_green_then_orange_with_time_and_desk(cli, db_path):
    cli("init", "--demo")
    person = first_person(db_path)
    first = cli("checkin", f" {people.personal_url('https://verksted.example', person.token)} ", "--desk", "desk 2")
    assert first.exit_code == 0 and first.output.startswith("[checked_in] Sjekket inn") and person.name in first.output
    second = cli("checkin", person.code.lower())
    assert second.exit_code == 0 and "Allerede sjekket inn kl. 08:42 (desk 2)" in second.output


def test_checkin_of_an_unknown_code_exits_1(cli):
    cli("init")
    result = cli("checkin", people.new_token())
    assert result.exit_code == 1 and result.output.startswith("[unknown_code] Ukjent kode")


def test_tickets_and_exports_write_their_files(cli, tmp_path, db_path):
    cli("init", "--demo")
    person = first_person(db_path)
    cli("checkin", person.code)
    assert cli("tickets", "--out", "out").exit_code == 0
    links = list(csv.DictReader((tmp_path / "out" / "links.csv").open(encoding="utf-8-sig")))
    assert len(links) == 85 and links[0]["personal_url"].startswith("https://verksted.example/?t=")
    assert (tmp_path / "out" / "badges.html").read_text(encoding="utf-8").count("<svg") == 85
    assert cli("export", "participants", "--out", "p.xlsx").exit_code == 0 and (tmp_path / "p.xlsx").stat().st_size > 0
    assert cli("export", "checkins", "--out", "s.csv").exit_code == 0
    log = list(csv.DictReader((tmp_path / "s.csv").open(encoding="utf-8-sig")))
    assert [r["result"] for r in log] == ["checked_in"]
