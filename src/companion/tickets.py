"""Tickets out of the store: the links CSV for mail merge, a printable A4 badge sheet, and the
participants and check-in exports. Every table goes through spreadsheet.py (formulas neutralized)."""

import html
import re
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from . import spreadsheet
from .event import Event
from .people import personal_url
from .qr import qr_svg

LINK_COLUMNS = ("name", "email", "county", "code", "personal_url")
PARTICIPANT_COLUMNS = ("name", "email", "county", "role", "theme", "group", "room", "code", "checked_in_at", "walk_in")
# The scan log names a person by their short code; what was scanned is kept only with every
# token-shaped run masked, so the file never opens anyone's pages. Only links() holds tokens.
SCAN_COLUMNS = ("at", "desk", "method", "result", "name", "county", "code", "scanned")
_TOKEN_RUN = re.compile(r"[A-Za-z0-9_-]{32,}")


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[tuple]

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


def _people(db: sqlite_utils.Database) -> list[dict]:
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

_SHEET_CSS = """
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #111; }
.sheet { display: grid; grid-template-columns: repeat(2, 90mm); grid-auto-rows: 64mm; gap: 5mm 6mm; justify-content: center; }
.badge { border: 0.3mm dashed #888; padding: 4mm 5mm; display: flex; gap: 4mm; align-items: center; break-inside: avoid; page-break-inside: avoid; }
.badge svg { width: 36mm; height: 36mm; flex: none; }
.who { min-width: 0; }
.name { font-size: 16pt; font-weight: 700; line-height: 1.15; overflow-wrap: anywhere; }
.county { font-size: 11pt; margin-top: 2mm; }
.room { font-size: 11pt; margin-top: 2mm; font-weight: 600; }
.code { font: 600 12pt ui-monospace, Menlo, Consolas, monospace; letter-spacing: .15em; margin-top: 3mm; }
.event { font-size: 8pt; color: #444; margin-top: 2mm; }
@media screen { body { background: #eee; } .sheet { background: #fff; padding: 10mm 0; width: 210mm; margin: 0 auto; } }
"""


def _badge(p: dict, base_url: str, event_name: str) -> str:
    svg = qr_svg(personal_url(base_url, p["token"]))
    svg = svg[svg.index("<svg") :]  # drop the XML declaration: the SVG sits inline in HTML
    room = f'<div class="room">Grupperom: {html.escape(p["room"])}</div>' if p["room"] else ""
    return (
        f'<div class="badge">{svg}<div class="who">'
        f'<div class="name">{html.escape(p["name"])}</div>'
        f'<div class="county">{html.escape(p["county"] or "")}</div>{room}'
        f'<div class="code">{html.escape(p["code"])}</div>'
        f'<div class="event">{html.escape(event_name)}</div></div></div>'
    )


def badge_sheet(db: sqlite_utils.Database, event: Event, base_url: str) -> str:
    """One self-contained HTML file: print it on A4, eight badges (2 x 4) a page, each with its QR."""
    badges = "\n".join(_badge(p, base_url, event.name("nb")) for p in _people(db))
    title = html.escape(f"Navneskilt – {event.name('nb')}")
    return (
        f'<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{title}</title>'
        f'<style>{_SHEET_CSS}</style></head><body><div class="sheet">\n{badges}\n</div></body></html>'
    )


def write_tickets(db: sqlite_utils.Database, event: Event, base_url: str, out_dir: Path | str) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    links_path = links(db, base_url).write(out / "links.csv")
    sheet_path = out / "badges.html"
    sheet_path.write_text(badge_sheet(db, event, base_url), encoding="utf-8")
    return links_path, sheet_path
