"""Registration lists (CSV or XLSX, as Norwegian Excel writes them) into participants.

`import_participants` reads the file, checks every row, and writes all valid rows in one
transaction: a file is never half-imported. Rows are matched to people already in the store by
e-mail (case-insensitive), so a re-import updates them and keeps their token, group and check-in.
The report says what was added, updated and rejected (with line numbers and reasons).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from . import audit, people
from .clock import to_iso
from .db import write_tx
from .errors import ImportFileError
from .event import Event

MAX_FILE_BYTES = 5 * 1024 * 1024
# A list for this workshop has about a hundred people. A file with thousands of rows is the wrong
# file, and importing it would hold the write lock (and every desk) for minutes.
MAX_ROWS = 2_000
MAX_NAME_CHARS = 200
# Control and text-direction characters: invisible, and able to make a name read backwards.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Header spellings, compared after lower-casing and dropping spaces, dashes and dots.
HEADER_ALIASES = {
    "name": ("navn", "name", "fulltnavn", "fullname", "deltaker"),
    "email": ("epost", "email", "mail", "epostadresse", "emailaddress"),
    "county": ("fylkeskommune", "fylke", "organisasjon", "county", "organisation", "organization"),
    "role": ("rolle", "role"),
    "theme": ("tema", "theme"),
}
ROLE_ALIASES = {
    "leader": ("leader", "leder", "ledar"),
    "caseworker": ("caseworker", "saksbehandler", "rådgiver", "radgiver", "adviser", "advisor"),
    "ministry": ("ministry", "departement", "departementet", "kmd"),
    "researcher": ("researcher", "forsker"),
    "other": ("other", "annet", "annen"),
}
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str  # stable code: no_name, name_too_long, bad_email, unknown_theme, ambiguous_theme, unknown_role, duplicate_in_file
    detail: str = ""


@dataclass(frozen=True)
class Warning:
    code: str  # county_over_max
    county: str
    count: int
    limit: int


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in plain English, one line each (for the CLI)."""
        out = [
            f"added: {len(self.added)}, updated: {len(self.updated)}, unchanged: {len(self.unchanged)}, rejected: {len(self.rejected)}"
        ]
        out += [f"  line {r.line}: rejected ({r.reason}) {r.detail}".rstrip() for r in self.rejected]
        if self.extra_columns:
            out.append(f"  ignored columns: {', '.join(self.extra_columns)}")
        out += [f"  warning: {w.county} has {w.count} participants (more than {w.limit})" for w in self.warnings]
        return out


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    email: str | None
    county: str | None
    role: str | None
    theme: int | None


# --- reading the file


