"""A check-in result in words, the same at the desk and in the terminal."""

from dataclasses import dataclass

from .checkin import CheckInResult
from .event import Event
from .i18n import clock_time, error_text, t


@dataclass(frozen=True)
class ResultText:
    colour: str  # green / orange / red
    headline: str
    name: str = ""
    details: tuple[str, ...] = ()


def describe(result: CheckInResult, event: Event, lang: str = "nb", diet: str = "") -> ResultText:
    """The result in words; `diet` is the person's dietary needs as they wrote them, shown on a green result."""
    if result.code == "checked_in":
        headline = t("desk.result.checked_in", lang)
    elif result.code == "already_checked_in" and result.at is not None:
        time = clock_time(result.at.astimezone(event.tz))
        key = "desk.result.already_checked_in" if result.desk else "desk.result.already_no_desk"
        headline = t(key, lang, time=time, desk=result.desk or "")
    else:
        headline = error_text(result.code, lang)
    person = result.participant
    if person is None or result.colour == "red" and result.code != "deleted_participant":
        return ResultText(result.colour, headline)
    details = [person.county or ""]
    if result.placement:
        room = event.room(result.placement.room)
        where = f" – {room.location}" if room and room.location else ""
        details.append(
            t("desk.group_room", lang, number=result.placement.group_number, room=result.placement.room) + where
        )
    elif result.colour != "red":
        details.append(t("desk.no_group", lang))
    if diet and result.colour == "green":
        details.append(t("desk.diet", lang, diet=diet))
    return ResultText(result.colour, headline, person.name, tuple(d for d in details if d))


def one_line(text: ResultText) -> str:
    parts = [text.headline] + ([text.name] if text.name else []) + list(text.details)
    return " · ".join(parts)
