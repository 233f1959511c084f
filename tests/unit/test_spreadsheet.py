import csv
import io

import pytest
from openpyxl import load_workbook

from companion.errors import CompanionError
from companion.spreadsheet import csv_bytes, neutralize, write_table, xlsx_bytes

FORMULAS = ["=1+1", "+47 22 24 90 90", "-2", "@SUM(A1)", '=HYPERLINK("http://x")']


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_looking_cells_are_neutralized(cell):
    assert neutralize(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Oslo", "", 42, None, "Ola = Kari"])
def test_ordinary_cells_are_untouched(cell):
    assert neutralize(cell) == cell


def test_csv_never_starts_a_cell_with_a_formula_character():
    rows = list(csv.reader(io.StringIO(csv_bytes(["a"], [[c] for c in FORMULAS]).decode("utf-8-sig"))))
    assert all(not r[0].startswith(("=", "+", "-", "@")) for r in rows[1:])


def test_xlsx_stores_neutralized_text_not_formulas():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["a"], [[c] for c in FORMULAS]))).active
    values = [sheet.cell(row=i + 2, column=1) for i in range(len(FORMULAS))]
    assert all(cell.data_type == "s" for cell in values)
    assert [cell.value for cell in values] == ["'" + c for c in FORMULAS]


def test_write_table_picks_the_format_by_ending(tmp_path):
    assert write_table(tmp_path / "x.csv", ["a"], [["1"]]).read_bytes().startswith(b'\xef\xbb\xbf"a"')
    assert write_table(tmp_path / "x.xlsx", ["a"], [["1"]]).read_bytes()[:2] == b"PK"
    with pytest.raises(CompanionError):
        write_table(tmp_path / "x.pdf", ["a"], [["1"]])
