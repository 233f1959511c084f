"""Presentations: a PDF or a link attached to a programme item, shown on Nå from the item's start
and listed together after the day.

An item is named by its start in the programme file ("09:00"), the same before and after a delay.
A PDF is checked (it starts with %PDF-, at most MAX_BYTES) and kept as <id>.pdf in a folder beside
the database; its file name is kept only as a title, cleaned to a safe name for the download.
Adding and removing are audit-logged.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from . import audit, text
from .agenda import Shift, schedule
from .clock import to_iso
from .db import write_tx
from .errors import HallError
from .event import Event, ProgrammeItem

MAX_BYTES = 50 * 1024 * 1024
MAGIC = b"%PDF-"
MAX_TITLE = 120
MAX_URL = 500
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_LETTERS = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O"})


@dataclass(frozen=True)
class Presentation:
    id: int
    slot: str
    kind: str
    title: str
    url: str | None
    size: int | None


def folder(db_path: Path) -> Path:
    return Path(db_path).parent / "presentations"


def pdf_path(db_path: Path, presentation_id: int) -> Path:
    return folder(db_path) / f"{int(presentation_id)}.pdf"


def slot_key(item: ProgrammeItem) -> str:
    return f"{item.start:%H:%M}"


def item_for(event: Event, slot: str) -> ProgrammeItem:
    found = next((i for i in event.programme if slot_key(i) == slot and i.kind != "end"), None)
    if found is None:
        raise HallError("unknown_slot", f"No programme item starts at {slot!r}.", slot=slot[:10])
    return found


def safe_filename(name: str) -> str:
    """An ASCII file name for Content-Disposition: letters, digits, dot, dash, underscore."""
    spelled = name.translate(_LETTERS)
    ascii_name = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    stem = _SAFE.sub("_", Path(ascii_name).stem).strip("._-")[:60] or "presentation"
    return f"{stem}.pdf"


def check_pdf(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise HallError("pdf_too_large", "At most 50 MB.", max=MAX_BYTES // (1024 * 1024))
    if not data.startswith(MAGIC):
        raise HallError("not_a_pdf", "This is not a PDF file.")


def _title(value: str) -> str:
    kept = text.one_line(value)[:MAX_TITLE]
    if not kept:
        raise HallError("bad_presentation_title", "Give the presentation a title.")
    return kept


def add_pdf(
    db: sqlite_utils.Database,
    db_path: Path,
    event: Event,
    slot: str,
    data: bytes,
    filename: str,
    *,
    now: datetime,
    role: str,
    desk: str | None = None,
) -> Presentation:
    item_for(event, slot)
    check_pdf(data)
    title = _title(Path(filename).stem or filename)
    target = folder(db_path)
    target.mkdir(parents=True, exist_ok=True)
    with write_tx(db):
        cursor = db.execute(
            "INSERT INTO presentations (slot, kind, title, file, size, created_at) VALUES (?, 'pdf', ?, ?, ?, ?)",
            (slot, title, safe_filename(filename), len(data), to_iso(now)),
        )
        new_id = int(cursor.lastrowid or 0)
        partial = target / f"{new_id}.pdf.part"
        partial.write_bytes(data)
        partial.replace(pdf_path(db_path, new_id))
        audit.record(db, at=now, role=role, desk=desk, action="presentation.add", detail={"presentation": new_id})
    return Presentation(new_id, slot, "pdf", title, None, len(data))


def add_link(
    db: sqlite_utils.Database,
    event: Event,
    slot: str,
    url: str,
    title: str,
    *,
    now: datetime,
    role: str,
    desk: str | None = None,
) -> Presentation:
    item_for(event, slot)
    kept = url.strip()
    parts = urlsplit(kept)
    if (
        len(kept) > MAX_URL
        or parts.scheme not in ("https", "http")
        or not parts.netloc
        or any(c.isspace() for c in kept)
    ):
        raise HallError("bad_link", "A link starts with https:// and has no spaces.")
    name = _title(title)
    with write_tx(db):
        cursor = db.execute(
            "INSERT INTO presentations (slot, kind, title, url, created_at) VALUES (?, 'link', ?, ?, ?)",
            (slot, name, kept, to_iso(now)),
        )
        new_id = int(cursor.lastrowid or 0)
        audit.record(db, at=now, role=role, desk=desk, action="presentation.add", detail={"presentation": new_id})
    return Presentation(new_id, slot, "link", name, kept, None)


def remove(
    db: sqlite_utils.Database, presentation_id: int, *, now: datetime, role: str, desk: str | None = None
) -> None:
    with write_tx(db):
        changed = db.execute(
            "UPDATE presentations SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
            (to_iso(now), presentation_id),
        ).rowcount
        if not changed:
            raise HallError("presentation_not_found", "No such presentation.")
        audit.record(
            db, at=now, role=role, desk=desk, action="presentation.remove", detail={"presentation": presentation_id}
        )


def all_presentations(db: sqlite_utils.Database) -> list[Presentation]:
    rows = db.execute(
        "SELECT id, slot, kind, title, url, size FROM presentations WHERE removed_at IS NULL ORDER BY slot, id"
    ).fetchall()
    return [Presentation(*r) for r in rows]


def get(db: sqlite_utils.Database, presentation_id: int) -> tuple[Presentation, str] | None:
    """A PDF presentation that is not removed, with its download file name."""
    row = db.execute(
        "SELECT id, slot, kind, title, url, size, file FROM presentations"
        " WHERE id = ? AND kind = 'pdf' AND removed_at IS NULL",
        (presentation_id,),
    ).fetchone()
    return None if row is None else (Presentation(*row[:6]), row[6])


def started(
    db: sqlite_utils.Database, event: Event, now: datetime, shifts: Sequence[Shift] = ()
) -> list[tuple[str, Presentation]]:
    """(item title in nb, presentation) for items that have begun (following any delay), in programme order."""
    starts = {slot_key(s.item): s.start for s in schedule(event.programme, shifts)}
    return [(p.slot, p) for p in all_presentations(db) if p.slot in starts and starts[p.slot] <= now]
