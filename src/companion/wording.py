"""Words instead of codes, for people: the audit trail and exported tables in the chosen language.

Machine codes stay available in a column of their own ("Status (kode)"), so a spreadsheet can still
be filtered by them; an unknown code is shown as it is rather than hidden.
"""

from collections.abc import Sequence
from typing import Any

from . import audit
from .event import Event
from .i18n import CATALOGUE, t

# Every action the audit trail records (a test reads audit.record calls and checks this list).
AUDIT_ACTIONS = (
    "backup.restore",
    "backup.snapshot",
    "checkin.undo",
    "evaluation.close",
    "evaluation.open",
    "groups.assign",
    "groups.lock_themes",
    "groups.move",
    "groups.reassign_present",
    "groups.reset_pins",
    "groups.unlock_themes",
    "message.send",
    "message.withdraw",
    "notes.screen",
    "notes.screen_off",
    "notes.star",
    "notes.star_off",
    "participant.walk_in",
    "participants.import",
    "poll.close",
    "poll.create",
    "poll.hide",
    "poll.open",
    "poll.show",
    "presentation.add",
    "presentation.remove",
    "privacy.erase",
    "privacy.purge",
    "question.answer",
    "question.approve",
    "question.edit",
    "question.hide",
    "question.merge",
    "question.reorder",
    "question.restore",
    "question.screen",
    "question.star",
    "question.unscreen",
    "question.unstar",
    "questions.override",
    "questions.premoderation",
    "schedule.delay",
)
# Detail keys with a label of their own ("id" -> "Nr."); any other key is shown as it is.
DETAIL_KEYS = ("id", "from", "to", "into", "merged", "participant_id", "position", "value", "on", "file", "answers")
# Columns whose values are codes: each gets a column in words and keeps the code beside it.
CODED = ("role", "theme", "status", "action")
# Every column name an export may carry, with a header in words ("wcol." + name).
COLUMNS = (
    "name",
    "email",
    "county",
    "role",
    "theme",
    "group",
    "room",
    "code",
    "checked_in_at",
    "walk_in",
    "id",
    "text",
    "status",
    "votes",
    "created_at",
    "answered_at",
    "merged_into",
    "at",
    "desk",
    "action",
    "detail",
    "method",
    "result",
    "scanned",
)
_STATUS_VALUES = ("pending", "published", "answered", "hidden", "on_screen", "merged")


def action_words(action: str, lang: str) -> str:
    """ "question.answer" -> "Spørsmål besvart"; an action without words is shown as its code."""
    return t(f"action.{action}", lang) if f"action.{action}" in CATALOGUE else action


def desk_words(desk: str | None, lang: str) -> str:
    """Where an action came from: the desk's name, a browser's address, the command line, or "unknown"."""
    if not desk or desk == "-":
        return t("wdesk.unknown", lang)
    return t("wdesk.cli", lang) if desk == "cli" else desk


def status_words(status: str, lang: str) -> str:
    return t(f"q.status.{status}", lang) if f"q.status.{status}" in CATALOGUE else status


def role_words(role: str, lang: str) -> str:
    return t(f"role.{role}", lang) if f"role.{role}" in CATALOGUE else role


def header(column: str, lang: str) -> str:
    return t(f"wcol.{column}", lang) if f"wcol.{column}" in CATALOGUE else column


def _key_words(key: str, lang: str) -> str:
    return t(f"wkey.{key}", lang) if f"wkey.{key}" in CATALOGUE else key


def _value(key: str, value: Any, lang: str) -> str:
    if key in ("from", "to") and value in _STATUS_VALUES:
        return status_words(str(value), lang)
    if key in ("id", "into", "participant_id") and isinstance(value, int):
        return f"#{value}"
    if key == "merged" and isinstance(value, list):
        return ", ".join(f"#{v}" for v in value)
    if isinstance(value, bool):
        return t("wval.yes" if value else "wval.no", lang)
    return str(value)


def detail_words(detail: str | None, lang: str) -> str:
    """The JSON detail as a short sentence: {"from": "published", "id": 5} -> "Nr.: #5; fra: Publisert"."""
    values = audit.detail_values(detail)
    if isinstance(values, str):
        return values
    ordered = sorted(
        values.items(), key=lambda kv: DETAIL_KEYS.index(kv[0]) if kv[0] in DETAIL_KEYS else len(DETAIL_KEYS)
    )
    return "; ".join(f"{_key_words(k, lang)}: {_value(k, v, lang)}" for k, v in ordered)


def _cell(column: str, value: Any, lang: str, event: Event | None) -> Any:
    if value in ("", None):
        return ""
    if column == "role":
        return role_words(str(value), lang)
    if column == "theme":
        number = int(value) if str(value).isdigit() else None
        if number == 0:
            return t("q.theme_general", lang)
        found = event.theme(number) if event is not None and number is not None else None
        return found.name(lang) if found else str(value)
    if column == "status":
        return status_words(str(value), lang)
    if column == "action":
        return action_words(str(value), lang)
    if column == "walk_in":
        return t("wval.yes", lang) if value else ""
    return value


def worded(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], lang: str, *, event: Event | None = None
) -> tuple[tuple[str, ...], list[list[Any]]]:
    """A table for people: headers in words, coded values in words with the code in the next column."""
    out_columns: list[str] = []
    for column in columns:
        out_columns.append(header(column, lang))
        if column in CODED:
            out_columns.append(t("wcol.code_of", lang, column=header(column, lang)))
    out_rows = []
    for row in rows:
        cells: list[Any] = []
        for column, value in zip(columns, row, strict=True):
            cells.append(_cell(column, value, lang, event))
            if column in CODED:
                cells.append(value)
        out_rows.append(cells)
    return tuple(out_columns), out_rows


def audit_table(trail: Sequence[Any], lang: str) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The audit trail (audit.trail rows) in words: "Spørsmål besvart", "nr.: #5; fra: Publisert",
    with the action's code and the raw detail kept in columns of their own."""
    columns = (
        header("at", lang),
        header("role", lang),
        header("desk", lang),
        header("action", lang),
        t("wcol.code_of", lang, column=header("action", lang)),
        header("detail", lang),
        t("wcol.code_of", lang, column=header("detail", lang)),
    )
    rows = [
        [
            r["at"],
            role_words(r["role"], lang),
            desk_words(r["desk"], lang),
            action_words(r["action"], lang),
            r["action"],
            detail_words(r["detail"], lang),
            r["detail"] or "",
        ]
        for r in trail
    ]
    return columns, rows
