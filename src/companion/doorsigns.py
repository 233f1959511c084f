"""Door signs: one printed page per group (room, theme, group, members), as one HTML file.

Self-contained (inline CSS, no fonts or images from elsewhere), so it prints the same from a
laptop without network. Each group starts on a new sheet.
"""

import html
from collections.abc import Sequence

from .event import Event
from .groups import GroupView

_CSS = """
@page { size: A4 portrait; margin: 18mm; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0; }
.sign { page-break-after: always; break-after: page; padding: 8mm 0; }
.sign:last-child { page-break-after: auto; break-after: auto; }
.room { font-size: 44pt; font-weight: 700; margin: 0; line-height: 1.05; }
.where { font-size: 15pt; color: #333; margin: 2mm 0 8mm; }
.group { font-size: 26pt; font-weight: 700; margin: 0; }
.theme { font-size: 17pt; margin: 2mm 0 8mm; }
h2 { font-size: 14pt; text-transform: uppercase; letter-spacing: .05em; border-bottom: 2px solid #111; padding-bottom: 1mm; }
ol { columns: 2; column-gap: 12mm; font-size: 14pt; line-height: 1.5; padding-left: 7mm; }
li { break-inside: avoid; }
.county { color: #444; }
.fac { font-size: 14pt; }
@media screen { body { max-width: 210mm; margin: 0 auto; padding: 0 10mm; }
  .sign { border-bottom: 1px dashed #999; margin-bottom: 10mm; } }
"""


def _member(person) -> str:
    county = f' <span class="county">({html.escape(person.county)})</span>' if person.county else ""
    return f"<li>{html.escape(person.name)}{county}</li>"


def door_signs_html(event: Event, groups: Sequence[GroupView], lang: str = "nb") -> str:
    en = lang == "en"
    label_group = "Group" if en else "Gruppe"
    label_members = "Members" if en else "Deltakere"
    pages = []
    for group in groups:
        theme = event.theme(group.theme)
        title = theme.title(lang) if theme else ""
        facilitators = ", ".join(html.escape(p.name) for p in group.facilitators)
        label_facilitator = (
            ("Facilitator" if en else "Fasilitator")
            if len(group.facilitators) == 1
            else ("Facilitators" if en else "Fasilitatorer")
        )
        others = [p for p in group.members if not p.is_facilitator]
        pages.append(
            '<section class="sign">'
            f'<p class="room">{html.escape(group.room.name)}</p>'
            f'<p class="where">{html.escape(group.room.location)}</p>'
            f'<p class="group">{label_group} {group.number}</p>'
            f'<p class="theme">{html.escape(title)}</p>'
            + (f'<p class="fac"><strong>{label_facilitator}:</strong> {facilitators}</p>' if facilitators else "")
            + f"<h2>{label_members} ({len(others)})</h2>"
            f"<ol>{''.join(_member(p) for p in others)}</ol>"
            "</section>"
        )
    title = f"{event.name(lang)}: {'door signs' if en else 'dørskilt'}"
    return (
        f'<!doctype html><html lang="{"en" if en else "nb"}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>{''.join(pages)}</body></html>"
    )
