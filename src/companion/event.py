"""Load the event from data/ files into an immutable Event, and validate it.

A malformed file stops start-up with an EventDataError whose message names the file,
the line and the problem, so an organizer can fix it without reading code.
"""

import csv
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import EventDataError

SLOT_KINDS = ("registration", "plenary", "group", "lunch", "break", "panel", "closing", "end")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Text:
    """A string in both languages."""

    nb: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.nb


@dataclass(frozen=True)
class Theme:
    id: int
    title: Text
    question: Text
    short: Text = Text("", "")  # a name for tight places: the question form, Storskjerm, filters

    def name(self, lang: str) -> str:
        return self.short(lang) or self.title(lang)


@dataclass(frozen=True)
class ProgrammeItem:
    start: datetime
    end: datetime
    kind: str
    title: Text
    details_nb: tuple[str, ...]
    details_en: tuple[str, ...]

    def details(self, lang: str) -> tuple[str, ...]:
        return self.details_en if lang == "en" and self.details_en else self.details_nb


@dataclass(frozen=True)
class Room:
    name: str
    location: str
    capacity: int


@dataclass(frozen=True)
class Event:
    name: Text
    host: Text
    date: date
    tz: ZoneInfo
    venue: str
    contact: str
    max_per_county: int
    groups_published_at: datetime
    cross_cutting: Text
    after: Text
    themes: tuple[Theme, ...]
    programme: tuple[ProgrammeItem, ...]
    counties: tuple[str, ...]
    rooms: tuple[Room, ...]
    # Personvern: who is responsible for the personal data, whom to ask, how long it is kept.
    controller: Text = Text("", "")
    privacy_contact: str = ""
    retention_days: int = 30

    def theme(self, theme_id: int | None) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def room(self, name: str | None) -> Room | None:
        return next((r for r in self.rooms if r.name == name), None)

    @property
    def starts(self) -> datetime:
        return self.programme[0].start

    @property
    def ends(self) -> datetime:
        return self.programme[-1].end


def _fail(path: Path, line: int | None, problem: str) -> NoReturn:
    where = f"{path}, line {line}" if line else str(path)
    raise EventDataError("bad_event_file", f"{where}: {problem}", file=str(path), line=line)


