"""The report as a reader sees it, in any format: sections of facts, tables and charts.

The writers (HTML, DOCX, XLSX) render this one structure, so the three files always hold the
same numbers under the same labels. Cells are plain values; text is never markup.
"""

import re
from dataclasses import dataclass

Cell = str | int | float | None


@dataclass(frozen=True)
class Table:
    title: str  # also the XLSX sheet's name, so unique within a report
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes


@dataclass(frozen=True)
class Section:
    key: str  # stable: "day", "groups", "panel", "evaluation", "programme", "people"
    title: str
    facts: tuple[tuple[str, Cell], ...] = ()  # label, value
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    note: str = ""  # e.g. "no evaluation answers"


@dataclass(frozen=True)
class Document:
    lang: str
    title: str
    subtitle: str
    generated: str
    privacy: str  # says whether the file holds personal data
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: Cell) -> Cell:
    """Text without the characters XML (so DOCX and XLSX) cannot hold; other values unchanged."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value
