"""The workshop report: the day gathered from the database, written as HTML, DOCX or XLSX.

gather (values from the store) -> layout (labelled sections) -> to_html / to_docx / to_xlsx
"""

from datetime import datetime
from pathlib import Path

import sqlite_utils

from ..errors import CompanionError
from ..event import Event
from .document import Document
from .gather import ReportData, gather
from .layout import layout

FORMATS = {
    "html": "text/html",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

__all__ = ["FORMATS", "Document", "ReportData", "gather", "layout", "make_report", "render", "write_report"]


def render(doc: Document, fmt: str) -> bytes:
    if fmt == "html":
        from .to_html import html_bytes

        return html_bytes(doc)
    if fmt == "docx":
        from .to_docx import docx_bytes

        return docx_bytes(doc)
    if fmt == "xlsx":
        from .to_xlsx import xlsx_bytes

        return xlsx_bytes(doc)
    raise CompanionError("unknown_format", f"report format {fmt!r}: use .html, .docx or .xlsx")


def make_report(
    db: sqlite_utils.Database,
    event: Event,
    fmt: str,
    *,
    now: datetime,
    include_personal: bool = False,
    lang: str = "nb",
) -> bytes:
    """The report of the day so far, as the bytes of one file in `fmt` (html, docx or xlsx)."""
    if fmt not in FORMATS:
        raise CompanionError("unknown_format", f"report format {fmt!r}: use .html, .docx or .xlsx")
    return render(layout(gather(db, event, now=now, include_personal=include_personal), event, lang), fmt)


def write_report(
    db: sqlite_utils.Database,
    event: Event,
    path: Path | str,
    *,
    now: datetime,
    include_personal: bool = False,
    lang: str = "nb",
) -> Path:
    """The report into `path`; the format comes from its ending."""
    path = Path(path)
    data = make_report(
        db, event, path.suffix.lower().lstrip("."), now=now, include_personal=include_personal, lang=lang
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
