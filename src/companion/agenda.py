"""What is on now, what comes next: pure functions of the programme, the shifts and `now`.

A schedule slip is a Shift: "from this instant on, every time point moves by delta".
Points before the anchor stay put, so the past is never rewritten, and a slot that is
running when the delay is set keeps its start and gets a later end.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .event import ProgrammeItem


@dataclass(frozen=True)
class Shift:
    anchor: datetime
    delta: timedelta


@dataclass(frozen=True)
class Slot:
    item: ProgrammeItem
    start: datetime
    end: datetime

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def is_end_marker(self) -> bool:
        return self.item.kind == "end"

    def progress(self, now: datetime) -> float:
        length = (self.end - self.start).total_seconds()
        if length <= 0:
            return 1.0
        return min(1.0, max(0.0, (now - self.start).total_seconds() / length))


@dataclass(frozen=True)
class NowNext:
    phase: str  # "before" | "during" | "between" | "after"
    current: Slot | None
    next: Slot | None
    delay: timedelta  # how far the rest of the day is behind the printed programme
    slots: tuple[Slot, ...]

    def next_change(self, now: datetime) -> datetime | None:
        """The next instant at which `now_and_next` gives a different answer."""
        candidates = [s.start for s in self.slots if s.start > now] + [s.end for s in self.slots if s.end > now]
        return min(candidates, default=None)


def shift_point(point: datetime, shifts: Iterable[Shift]) -> datetime:
    for shift in shifts:
        if point >= shift.anchor:
            # A negative delay (catching up) never moves a point back past the moment it was set.
            point = max(point + shift.delta, shift.anchor)
    return point


def total_delay(shifts: Iterable[Shift]) -> timedelta:
    return sum((s.delta for s in shifts), timedelta())


def schedule(programme: Sequence[ProgrammeItem], shifts: Sequence[Shift] = ()) -> tuple[Slot, ...]:
    return tuple(Slot(item, shift_point(item.start, shifts), shift_point(item.end, shifts)) for item in programme)


def now_and_next(programme: Sequence[ProgrammeItem], now: datetime, shifts: Sequence[Shift] = ()) -> NowNext:
    slots = schedule(programme, shifts)
    real = [s for s in slots if not s.is_end_marker]
    delay = total_delay(shifts)
    current = next((s for s in real if s.start <= now < s.end), None)
    if current is not None:
        upcoming = next((s for s in slots if s.start >= current.end and s is not current), None)
        return NowNext("during", current, upcoming, delay, slots)
    if real and now < real[0].start:
        return NowNext("before", None, real[0], delay, slots)
    upcoming = next((s for s in real if s.start > now), None)
    if upcoming is not None:
        return NowNext("between", None, upcoming, delay, slots)
    return NowNext("after", None, None, delay, slots)
