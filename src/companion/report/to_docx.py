"""The report as a Word file (python-docx): the ministry edits its reports in Word.

Every cell is a plain run of text; nothing people typed is read as markup or a field.
"""

import io

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from .document import Cell, Document, Table, xml_safe


def _text(value: Cell) -> str:
    return "" if value is None else str(xml_safe(value))


def _table(word: DocxDocument, table: Table, *, header: bool = True) -> None:
    grid = word.add_table(rows=0, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    if header:
        for cell, column in zip(grid.add_row().cells, table.columns, strict=True):
            cell.paragraphs[0].add_run(_text(column)).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(_text(value))


def docx_bytes(doc: Document) -> bytes:
    word = new_docx()
    word.core_properties.title = _text(doc.title)
    word.core_properties.language = doc.lang
    word.styles["Normal"].font.size = Pt(10.5)
    word.add_heading(_text(doc.title), level=0)
    for line in (doc.subtitle, doc.generated, doc.privacy):
        word.add_paragraph().add_run(_text(line))
    for section in doc.sections:
        word.add_heading(_text(section.title), level=1)
        if section.facts:
            facts = tuple((label, "–" if v is None else v) for label, v in section.facts)
            _table(word, Table("", ("", ""), facts), header=False)
        if section.note:
            word.add_paragraph().add_run(_text(section.note)).italic = True
        for chart in section.charts:
            word.add_picture(io.BytesIO(chart.png), width=Cm(16))
            word.add_paragraph().add_run(_text(chart.title)).italic = True
        for table in section.tables:
            word.add_heading(_text(table.title), level=2)
            if table.rows:
                _table(word, table)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
