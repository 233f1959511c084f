"""Registration lists (CSV or XLSX, as sign-up tools and Norwegian Excel write them) into participants.

Three steps, each a plain function: `read_table` finds the header row and the numbered rows;
`propose_mapping` says which column is the name (or first + last name), e-mail, county or
organisation, role, theme and dietary needs, from header keywords in both languages and from what
the columns hold; `import_participants` checks every row with that mapping and writes all valid
rows in one transaction: a file is never half-imported. People already in the store are matched by
e-mail (any case), so a re-import updates them and keeps their token, group and check-in. Values
are read as people write them ("Tema 1", "Seniorrådgiver", "Finnmárkku fylkkasuohkan"); what
cannot be read is a warning, and only a row without a usable name or e-mail is rejected.
"""

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import sqlite_utils

from . import audit, extras, people
from . import text as plain_text
from .clock import to_iso
from .db import get_setting, put_setting, write_tx
from .errors import ImportFileError
from .event import Event
from .i18n import t

# The signs that make a spreadsheet run a cell as a formula: one list, shared with the exports.
from .spreadsheet import _DANGEROUS_STARTS as FORMULA_STARTS

MAX_FILE_BYTES = 5 * 1024 * 1024
# A list for this workshop has about a hundred people. A file with thousands of rows is the wrong
# file, and importing it would hold the write lock (and every desk) for minutes.
MAX_ROWS = 2_000
MAX_NAME_CHARS = 200
# A title line or two above the header happens; further down it is not a header.
HEADER_SEARCH_ROWS = 10
PREVIEW_ROWS = 5

# What a column can be. "keep" stores the column per person as it is; "" ignores it.
FIELDS = ("name", "first_name", "last_name", "email", "county", "role", "theme", "diet", "keep", "")
# Every reason a row is rejected or warned about; the report words each (i18n "imp.reason.<code>").
REASON_CODES = (
    "no_name",
    "name_too_long",
    "bad_email",
    "unknown_theme",
    "ambiguous_theme",
    "both_themes",
    "unknown_role",
    "duplicate_email",
    "formula_name",
)
ISSUE_KINDS = ("rejected", "warning")
ONE_COLUMN_EACH = ("name", "first_name", "last_name", "email", "county", "role", "theme", "diet")
# What Microsoft Forms writes in its sign-in columns when the form is open to anyone.
_ANONYMOUS = {"anonymous", "anonym", "anonyme"}
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")

# --- header words (compared case-insensitively, with -, _ and . removed: "E-post" is "epost")

# Whole headers: strength 3.
_EXACT = {
    "name": ("navn", "name", "fulltnavn", "fullname", "deltaker", "deltakernavn", "deltakersnavn", "attendeename"),
    "first_name": ("fornavn", "firstname", "givenname"),
    "last_name": ("etternavn", "lastname", "familyname", "surname"),
    "email": ("epost", "email", "mail", "epostadresse", "emailaddress", "emailadresse", "attendeeemail"),
    "county": (
        "fylkeskommune",
        "fylke",
        "organisasjon",
        "county",
        "organisation",
        "organization",
        "arbeidssted",
        "virksomhet",
        "firma",
        "company",
        "arbeidsgiver",
        "employer",
    ),
    "role": ("rolle", "role", "stilling", "stillingstittel", "tittel", "title", "jobtitle", "position"),
    "theme": ("tema", "theme"),
    "diet": ("allergier", "allergies", "matbehov", "diet", "dietaryrequirements", "dietaryneeds"),
}
# Words inside a longer header or a question ("Hvilket tema ønsker du å delta på?"): strength 2.
# First match in this order wins, so "Navn på arbeidsgiver" is the organisation, not the name.
_WORD_STARTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("email", ("epost", "email", "mailadresse")),
    ("diet", ("allergi", "matbehov", "matallergi", "kosthold", "spesialkost", "diett", "dietary", "intoleran")),
    ("theme", ("tema", "theme", "parallell")),
    ("first_name", ("fornavn", "firstname", "givenname")),
    ("last_name", ("etternavn", "lastname", "familyname", "surname")),
    (
        "county",
        (
            "fylke",
            "county",
            "organisa",
            "organiza",
            "arbeidssted",
            "arbeidsgiver",
            "virksomhet",
            "firma",
            "company",
            "employer",
            "institusjon",
            "institution",
            "affiliation",
            "tilhørighet",
        ),
    ),
    ("role", ("rolle", "role", "stilling", "jobbtittel", "jobtitle", "position")),
)
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("first_name", ("first name", "given name")),
    ("last_name", ("last name", "family name")),
    ("diet", ("diet", "food", "mat")),
    ("role", ("tittel", "title", "job")),
    ("name", ("navn", "name")),
)
# Headers about the buyer or the invoice rather than the person: a weaker claim (strength 1).
_WEAK = {
    "order",
    "ordre",
    "buyer",
    "kjøper",
    "bestiller",
    "invoice",
    "faktura",
    "fakturaadresse",
    "billing",
    "purchaser",
    "kontaktperson",
}
# pretix splits the attendee name into parts: "Deltakernavn: Fornavn", "Attendee name: Given name".
_NAME_PARTS = {
    "fornavn": "first_name",
    "given name": "first_name",
    "first name": "first_name",
    "etternavn": "last_name",
    "family name": "last_name",
    "last name": "last_name",
    "surname": "last_name",
}
_NOT_NAMES = ("brukernavn", "username", "mellomnavn", "middle", "firmanavn")

ROLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ministry", ("departement", "ministry", "ministeri")),
    ("researcher", ("forsk", "research", "professor", "stipendiat", "postdoc", "scientist")),
    (
        "leader",
        (
            "leder",
            "leiar",
            "direktør",
            "direktor",
            "director",
            "sjef",
            "chief",
            "head of",
            "manager",
            "rådmann",
            "ordfører",
            "leader",
        ),
    ),
    (
        "caseworker",
        (
            "rådgiver",
            "radgiver",
            "rådgjevar",
            "saksbehandler",
            "sakshandsamar",
            "konsulent",
            "consultant",
            "adviser",
            "advisor",
            "caseworker",
            "officer",
            "utreder",
            "planlegger",
            "planner",
            "analytiker",
            "analyst",
            "koordinator",
            "coordinator",
            "medarbeider",
        ),
    ),
    ("other", ("other", "annet", "annen")),
)
# Official Sami and Kven names of the counties (forskrift om fylkesnavn; the genitive is how the
# county authority writes itself: "Finnmárkku fylkkasuohkan"), and short forms people use.
COUNTY_ALIASES: dict[str, tuple[str, ...]] = {
    "Finnmark": ("Finnmárku", "Finnmárkku", "Finmarkku", "Ruija"),
    "Troms": ("Romsa", "Romssa", "Tromssa"),
    "Nordland": ("Nordlánnda", "Nordlaante", "NFK"),
    "Trøndelag": ("Trööndelage", "Trööndelagen", "TRFK"),
    "Møre og Romsdal": ("MRFK", "Møre"),
    "Sogn og Fjordane": ("SFJ", "SFFK"),
    "Aust-Agder": ("AAFK",),
    "Vest-Agder": ("VAF", "VAFK"),
}
# "X fylkeskommune" in Norwegian, English, Northern, Lule and Southern Sami, and Kven.
_COUNTY_SUFFIX = re.compile(
    r"\s+(fylkeskommune|fylkeskommunen|fylkeskommuna|fylke|fylket|kommune|county council|county municipality|"
    r"county|fylkkasuohkan|fylkkagielda|fylhkentjielte|fylkinkomuuni)$"
)


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str  # stable code: no_name, name_too_long, bad_email
    detail: str = ""
    name: str = ""


@dataclass(frozen=True)
class RowWarning:
    """A row that was imported, with something the organizer should know."""

    line: int
    code: str  # unknown_theme, ambiguous_theme, both_themes, unknown_role, duplicate_email, formula_name
    name: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Warning:
    code: str  # county_over_max
    county: str
    count: int
    limit: int


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    header_line: int = 1


