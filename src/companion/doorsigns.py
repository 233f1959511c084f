"""Door signs: one printed page per group (room, theme, group, members), as one HTML file.

Self-contained (inline CSS, no fonts or images from elsewhere), so it prints the same from a
laptop without network. Each group starts on a new sheet. The page is ui/templates/doorsigns.html.
"""

import functools
from collections.abc import Sequence

from .event import Event
from .groups import GroupView
from .i18n import t
from .templating import render


def door_signs_html(event: Event, groups: Sequence[GroupView], lang: str = "nb") -> str:
    signs = []
    for group in groups:
        theme = event.theme(group.theme)
        signs.append(
            {
                "room": group.room.name,
                "location": group.room.location,
                "number": group.number,
                "theme": theme.title(lang) if theme else "",
                "facilitators": [p.name for p in group.facilitators],
                "members": [p for p in group.members if not p.is_facilitator],
            }
        )
    return render(
        "doorsigns.html", lang=lang, t=functools.partial(t, lang=lang), event_name=event.name(lang), signs=signs
    )
