"""The report's data as a workbook (openpyxl): an overview sheet, then one sheet per table.

Cells are neutralized as in every export (spreadsheet.py): typed text never runs as a formula.
"""

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from .. import spreadsheet
from .document import Cell, Document, xml_safe


def _neutralize(value: Cell) -> Cell:
    neutral = spreadsheet.neutralize(value)
    assert neutral is None or isinstance(neutral, str | int | float)  # a cell stays a cell
    return neutral


_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _NOT_IN_SHEET_NAME.sub(" ", title).strip()[:31] or "Sheet"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.casefold())
    return name


def _cell(value: Cell) -> Cell:
    return _neutralize(xml_safe(value))


def xlsx_bytes(doc: Document) -> bytes:
    book = Workbook()
    overview = book.active
    taken: set[str] = set()
    overview.title = _sheet_name(doc.title, taken)
    for line in (doc.title, doc.subtitle, doc.generated, doc.privacy):
        overview.append([_cell(line)])
    overview["A1"].font = Font(bold=True, size=14)
    for section in doc.sections:
        overview.append([])
        overview.append([_cell(section.title)])
        overview.cell(row=overview.max_row, column=1).font = Font(bold=True)
        for label, value in section.facts:
            overview.append([_cell(label), _cell(value)])
        if section.note:
            overview.append([_cell(section.note)])
    overview.column_dimensions["A"].width = 40
    for section in doc.sections:
        for table in section.tables:
            sheet = book.create_sheet(_sheet_name(table.title, taken))
            sheet.append([_cell(c) for c in table.columns])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_cell(c) for c in row])
            for index, column in enumerate(table.columns, start=1):
                longest = max([len(str(column))] + [len(str(r[index - 1] or "")) for r in table.rows])
                sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = min(60, longest + 2)
            sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
