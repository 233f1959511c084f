from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from companion.clock import make_clock, parse_instant
from companion.errors import ConfigError

OSLO = ZoneInfo("Europe/Oslo")
EVENT_DAY = datetime(2019, 9, 25).date()


def test_companion_now_starts_the_clock_there_and_lets_it_run():
    real = datetime(2026, 11, 27, 14, 0, tzinfo=OSLO)
    clock = make_clock(EVENT_DAY, OSLO, "2019-09-25T10:45", real_now=real)
    assert clock.mode == "fixed"
    assert clock.now(real) == datetime(2019, 9, 25, 10, 45, tzinfo=OSLO)
    assert clock.now(real + timedelta(seconds=90)) == datetime(2019, 9, 25, 10, 46, 30, tzinfo=OSLO)


def test_fixed_clock_is_right_across_a_daylight_saving_difference():
    real = datetime(2026, 11, 27, 14, 0, tzinfo=OSLO)  # winter time, +01:00
    clock = make_clock(EVENT_DAY, OSLO, "2019-09-25T10:45", real_now=real)  # summer time, +02:00
    assert clock.now(real).strftime("%H:%M") == "10:45"
    shown = datetime.fromtimestamp((real.timestamp() * 1000 + clock.offset_ms(real)) / 1000, OSLO)
    assert shown.strftime("%Y-%m-%d %H:%M") == "2019-09-25 10:45"


def test_another_day_is_rehearsal_with_todays_time_of_day():
    real = datetime(2026, 11, 27, 9, 15, 30, tzinfo=OSLO)
    clock = make_clock(EVENT_DAY, OSLO, None, real_now=real)
    assert clock.mode == "rehearsal" and not clock.is_live
    assert clock.now(real) == datetime(2019, 9, 25, 9, 15, 30, tzinfo=OSLO)


def test_the_event_day_is_live():
    real = datetime(2019, 9, 25, 9, 15, tzinfo=OSLO)
    clock = make_clock(EVENT_DAY, OSLO, None, real_now=real)
    assert clock.is_live and clock.now(real) == real


@pytest.mark.parametrize("bad", ["garbage", "25.09.2019 10:45", "2019-13-01T10:00", ""])
def test_a_malformed_now_says_the_format_it_wants(bad):
    with pytest.raises(ConfigError) as info:
        parse_instant(bad, OSLO)
    assert info.value.code == "bad_now"
    assert "2019-09-25T10:45" in info.value.message


def test_an_offset_in_now_is_respected():
    assert parse_instant("2019-09-25T08:45:00+00:00", OSLO) == datetime(2019, 9, 25, 10, 45, tzinfo=OSLO)
