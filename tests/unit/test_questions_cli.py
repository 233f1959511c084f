"""`python -m companion export questions --out FILE`."""

import csv

from click.testing import CliRunner
from openpyxl import load_workbook

from companion import db, people, questions
from companion.cli import main
from tests.conftest import DATA


def _env(db_path):
    return {"COMPANION_DB": str(db_path), "COMPANION_DATA": str(DATA), "COMPANION_NOW": "2019-09-25T11:00"}


def _seed(db_path, event, at):
    with db.connect(db_path) as conn:
        with db.write_tx(conn):
            shown = people.add_participant(conn, name="Vist", county="Nordland", now=at("09:00"))
            anon = people.add_participant(conn, name="Anonym", county="Troms", now=at("09:00"))
        questions.ask(
            conn, programme=event.programme, participant_id=shown.id, text="=1+1", show_name=True, now=at("10:00")
        )
        questions.ask(
            conn, programme=event.programme, participant_id=anon.id, text="@Hvem betaler?", theme=2, now=at("10:01")
        )


def test_export_questions_to_csv_neutralizes_formulas_and_hides_anonymous_counties(db_path, event, at, tmp_path):
    _seed(db_path, event, at)
    out = tmp_path / "q.csv"
    result = CliRunner().invoke(main, ["export", "questions", "--out", str(out)], env=_env(db_path))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["id", "text", "theme", "county", "status", "votes", "created_at", "answered_at", "merged_into"]
    assert [(r[1], r[2], r[3], r[4]) for r in rows[1:]] == [
        ("'=1+1", "0", "Nordland", "pending"),
        ("'@Hvem betaler?", "2", "", "pending"),
    ]


def test_export_questions_to_xlsx_stores_text_not_formulas(db_path, event, at, tmp_path):
    _seed(db_path, event, at)
    out = tmp_path / "q.xlsx"
    assert CliRunner().invoke(main, ["export", "questions", "--out", str(out)], env=_env(db_path)).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet["B2"].value == "'=1+1" and sheet["B2"].data_type == "s"


def test_an_unknown_file_ending_is_one_line_and_exit_1(db_path, tmp_path):
    result = CliRunner().invoke(main, ["export", "questions", "--out", str(tmp_path / "q.txt")], env=_env(db_path))
    assert result.exit_code == 1
    assert "use a .csv or .xlsx" in result.output