@dataclass(frozen=True)
class Mapping:
    """One choice per column: a field of FIELDS ("" = not used)."""

    fields: tuple[str, ...]

    def column(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None

    def columns(self, name: str) -> list[int]:
        return [i for i, f in enumerate(self.fields) if f == name]

    def choose(self, index: int, name: str) -> "Mapping":
        """Column `index` becomes `name`; a column that had that (single) field loses it."""
        if name not in FIELDS:
            raise ImportFileError("bad_mapping", f"Unknown field {name!r}.", field=name)
        fields = list(self.fields)
        if name in ONE_COLUMN_EACH:
            fields = ["" if f == name else f for f in fields]
        fields[index] = name
        return Mapping(tuple(fields))

    def has_name(self) -> bool:
        """A name column, or a first-name and a last-name column (a first name alone is not enough)."""
        return self.column("name") is not None or None not in (self.column("first_name"), self.column("last_name"))


@dataclass(frozen=True)
class Row:
    line: int
    name: str
    email: str | None
    county: str | None
    role: str | None
    theme: int | None
    diet: str = ""
    notes: tuple[tuple[str, str], ...] = ()  # (column header, value) of the columns marked "keep"


@dataclass
class Checked:
    valid: list[Row]
    rejected: list[Rejected]
    warnings: list[RowWarning]
    extra: list[str]


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    extra_columns: list[str] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    row_warnings: list[RowWarning] = field(default_factory=list)
    event: Event | None = None  # for the reasons: the valid themes

    @property
    def imported(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)

    def issues(self, lang: str = "nb") -> list[tuple[int, str, str, str]]:
        """(line, name, "rejected" | "warning", reason in words) for every row to look at, by line."""
        event = self.event
        found = [
            (r.line, r.name, "rejected", reason_text(r.reason, _rejected_values(r), event, lang)) for r in self.rejected
        ]
        found += [
            (w.line, w.name, "warning", reason_text(w.code, {**w.values, "line": str(w.line)}, event, lang))
            for w in self.row_warnings
        ]
        return sorted(found, key=lambda issue: issue[0])

    def lines(self, lang: str = "en") -> list[str]:
        """The report as plain lines in one language (for the CLI)."""
        out = [
            t(
                "imp.summary",
                lang,
                added=len(self.added),
                updated=len(self.updated),
                unchanged=len(self.unchanged),
                rejected=len(self.rejected),
                warnings=len(self.row_warnings),
            )
        ]
        for line, name, kind, reason in self.issues(lang):
            who = f" ({name})" if name else ""
            out.append("  " + t(f"imp.line_{kind}", lang, line=line, who=who, reason=reason))
        if self.extra_columns:
            out.append("  " + t("imp.unused_columns", lang, columns=", ".join(self.extra_columns)))
        out += [
            "  " + t("imp.county_over_max", lang, county=w.county, count=w.count, limit=w.limit) for w in self.warnings
        ]
        return out


def _rejected_values(r: Rejected) -> dict[str, str]:
    return {"value": r.detail, "max": str(MAX_NAME_CHARS)}


def reason_text(code: str, values: dict[str, str], event: Event | None, lang: str) -> str:
    """A row's reason for staff: what was wrong, what happened, and the values that would work."""
    themes = ", ".join(f"{th.id} ({th.title(lang)})" for th in event.themes) if event else ""
    roles = ", ".join(t(f"role.{r}", lang) for r in people.ROLES)
    return t(f"imp.reason.{code}", lang, themes=themes, roles=roles, **values)


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


def _delimiter(text: str) -> str:
    """The delimiter of the header: Norwegian Excel writes semicolons (the comma is the decimal
    sign), "Unicode text" tabs. Judged on the first lines, so a title line above does not decide."""
    lines = [line for line in text.splitlines() if line.strip()][:HEADER_SEARCH_ROWS]
    counts = {d: max((line.count(d) for line in lines), default=0) for d in (";", ",", "\t")}
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


def _read_csv(data: bytes) -> list[tuple[int, list[str]]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError("not_a_table", "The file is not a CSV or XLSX file.")
    delimiter = _delimiter(text)
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
    return numbered


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    # A damaged file fails anywhere from opening the ZIP to reading the last row, with whatever
    # zipfile, zlib, the XML parser or openpyxl raise (zlib.error, EOFError, IndexError,
    # RuntimeError for "encrypted", ...). For the person at the desk it is one thing: unreadable.
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [
                (number, [_cell_text(v) for v in values])
                for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            ]
        finally:
            book.close()
    except Exception as exc:
        raise ImportFileError("bad_xlsx", f"The XLSX file cannot be read ({exc.__class__.__name__}).") from None


def _header_at(rows: list[tuple[int, list[str]]]) -> int:
    """Which of the first rows is the header: the first that names a name column. A title line
    ("Deltakerliste 25.09.2019") above the header is skipped; with no such row, the first row."""
    for index, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        guesses = {guess[0] for guess in map(header_guess, cells) if guess}
        if "name" in guesses or {"first_name", "last_name"} <= guesses:
            return index
    return 0


def read_table(data: bytes, filename: str = "") -> Table:
    """The header and numbered rows of a CSV or XLSX file. Raises ImportFileError if unreadable."""
    if not data or not data.strip():
        raise ImportFileError("empty_file", "The file is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("file_too_large", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    read = _read_xlsx(data) if _is_xlsx(data, filename) else _read_csv(data)
    rows = [(n, cells) for n, cells in read if any(c.strip() for c in cells)]
    if not rows:
        if not read:
            raise ImportFileError("empty_file", "The file is empty.")
        return Table(read[0][1], [])  # delimiters and nothing else: no name column to be found
    start = _header_at(rows)
    (header_line, header), body = rows[start], rows[start + 1 :]
    if len(body) > MAX_ROWS:
        raise ImportFileError(
            "too_many_rows",
            f"The file has {len(body)} rows; a list for this event has at most {MAX_ROWS}.",
            rows=len(body),
            max=MAX_ROWS,
        )
    width = max(len(cells) for _, cells in rows)
    header = [plain_text.one_line(h) for h in header] + [""] * (width - len(header))
    return Table(header, body, header_line)


# --- which column is what


def _compact(text: str) -> str:
    return re.sub(r"[\s\-_.*:?]", "", text.casefold())


def header_guess(title: str) -> tuple[str, int] | None:
    """(field, strength) a header suggests: 3 for a known header, 2 for a keyword in a longer
    header or question, 1 for one about the buyer or the invoice. None for anything else."""
    text = plain_text.one_line(title).casefold()
    if not text or any(c in text for c in '{}[]<>"') or len(text) > 200:
        return None  # JSON, HTML or a sentence pasted into the first row: not a header
    head, _, part = text.partition(":")
    if part and _compact(head) in _EXACT["name"]:
        found = _NAME_PARTS.get(" ".join(part.split()))
        return (found, 3) if found else None
    words = re.findall(r"\w+", text.replace("-", ""))
    weak = any(w in _WEAK for w in words)
    # "Deltakers e-post", "Attendee email": the person's own, not the buyer's (pretix has both).
    own = any(w.startswith(("deltaker", "attendee", "participant")) for w in words)
    compact = _compact(text)
    for name, aliases in _EXACT.items():
        if compact in aliases:
            return name, 4 if own and name != "name" else 3
    guess = None
    for name, starts in _WORD_STARTS:
        if any(w.startswith(s) for w in words for s in starts) or any(s in compact for s in starts if len(s) > 6):
            guess = name
            break
    if guess is None:
        joined = f" {' '.join(words)} "
        for name, phrases in _WORDS:
            if any(f" {p} " in joined for p in phrases):
                guess = name
                break
        if guess is None and any(w.endswith("navn") and not w.startswith(_NOT_NAMES) for w in words):
            guess = "name"
    if guess is None:
        return None
    return guess, 1 if weak else 4 if own and guess in ("email", "first_name", "last_name") else 2


def _blank(value: str) -> bool:
    return not value.strip() or value.strip().casefold() in _ANONYMOUS


@dataclass(frozen=True)
class _Column:
    index: int
    guess: str | None
    strength: int
    filled: int
    emails: int  # distinct addresses: a buyer's address repeated for a group order counts once
    themes: int
    counties: int


def _survey(table: Table, event: Event) -> list[_Column]:
    found = []
    for index, title in enumerate(table.header):
        values = [cells[index] for _, cells in table.rows if index < len(cells) and not _blank(cells[index])]
        guess = header_guess(title)
        themes = 0
        # A column of bare numbers (an ID, a quantity) says nothing about themes by its contents alone.
        for value in (v for v in values if not v.strip().isdigit()):
            try:
                themes += match_theme(value, event) is not None
            except ValueError:
                pass
        counties = sum(match_county(v, event) in event.counties for v in values)
        emails = len({v.strip().casefold() for v in values if _EMAIL.match(v.strip())})
        found.append(
            _Column(index, guess[0] if guess else None, guess[1] if guess else 0, len(values), emails, themes, counties)
        )
    return found


def propose_mapping(table: Table, event: Event) -> Mapping:
    """The columns as the header words and the contents suggest. The e-mail is the column with
    the most addresses (a sign-in column that says "anonymous" has none); the theme the one whose
    values match the themes; the county the one whose values match the counties."""
    columns = _survey(table, event)
    fields = [""] * len(table.header)

    def pick(name: str, candidates: list[_Column], key: Callable[[_Column], tuple[int, ...]]) -> None:
        free = [c for c in candidates if not fields[c.index]]
        if free:
            fields[max(free, key=key).index] = name

    pick(
        "email",
        [c for c in columns if c.emails and (c.guess == "email" or c.emails * 5 >= c.filled * 3)],
        lambda c: (c.strength, c.emails, -c.index),
    )
    for name in ("name", "first_name", "last_name"):
        pick(name, [c for c in columns if c.guess == name and c.filled], lambda c: (c.strength, c.filled, -c.index))
    pick(
        "theme",
        [c for c in columns if c.guess == "theme" or (c.themes and c.themes * 2 >= c.filled)],
        lambda c: (c.themes, c.strength, -c.index),
    )
    pick(
        "county",
        [c for c in columns if c.guess == "county" or (c.counties and c.counties * 2 >= c.filled)],
        lambda c: (c.counties, c.strength, c.filled, -c.index),
    )
    for name in ("role", "diet"):
        pick(name, [c for c in columns if c.guess == name], lambda c: (c.strength, c.filled, -c.index))
    return Mapping(tuple(fields))


def header_signature(header: Sequence[str]) -> str:
    """The same columns in the same order: the same export from the same tool."""
    return hashlib.sha256("\x1f".join(_compact(h) for h in header).encode()).hexdigest()[:20]


def _mapping_key(header: Sequence[str]) -> str:
    return f"import.mapping.{header_signature(header)}"


def remembered_mapping(db: sqlite_utils.Database, header: Sequence[str]) -> Mapping | None:
    """The mapping last imported with for a file with this header, if any."""
    stored = get_setting(db, _mapping_key(header))
    if not stored:
        return None
    try:
        fields = tuple(str(f) for f in json.loads(stored))
    except ValueError:
        return None
    if len(fields) != len(header) or any(f not in FIELDS for f in fields):
        return None
    return Mapping(fields)


def mapping_for(db: sqlite_utils.Database, table: Table, event: Event) -> Mapping:
    """What the organizer confirmed last time for this layout, or else a proposal."""
    return remembered_mapping(db, table.header) or propose_mapping(table, event)


def apply_overrides(table: Table, mapping: Mapping, overrides: dict[str, str]) -> Mapping:
    """`{"name": "Fullt navn"}`: a field to a column by its header (any case) or its number (1 = first)."""
    for name, wanted in overrides.items():
        if name not in FIELDS or not name:
            raise ImportFileError("bad_mapping", f"Unknown field {name!r}; use one of {', '.join(FIELDS[:-1])}.")
        keys = [_compact(h) for h in table.header]
        if _compact(wanted) in keys:
            index = keys.index(_compact(wanted))
        elif wanted.strip().isdigit() and 1 <= int(wanted) <= len(table.header):
            index = int(wanted) - 1
        elif not wanted.strip() or wanted.strip() == "-":
            mapping = Mapping(tuple("" if f == name else f for f in mapping.fields))
            continue
        else:
            raise ImportFileError(
                "bad_mapping", f"No column {wanted!r}; the columns are: {', '.join(table.header)}.", column=wanted
            )
        mapping = mapping.choose(index, name)
    return mapping


def describe_mapping(table: Table, mapping: Mapping) -> list[tuple[str, str]]:
    """(field, column header) for every column in use, in field order."""
    return [(name, table.header[index]) for name in FIELDS[:-1] for index in mapping.columns(name)]


# --- values as people write them


def _fold(text: str) -> str:
    """Case, accents (å is a), punctuation and spacing do not matter; "&" is "og"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.replace("&", " og ")).split())


def match_theme(value: str, event: Event) -> int | None:
    """Theme by number ("2", "Tema 2", "Theme 2: ..."), by title in either language, or by an
    unambiguous start of a title. Raises ValueError('unknown_theme' | 'ambiguous_theme' | 'both_themes')."""
    text = _fold(value)
    if not text:
        return None
    known = {th.id for th in event.themes}
    numbers = {int(n) for n in re.findall(r"(?:^|\b(?:tema|theme|temaet)\s*)(\d+)\b", text)}
    if re.fullmatch(r"(?:(?:tema|theme|temaet)?\s*\d+\s*(?:og|and|eller|or)?\s*)+", text):
        numbers = {int(n) for n in re.findall(r"\d+", text)}  # "1 og 2", "1 2" (from "1, 2")
    found = numbers & known
    titles = {th.id: {_fold(th.title.nb), _fold(th.title.en)} - {""} for th in event.themes}
    found |= {tid for tid, names in titles.items() if any(f" {n} " in f" {text} " for n in names)}
    if not found and len(text) >= 3:
        starts = {tid for tid, names in titles.items() if any(n.startswith(text) for n in names)}
        if len(starts) > 1:
            raise ValueError("ambiguous_theme")
        found = starts
    if len(found) > 1:
        raise ValueError("both_themes")
    if found:
        return found.pop()
    raise ValueError("unknown_theme")


def match_role(value: str) -> str | None:
    """Role from a job title by keyword. Raises ValueError('unknown_role') for a title we do not know."""
    text = value.strip().casefold()
    if not text:
        return None
    for role, words in ROLE_KEYWORDS:
        if any(w in text for w in words):
            return role
    raise ValueError("unknown_role")


def _county_lookup(event: Event) -> dict[str, str]:
    lookup = {_fold(c): c for c in event.counties}
    for county, aliases in COUNTY_ALIASES.items():
        if county in event.counties:
            lookup.update({_fold(a): county for a in aliases})
    return lookup


def match_county(value: str, event: Event) -> str | None:
    """The county's own spelling when the value names one of the event's counties (official name,
    short form, "X fylkeskommune", the Sami or Kven name, several of them split by "/");
    anything else (a ministry, a research institute) as written."""
    text = plain_text.one_line(value)
    if not text:
        return None
    lookup = _county_lookup(event)
    for part in re.split(r"\s*(?:/|\||–|—| - |\(|\))\s*", text):
        key = _COUNTY_SUFFIX.sub("", _fold(part))
        if key in lookup:
            return lookup[key]
    return text


# --- checking rows


def check_rows(table: Table, event: Event, mapping: Mapping | None = None) -> Checked:
    """Every row as it will be imported, or why not. A later row with the same e-mail replaces
    the earlier one (a form sent twice: the newer answer counts)."""
    mapping = mapping or propose_mapping(table, event)
    if not mapping.has_name():
        raise ImportFileError(
            "no_name_column",
            "The file has no name column (navn/name, or fornavn + etternavn) in its first rows.",
            columns=", ".join(table.header),
        )
    extra = [h for h, f in zip(table.header, mapping.fields, strict=True) if not f and h.strip()]
    valid: list[Row] = []
    rejected: list[Rejected] = []
    warnings: list[RowWarning] = []
    by_email: dict[str, int] = {}  # e-mail -> index in valid

    for line, cells in table.rows:

        def cell(name: str, cells: list[str] = cells) -> str:
            index = mapping.column(name)
            value = cells[index] if index is not None and index < len(cells) else ""
            return "" if _blank(value) else plain_text.one_line(value)

        if not any(c.strip() for c in cells):
            continue
        name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        email = cell("email")
        if not name:
            rejected.append(Rejected(line, "no_name", name=email))
            continue
        if len(name) > MAX_NAME_CHARS:
            rejected.append(Rejected(line, "name_too_long", str(len(name)), name=name[:40] + "…"))
            continue
        if email and not _EMAIL.match(email):
            rejected.append(Rejected(line, "bad_email", email, name=name))
            continue
        notes: list[RowWarning] = []
        if name.startswith(FORMULA_STARTS):
            notes.append(RowWarning(line, "formula_name", name))
        try:
            theme = match_theme(cell("theme"), event)
        except ValueError as exc:
            theme = None
            notes.append(RowWarning(line, str(exc), name, {"value": cell("theme")}))
        try:
            role = match_role(cell("role"))
        except ValueError:
            role = "other"
            notes.append(RowWarning(line, "unknown_role", name, {"value": cell("role")}))
        county = match_county(cell("county"), event)
        if county and re.search(r"departement|ministry", county, re.I) and role in (None, "caseworker", "other"):
            role = "ministry"
        kept = tuple(
            (table.header[i], cells[i].strip()) for i in mapping.columns("keep") if i < len(cells) and cells[i].strip()
        )
        row = Row(line, name, email or None, county, role, theme, cell("diet"), kept)
        key = email.casefold()
        if key and key in by_email:
            older = valid[by_email[key]]
            notes.append(
                RowWarning(
                    line, "duplicate_email", name, {"other": str(older.line), "other_name": older.name, "value": email}
                )
            )
            valid[by_email[key]] = row
        else:
            if key:
                by_email[key] = len(valid)
            valid.append(row)
        warnings += notes
    return Checked(valid, rejected, warnings, extra)


def preview(table: Table, event: Event, mapping: Mapping, limit: int = PREVIEW_ROWS) -> Checked:
    """The first rows as they will be imported with this mapping."""
    return check_rows(replace(table, rows=table.rows[:limit]), event, mapping)


# --- writing


def _existing(db: sqlite_utils.Database, row: Row) -> dict[str, Any] | None:
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


def _update(db: sqlite_utils.Database, old: dict[str, Any], row: Row, now: datetime) -> bool:
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
        "UPDATE participants SET name = ?, email = ?, county = ?, role = ?, theme = ?, deleted_at = NULL,"
        " updated_at = ? WHERE id = ?",
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
    mapping: Mapping | None = None,
    role: str = "organizer",
    desk: str | None = None,
) -> ImportReport:
    """Read, check and store a registration list in one transaction; return what happened.

    Without a mapping, the one confirmed last time for this header is used, or else the proposal.
    A mapping passed in (the organizer confirmed it) is remembered for the next file with this header."""
    table = read_table(data, filename)
    confirmed = mapping is not None
    mapping = mapping or mapping_for(db, table, event)
    checked = check_rows(table, event, mapping)
    report = ImportReport(
        rejected=checked.rejected, extra_columns=checked.extra, row_warnings=checked.warnings, event=event
    )
    diet_label = table.header[i] if (i := mapping.column("diet")) is not None else ""
    with write_tx(db):
        for row in checked.valid:
            old = _existing(db, row)
            if old is None:
                person_id = people.add_participant(
                    db,
                    name=row.name,
                    email=row.email,
                    county=row.county,
                    role=row.role or "caseworker",
                    theme=row.theme,
                    now=now,
                ).id
                report.added.append(row.name)
            else:
                person_id = old["id"]
                (report.updated if _update(db, old, row, now) else report.unchanged).append(row.name)
            if row.diet:
                extras.keep(db, person_id, diet_label, row.diet, kind="diet")
            for label, value in row.notes:
                extras.keep(db, person_id, label, value)
        report.warnings = county_warnings(db, event)
        if confirmed:
            put_setting(db, _mapping_key(table.header), json.dumps(list(mapping.fields)))
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
                "warnings": len(report.row_warnings),
                "mapping": [f"{name}={header}" for name, header in describe_mapping(table, mapping)],
            },
        )
    return report