def _is_xlsx(data: bytes, filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04"


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; Windows-1252 is what older Norwegian Excel saves;
    UTF-16 with its BOM is Excel's "Unicode text"."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError("bad_encoding", "The file is neither UTF-8 nor Windows-1252 text.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError("bad_encoding", "The file is neither UTF-8 nor Windows-1252 text.") from None


def _delimiter(header_line: str) -> str:
    # Norwegian Excel writes semicolons (the comma is the decimal sign), "Unicode text" tabs.
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ","


def _parse_csv(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(line the row ended on, cells) for every row. Raises ImportFileError on what csv cannot read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
        raise ImportFileError(
            "bad_csv", f"Line {reader.line_num}: the file cannot be read as CSV ({exc}).", line=reader.line_num
        ) from None


def _unclosed_quote_line(text: str, delimiter: str) -> int | None:
    """The line of a quote that is never closed: the lenient reader would swallow the rest of the
    file into one cell and import it as one strange name."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    started = 1
    try:
        for _ in reader:
            started = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            return started
        return None  # another quirk (a quote inside a cell): the lenient reader copes with it
    return None


def _read_csv(data: bytes) -> Table:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError("not_a_table", "The file is not a CSV or XLSX file.")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = _delimiter(first)
    rows = _parse_csv(text, delimiter)
    if not rows:
        raise ImportFileError("empty_file", "The file is empty.")
    unclosed = _unclosed_quote_line(text, delimiter)
    if unclosed:
        raise ImportFileError(
            "unclosed_quote", f'Line {unclosed}: a quote (") is opened and never closed.', line=unclosed
        )
    # reader.line_num after reading a row is the line it ended on; a row starts on the line after the previous one.
    numbered, previous_end = [], 0
    for end, cells in rows:
        numbered.append((previous_end + 1, cells))
        previous_end = end
    (_, header), body = numbered[0], numbered[1:]
    return Table([h.strip() for h in header], body)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    # A damaged file fails anywhere from opening the ZIP to reading the last row, with whatever
    # zipfile, zlib, the XML parser or openpyxl raise (zlib.error, EOFError, IndexError,
    # RuntimeError for "encrypted", ...). For the person at the desk it is one thing: unreadable.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            rows = [
                (number, [_cell_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            book.close()
    except Exception as exc:
        raise ImportFileError("bad_xlsx", f"The XLSX file cannot be read ({exc.__class__.__name__}).") from None
    rows = [(n, cells) for n, cells in rows if any(cells)]
    if not rows:
        raise ImportFileError("empty_file", "The file is empty.")
    (_, header), body = rows[0], rows[1:]
    return Table(header, body)


def read_table(data: bytes, filename: str = "") -> Table:
    """The header and numbered rows of a CSV or XLSX file. Raises ImportFileError if unreadable."""
    if not data or not data.strip():
        raise ImportFileError("empty_file", "The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("file_too_large", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    table = _read_xlsx(data) if _is_xlsx(data, filename) else _read_csv(data)
    if len(table.rows) > MAX_ROWS:
        raise ImportFileError(
            "too_many_rows",
            f"The file has {len(table.rows)} rows; a list for this event has at most {MAX_ROWS}.",
            rows=len(table.rows),
            max=MAX_ROWS,
        )
    return table


# --- checking rows


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-_.]", "", text.lower())


def map_columns(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Our field -> column index, and the columns we ignore. The first matching column wins."""
    lookup = {alias: name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
    columns: dict[str, int] = {}
    extra: list[str] = []
    for index, title in enumerate(header):
        name = lookup.get(_header_key(title))
        if name and name not in columns:
            columns[name] = index
        elif title.strip():
            extra.append(title.strip())
    if "name" not in columns:
        raise ImportFileError(
            "no_name_column", "The file has no name column (navn/name) in its first row.", columns=", ".join(header)
        )
    return columns, extra


def match_theme(value: str, event: Event) -> int | None:
    """Theme by number, by name (nb or en), or by an unambiguous start of a name.

    Raises ValueError('unknown_theme' | 'ambiguous_theme')."""
    text = value.strip().casefold()
    if not text:
        return None
    if text.isdigit():
        if event.theme(int(text)):
            return int(text)
        raise ValueError("unknown_theme")
    titles = {theme.id: {theme.title.nb.casefold(), theme.title.en.casefold()} - {""} for theme in event.themes}
    exact = [tid for tid, names in titles.items() if text in names]
    if exact:
        return exact[0]
    starts = [tid for tid, names in titles.items() if any(n.startswith(text) for n in names)]
    if len(starts) == 1:
        return starts[0]
    raise ValueError("ambiguous_theme" if starts else "unknown_theme")


def match_role(value: str) -> str | None:
    text = value.strip().casefold()
    if not text:
        return None
    for role, aliases in ROLE_ALIASES.items():
        if text in aliases:
            return role
    raise ValueError("unknown_role")


def match_county(value: str, event: Event) -> str | None:
    """The county's own spelling when it is one of the event's counties; anything else as written."""
    text = " ".join(value.split())
    if not text:
        return None
    bare = re.sub(r"\s+fylkeskommune$", "", text, flags=re.I).casefold()
    return next((c for c in event.counties if c.casefold() == bare), text)


def check_rows(table: Table, event: Event) -> tuple[list[Row], list[Rejected], list[str]]:
    columns, extra = map_columns(table.header)
    valid: list[Row] = []
    rejected: list[Rejected] = []
    seen_emails: dict[str, int] = {}

    for line, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        if not any(c.strip() for c in cells):
            continue
        name = " ".join(_INVISIBLE.sub(" ", cell("name")).split())
        email = cell("email")
        if not name:
            rejected.append(Rejected(line, "no_name"))
            continue
        if len(name) > MAX_NAME_CHARS:
            rejected.append(Rejected(line, "name_too_long", f"{len(name)} > {MAX_NAME_CHARS}"))
            continue
        if email and not _EMAIL.match(email):
            rejected.append(Rejected(line, "bad_email", email))
            continue
        try:
            theme = match_theme(cell("theme"), event)
        except ValueError as exc:
            rejected.append(Rejected(line, str(exc), cell("theme")))
            continue
        try:
            role = match_role(cell("role"))
        except ValueError as exc:
            rejected.append(Rejected(line, str(exc), cell("role")))
            continue
        if email:
            key = email.casefold()
            if key in seen_emails:
                rejected.append(Rejected(line, "duplicate_in_file", f"{email} (line {seen_emails[key]})"))
                continue
            seen_emails[key] = line
        valid.append(Row(line, name, email or None, match_county(cell("county"), event), role, theme))
    return valid, rejected, extra


# --- writing


def _existing(db: sqlite_utils.Database, row: Row) -> dict | None:
    if row.email:
        found = list(db.query("SELECT * FROM participants WHERE lower(email) = lower(?)", (row.email,)))
    else:
        # Without an e-mail, the same name among people without one is the same person.
        found = list(
            db.query(
                "SELECT * FROM participants WHERE (email IS NULL OR email = '') AND lower(name) = lower(?) ORDER BY id",
                (row.name,),
            )
        )
    return found[0] if found else None


def _update(db: sqlite_utils.Database, old: dict, row: Row, now: datetime) -> bool:
    """Update what the file says; an empty cell keeps what is stored (e.g. a theme chosen in the app)."""
    new = {
        "name": row.name,
        # Matched case-insensitively: keep the stored spelling unless the address really changed.
        "email": old["email"]
        if (old["email"] or "").casefold() == (row.email or "").casefold()
        else row.email or old["email"],
        "county": row.county or old["county"],
        "role": row.role or old["role"],
        "theme": row.theme if row.theme is not None else old["theme"],
        "deleted_at": None,
    }
    if all(old[k] == v for k, v in new.items()):
        return False
    db.execute(
        "UPDATE participants SET name = ?, email = ?, county = ?, role = ?, theme = ?, deleted_at = NULL, updated_at = ? WHERE id = ?",
        (new["name"], new["email"], new["county"], new["role"], new["theme"], to_iso(now), old["id"]),
    )
    return True


def county_warnings(db: sqlite_utils.Database, event: Event) -> list[Warning]:
    rows = db.query(
        "SELECT county, count(*) AS n FROM participants WHERE deleted_at IS NULL AND county IS NOT NULL"
        " GROUP BY county HAVING count(*) > ? ORDER BY county",
        (event.max_per_county,),
    )
    counties = set(event.counties)
    return [
        Warning("county_over_max", r["county"], r["n"], event.max_per_county) for r in rows if r["county"] in counties
    ]


def import_participants(
    db: sqlite_utils.Database,
    data: bytes,
    filename: str,
    *,
    event: Event,
    now: datetime,
    role: str = "organizer",
    desk: str | None = None,
) -> ImportReport:
    """Read, check and store a registration list in one transaction; return what happened."""
    table = read_table(data, filename)
    valid, rejected, extra = check_rows(table, event)
    report = ImportReport(rejected=rejected, extra_columns=extra)
    with write_tx(db):
        for row in valid:
            old = _existing(db, row)
            if old is None:
                people.add_participant(
                    db,
                    name=row.name,
                    email=row.email,
                    county=row.county,
                    role=row.role or "caseworker",
                    theme=row.theme,
                    now=now,
                )
                report.added.append(row.name)
            elif _update(db, old, row, now):
                report.updated.append(row.name)
            else:
                report.unchanged.append(row.name)
        report.warnings = county_warnings(db, event)
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action="participants.import",
            detail={
                "file": filename,
                "added": len(report.added),
                "updated": len(report.updated),
                "rejected": len(report.rejected),
            },
        )
    return report
