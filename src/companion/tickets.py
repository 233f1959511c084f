"""Tickets out of the store: the links CSV for mail merge, a printable A4 badge sheet, and the
participants and check-in exports. Every table goes through spreadsheet.py (formulas neutralized)."""

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils
from markupsafe import Markup

from . import spreadsheet
from .config import is_local_url
from .errors import ConfigError
from .event import Event
from .i18n import t
from .people import personal_url
from .qr import qr_svg
from .templating import render

LINK_COLUMNS = ("name", "email", "county", "code", "personal_url")
PARTICIPANT_COLUMNS = ("name", "email", "county", "role", "theme", "group", "room", "code", "checked_in_at", "walk_in")
# The scan log names a person by their short code; what was scanned is kept only with every
# token-shaped run masked, so the file never opens anyone's pages. Only links() holds tokens.
SCAN_COLUMNS = ("at", "desk", "method", "result", "name", "county", "code", "scanned")
_TOKEN_RUN = re.compile(r"[A-Za-z0-9_-]{32,}")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def csv(self) -> bytes:
        return spreadsheet.csv_bytes(self.columns, self.rows)

    def xlsx(self) -> bytes:
        return spreadsheet.xlsx_bytes(self.columns, self.rows)

    def write(self, path: Path | str) -> Path:
        return spreadsheet.write_table(path, self.columns, self.rows)


_PEOPLE = """
SELECT p.*, g.number AS group_number, g.room AS room, c.at AS checked_in_at
FROM participants p
LEFT JOIN group_members m ON m.participant_id = p.id
LEFT JOIN groups g ON g.id = m.group_id
LEFT JOIN checkins c ON c.participant_id = p.id AND c.undone_at IS NULL
WHERE p.deleted_at IS NULL
ORDER BY p.county COLLATE NOCASE, p.name COLLATE NOCASE, p.id
"""


def _people(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query(_PEOPLE))


def links(db: sqlite_utils.Database, base_url: str) -> Table:
    rows = [
        (p["name"], p["email"] or "", p["county"] or "", p["code"], personal_url(base_url, p["token"]))
        for p in _people(db)
    ]
    return Table(LINK_COLUMNS, rows)


def participants(db: sqlite_utils.Database) -> Table:
    rows = [
        (
            p["name"],
            p["email"] or "",
            p["county"] or "",
            p["role"],
            p["theme"] or "",
            p["group_number"] or "",
            p["room"] or "",
            p["code"],
            p["checked_in_at"] or "",
            "yes" if p["walk_in"] else "",
        )
        for p in _people(db)
    ]
    return Table(PARTICIPANT_COLUMNS, rows)


def _masked(raw: str | None) -> str:
    return _TOKEN_RUN.sub("[token]", raw or "")


def scan_log(db: sqlite_utils.Database) -> Table:
    rows = db.query(
        "SELECT s.at, s.desk, s.method, s.result, p.name, p.county, p.code, s.raw"
        " FROM scans s LEFT JOIN participants p ON p.id = s.participant_id ORDER BY s.id"
    )
    return Table(SCAN_COLUMNS, [(*(r[c] or "" for c in SCAN_COLUMNS[:-1]), _masked(r["raw"])) for r in rows])


# --- the badge sheet


def _badge(p: dict[str, Any], base_url: str) -> dict[str, Any]:
    svg = qr_svg(personal_url(base_url, p["token"]))
    # Our own QR code, drawn by qrcode: markup to keep, without the XML declaration (inline in HTML).
    qr = Markup(svg[svg.index("<svg") :])
    return {"qr": qr, "name": p["name"], "county": p["county"] or "", "room": p["room"], "code": p["code"]}


def badge_sheet(db: sqlite_utils.Database, event: Event, base_url: str, lang: str = "nb") -> str:
    """One self-contained HTML file (ui/templates/badges.html): print it on A4, eight badges
    (2 x 4) a page, each with its QR."""
    return render(
        "badges.html",
        lang=lang,
        t=functools.partial(t, lang=lang),
        event_name=event.name(lang),
        badges=[_badge(p, base_url) for p in _people(db)],
    )


def check_public(base_url: str) -> None:
    """Refuse links that open only on this machine: a mail merge would send a hundred dead links."""
    if is_local_url(base_url):
        raise ConfigError(
            "local_links",
            f"The links would point at {base_url}, which opens only on this machine. Set COMPANION_BASE_URL "
            "to the address phones use (e.g. https://verksted.example.no), or give --allow-localhost for a test.",
            url=base_url,
        )


def write_tickets(db: sqlite_utils.Database, event: Event, base_url: str, out_dir: Path | str) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    links_path = links(db, base_url).write(out / "links.csv")
    sheet_path = out / "badges.html"
    sheet_path.write_text(badge_sheet(db, event, base_url), encoding="utf-8")
    return links_path, sheet_path