def _read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers (the header is line 1)."""
    if not path.exists():
        _fail(path, None, "file is missing")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        _fail(path, None, f"not UTF-8 text ({exc.reason})")
    reader = csv.DictReader(text.splitlines())
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        _fail(path, 1, f"missing column {', '.join(repr(c) for c in missing)}")
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row:
            _fail(path, line, "more fields than the header has")
        cleaned = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if any(cleaned.values()):
            rows.append((line, cleaned))
    return rows


def _need(path: Path, line: int, row: dict[str, str], column: str) -> str:
    value = row.get(column, "")
    if not value:
        _fail(path, line, f"column {column!r} is empty")
    return value


def _clock_time(path: Path, line: int | None, value: str, column: str) -> time:
    match = _TIME.match(value)
    if not match:
        _fail(path, line, f"{column} {value!r} is not a time of day (HH:MM, e.g. 09:30)")
    return time(int(match[1]), int(match[2]))


def _split(details: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in details.split("|") if part.strip())


def load_programme(path: Path, day: date, tz: ZoneInfo) -> tuple[ProgrammeItem, ...]:
    items: list[ProgrammeItem] = []
    for line, row in _read_csv(path, ("start", "end", "kind", "title_nb", "title_en")):
        start = datetime.combine(day, _clock_time(path, line, row["start"], "start"), tz)
        end = datetime.combine(day, _clock_time(path, line, row["end"], "end"), tz)
        kind = _need(path, line, row, "kind")
        if kind not in SLOT_KINDS:
            _fail(path, line, f"kind {kind!r} is not one of {', '.join(SLOT_KINDS)}")
        if end < start or (end == start and kind != "end"):
            _fail(path, line, f"ends {row['end']}, not after it starts ({row['start']})")
        if items and start < items[-1].end:
            _fail(path, line, f"starts {row['start']}, before the previous slot ends ({items[-1].end:%H:%M})")
        if items and items[-1].kind == "end":
            _fail(path, line, "comes after the 'end' slot, which must be last")
        title = Text(_need(path, line, row, "title_nb"), row.get("title_en", ""))
        items.append(
            ProgrammeItem(start, end, kind, title, _split(row.get("details_nb", "")), _split(row.get("details_en", "")))
        )
    if not items:
        _fail(path, None, "has no slots")
    return tuple(items)


SHORT_NAME_MAX = 32


def load_themes(path: Path) -> tuple[Theme, ...]:
    themes: list[Theme] = []
    columns = ("id", "short_nb", "short_en", "title_nb", "title_en", "question_nb", "question_en")
    for line, row in _read_csv(path, columns):
        raw_id = _need(path, line, row, "id")
        if not raw_id.isdigit() or int(raw_id) < 1:
            _fail(path, line, f"id {raw_id!r} is not a positive whole number")
        if any(t.id == int(raw_id) for t in themes):
            _fail(path, line, f"id {raw_id} appears twice")
        short = Text(_need(path, line, row, "short_nb"), row["short_en"])
        if max(len(short.nb), len(short.en)) > SHORT_NAME_MAX:
            _fail(path, line, f"short name longer than {SHORT_NAME_MAX} characters")
        themes.append(
            Theme(
                int(raw_id),
                Text(_need(path, line, row, "title_nb"), row["title_en"]),
                Text(row["question_nb"], row["question_en"]),
                short,
            )
        )
    if not themes:
        _fail(path, None, "has no themes")
    return tuple(themes)


def load_counties(path: Path) -> tuple[str, ...]:
    counties: list[str] = []
    for line, row in _read_csv(path, ("name",)):
        name = _need(path, line, row, "name")
        if name in counties:
            _fail(path, line, f"county {name!r} appears twice")
        counties.append(name)
    return tuple(counties)


def load_rooms(path: Path) -> tuple[Room, ...]:
    rooms: list[Room] = []
    for line, row in _read_csv(path, ("name", "location", "capacity")):
        name = _need(path, line, row, "name")
        capacity = row["capacity"]
        if not capacity.isdigit() or int(capacity) < 1:
            _fail(path, line, f"capacity {capacity!r} is not a positive whole number")
        if any(r.name == name for r in rooms):
            _fail(path, line, f"room {name!r} appears twice")
        rooms.append(Room(name, row["location"], int(capacity)))
    return tuple(rooms)


def _event_table(path: Path) -> dict[str, Any]:
    if not path.exists():
        _fail(path, None, "file is missing")
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("event")
    except tomllib.TOMLDecodeError as exc:
        _fail(path, getattr(exc, "lineno", None), str(exc))
    if not isinstance(table, dict):
        _fail(path, None, "has no [event] table")
    for key in ("name_nb", "date", "timezone", "venue", "contact"):
        if not table.get(key):
            _fail(path, None, f"[event] needs {key!r}")
    return table


def load_event(data_dir: Path | str) -> Event:
    data_dir = Path(data_dir)
    path = data_dir / "event.toml"
    table = _event_table(path)
    try:
        day = date.fromisoformat(str(table["date"]))
    except ValueError:
        _fail(path, None, f"date {table['date']!r} is not a date (YYYY-MM-DD)")
    try:
        tz = ZoneInfo(table["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        _fail(path, None, f"timezone {table['timezone']!r} is unknown (e.g. Europe/Oslo)")
    published = _clock_time(path, None, str(table.get("groups_published_at", "09:45")), "groups_published_at")
    max_per_county = table.get("max_per_county", 4)
    if not isinstance(max_per_county, int) or max_per_county < 1:
        _fail(path, None, "max_per_county must be a positive whole number")
    controller, privacy_contact, retention_days = _privacy_fields(path, table)
    return Event(
        name=Text(table["name_nb"], table.get("name_en", "")),
        host=Text(table.get("host_nb", ""), table.get("host_en", "")),
        date=day,
        tz=tz,
        venue=table["venue"],
        contact=table["contact"],
        max_per_county=max_per_county,
        groups_published_at=datetime.combine(day, published, tz),
        cross_cutting=Text(table.get("cross_cutting_nb", ""), table.get("cross_cutting_en", "")),
        after=Text(table.get("after_nb", ""), table.get("after_en", "")),
        themes=load_themes(data_dir / "themes.csv"),
        programme=load_programme(data_dir / "programme.csv", day, tz),
        counties=load_counties(data_dir / "counties.csv"),
        rooms=load_rooms(data_dir / "rooms.csv"),
        controller=controller,
        privacy_contact=privacy_contact,
        retention_days=retention_days,
    )


MAX_RETENTION_DAYS = 3650


def _privacy_fields(path: Path, table: dict[str, Any]) -> tuple[Text, str, int]:
    """controller_nb/_en (who is responsible; the host when missing), privacy_contact (the
    contact when missing) and retention_days (days after the event; 30 when missing)."""
    for key in ("controller_nb", "controller_en", "privacy_contact"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            _fail(path, None, f"[event] {key} must be non-empty text")
    days = table.get("retention_days", 30)
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_RETENTION_DAYS:
        _fail(path, None, f"retention_days must be a whole number of days from 1 to {MAX_RETENTION_DAYS}")
    controller = Text(
        table.get("controller_nb") or table.get("host_nb", ""), table.get("controller_en") or table.get("host_en", "")
    )
    if not controller.nb:
        _fail(path, None, "[event] needs 'controller_nb' (who is responsible for the personal data) or 'host_nb'")
    return controller, table.get("privacy_contact") or table["contact"], days
