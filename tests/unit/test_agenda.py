"""now_and_next at every boundary of the day, and with schedule slips."""

from datetime import timedelta

import pytest

from companion.agenda import Shift, now_and_next, schedule, shift_point


def title(slot):
    return slot.item.title("nb") if slot else None


@pytest.mark.parametrize(
    "clock, phase, current, upcoming",
    [
        ("00:00", "before", None, "Registrering"),
        ("08:29:59", "before", None, "Registrering"),
        ("08:30:00", "during", "Registrering", "Velkommen og innledninger"),
        ("08:59:59", "during", "Registrering", "Velkommen og innledninger"),
        ("09:00:00", "during", "Velkommen og innledninger", "Oppstart av arbeid i grupper for begge tema"),
        ("12:29:59", "during", "Oppstart av arbeid i grupper for begge tema", "Lunsj"),
        ("12:30:00", "during", "Lunsj", "Arbeid i grupper fortsetter"),
        ("15:15:00", "during", "Panelsamtale om dagens tema", "Oppsummering av dagen"),
        ("16:14:59", "during", "Oppsummering av dagen", "Slutt"),
        ("16:15:00", "after", None, None),
        ("23:59:59", "after", None, None),
    ],
)
def test_boundaries_of_the_day(event, at, clock, phase, current, upcoming):
    state = now_and_next(event.programme, at(clock))
    assert (state.phase, title(state.current), title(state.next)) == (phase, current, upcoming)


def test_the_next_day_is_after_the_event(event, at):
    state = now_and_next(event.programme, at("09:00") + timedelta(days=1))
    assert state.phase == "after" and state.current is None


def test_a_delay_moves_the_running_slots_end_and_every_later_slot(event, at):
    shifts = [Shift(at("11:00"), timedelta(minutes=10))]
    state = now_and_next(event.programme, at("12:35"), shifts)
    assert title(state.current) == "Oppstart av arbeid i grupper for begge tema"
    assert state.current.start == at("10:30")  # the start was before the delay was set
    assert state.current.end == at("12:40")
    assert state.next.start == at("12:40")
    assert state.delay == timedelta(minutes=10)
    assert schedule(event.programme, shifts)[-1].start == at("16:25")


def test_a_delay_never_rewrites_the_past(event, at):
    shifts = [Shift(at("11:00"), timedelta(minutes=10))]
    slots = schedule(event.programme, shifts)
    assert slots[0].start == at("08:30") and slots[1].end == at("10:30")


def test_delays_add_up_and_zero_total_puts_the_rest_back_on_time(event, at):
    shifts = [Shift(at("11:00"), timedelta(minutes=10)), Shift(at("13:00"), timedelta(minutes=-10))]
    slots = schedule(event.programme, shifts)
    by_title = {title(s): s for s in slots}
    assert by_title["Arbeid i grupper fortsetter"].start == at("13:30")
    assert by_title["Lunsj"].start == at("12:40")
    assert by_title["Lunsj"].end == at("13:30")


def test_catching_up_never_moves_a_point_before_the_moment_it_was_set(at):
    assert shift_point(at("12:30"), [Shift(at("12:00"), timedelta(minutes=-120))]) == at("12:00")


def test_boundary_crossing_after_delay(event, at):
    shifts = [Shift(at("11:00"), timedelta(minutes=10))]
    assert (
        title(now_and_next(event.programme, at("12:39:59"), shifts).current)
        == "Oppstart av arbeid i grupper for begge tema"
    )
    assert title(now_and_next(event.programme, at("12:40"), shifts).current) == "Lunsj"


def test_next_change_is_the_coming_boundary(event, at):
    state = now_and_next(event.programme, at("10:45"))
    assert state.next_change(at("10:45")) == at("12:30")
    assert now_and_next(event.programme, at("17:00")).next_change(at("17:00")) is None


def test_progress_runs_from_zero_to_one(event, at):
    slot = now_and_next(event.programme, at("11:30")).current
    assert slot.progress(at("10:30")) == 0.0
    assert slot.progress(at("11:30")) == pytest.approx(0.5)
    assert slot.progress(at("13:00")) == 1.0
