"""The only source of "now". Everything else receives `now` as an argument.

Three modes:
- live: the real time, on the event day;
- rehearsal: any other day, today's time of day mapped onto the event day;
- fixed: COMPANION_NOW starts the clock at a chosen moment and lets it run forward. The start is
  stored (`anchor_text`), so a restarted server continues the same run (`resume`) instead of
  starting again at COMPANION_NOW, which would stamp a later check-in earlier than an older one.
"""

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from .errors import ConfigError

NOW_EXAMPLE = "2019-09-25T10:45 or 2019-09-25T10:45:00+02:00"


@dataclass(frozen=True)
class Clock:
    mode: str  # "live" | "rehearsal" | "fixed"
    tz: ZoneInfo
    event_date: date
    started_real: datetime | None = None  # fixed mode: real instant the clock was started
    started_at: datetime | None = None  # fixed mode: simulated instant at that real instant

    @property
    def is_live(self) -> bool:
        return self.mode == "live"

    def now(self, real_now: datetime | None = None) -> datetime:
        real = real_now or datetime.now(self.tz)
        if self.mode == "fixed":
            assert self.started_real is not None and self.started_at is not None, "a fixed clock has its start"
            # In UTC: Python subtracts two datetimes of the same zone in wall-clock time,
            # which is an hour off across a daylight-saving change.
            elapsed = real.astimezone(UTC) - self.started_real.astimezone(UTC)
            return (self.started_at.astimezone(UTC) + elapsed).astimezone(self.tz)
        if self.mode == "rehearsal":
            local = real.astimezone(self.tz)
            return datetime.combine(self.event_date, local.time().replace(tzinfo=None), self.tz)
        return real.astimezone(self.tz)

    def offset_ms(self, real_now: datetime | None = None) -> int:
        """How far this clock is ahead of real time; the browser adds it to Date.now()."""
        real = real_now or datetime.now(self.tz)
        return round((self.now(real).astimezone(UTC) - real.astimezone(UTC)).total_seconds() * 1000)


def parse_instant(text: str, tz: ZoneInfo, name: str = "COMPANION_NOW") -> datetime:
    """ISO-8601 date-time; without an offset it is read as local event time."""
    try:
        value = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ConfigError("bad_now", f"{name} must look like {NOW_EXAMPLE} (got {text!r})") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(tz)


def make_clock(event_date: date, tz: ZoneInfo, now_setting: str | None, real_now: datetime | None = None) -> Clock:
    real = (real_now or datetime.now(tz)).astimezone(tz)
    if now_setting:
        return Clock("fixed", tz, event_date, started_real=real, started_at=parse_instant(now_setting, tz))
    if real.date() == event_date:
        return Clock("live", tz, event_date)
    return Clock("rehearsal", tz, event_date)


def anchor_text(clock: Clock, now_setting: str) -> str:
    """What a fixed clock stores about its start: the setting it came from, the real instant and
    the simulated instant of that start (full precision, so a restart does not jump)."""
    assert clock.started_real is not None and clock.started_at is not None, "only a fixed clock has a start"
    return json.dumps(
        {"now": now_setting, "real": clock.started_real.isoformat(), "at": clock.started_at.isoformat()},
        sort_keys=True,
    )


def resume(clock: Clock, now_setting: str, stored: str | None) -> Clock | None:
    """The fixed `clock` continued from a `stored` start of the same setting, or None when there is
    nothing to continue (none stored, unreadable, or COMPANION_NOW changed: a new rehearsal)."""
    if clock.mode != "fixed" or not stored:
        return None
    try:
        found = json.loads(stored)
        if found.get("now") != now_setting:
            return None
        real = datetime.fromisoformat(found["real"])
        at = datetime.fromisoformat(found["at"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if real.tzinfo is None or at.tzinfo is None:
        return None
    return replace(clock, started_real=real.astimezone(clock.tz), started_at=at.astimezone(clock.tz))


def to_iso(instant: datetime) -> str:
    """How instants are stored: ISO-8601 with offset, to the second."""
    return instant.isoformat(timespec="seconds")
