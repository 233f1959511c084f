"""Tables out as CSV or XLSX, safe to open in a spreadsheet.

A cell that starts with =, +, -, @ (or a tab/CR that some programs skip) is prefixed with an
apostrophe, so Excel and LibreOffice show it as text and never run it as a formula.

In CSV the reader chooses the separator (Norwegian Excel splits on `;`, others on `,` or a tab),
so a cell is safe only if every piece a reader could split it into is: every cell is quoted, and
inside a cell a formula character after a separator, a line break or leading spaces gets the same
apostrophe. `Nordland;=1+2` is written `"Nordland;'=1+2"`.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

from .errors import CompanionError

_DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    if isinstance(value, str) and value.startswith(_DANGEROUS_STARTS):
        return "'" + value
    return value


# Where a reader may start a new cell (any common separator, a line break) or trim spaces before one.
_PIECE_STARTS = re.compile(r"(^|[,;\t|\r\n])([ \t]*)(?=[=+\-@])")


def neutralize_csv(value: object) -> object:
    """neutralize(), and the same for every piece a reader splitting on any separator would see."""
    value = neutralize(value)
    if isinstance(value, str):
        return _PIECE_STARTS.sub(r"\1\2'", value)
    return value


def _safe_rows(rows: Iterable[Sequence[object]]) -> list[list[object]]:
    return [[neutralize(cell) for cell in row] for row in rows]


def csv_bytes(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with BOM, so Excel reads æøå right; every cell quoted, whatever separator the reader uses."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow([neutralize_csv(c) for c in columns])
    writer.writerows([[neutralize_csv(cell) for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(columns: Sequence[str], rows: Iterable[Sequence[object]], sheet: str = "Data") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(list(columns))
    for row in _safe_rows(rows):
        # openpyxl would store a leading "=" as a formula; neutralized cells no longer start with one.
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_table(path: Path | str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Path:
    """CSV or XLSX, chosen by the file's ending."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = csv_bytes(columns, rows)
    elif suffix == ".xlsx":
        data = xlsx_bytes(columns, rows)
    else:
        raise CompanionError("unknown_format", f"{path.name}: use a .csv or .xlsx file name")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
