"""The event as data: the seed's programme loads, and a broken file names file, line and problem."""

import shutil

import pytest

from companion.errors import EventDataError
from companion.event import load_event

from ..conftest import DATA


def test_the_seed_programme_loads(event):
    assert [i.start.strftime("%H:%M") for i in event.programme] == [
        "08:30",
        "09:00",
        "10:30",
        "12:30",
        "13:30",
        "15:00",
        "15:15",
        "16:00",
        "16:15",
    ]
    assert len(event.programme[1].details_nb) == 5
    assert event.ends.strftime("%H:%M") == "16:15"
    assert [t.title("nb") for t in event.themes] == [
        "FNs bærekraftsmål og regional utvikling",
        "Distriktsutvikling og kompetanse",
    ]
    assert len(event.counties) == 18 and "Sogn og Fjordane" in event.counties
    assert event.contact == "verksted@kmd.dep.no"
    assert sum(r.capacity for r in event.rooms) >= 90


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.db*", "backups"))
    return target


def _break(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        ("programme.csv", "start,end,kind", "start,kind", "programme.csv, line 1: missing column 'end'"),
        (
            "programme.csv",
            "12:30,13:30,lunch",
            "12:15,13:30,lunch",
            "programme.csv, line 5: starts 12:15, before the previous slot ends (12:30)",
        ),
        (
            "programme.csv",
            "13:30,15:00,group",
            "13:30,kl 3,group",
            "programme.csv, line 6: end 'kl 3' is not a time of day",
        ),
        (
            "programme.csv",
            "15:00,15:15,break",
            "15:00,14:15,break",
            "programme.csv, line 7: ends 14:15, not after it starts (15:00)",
        ),
        (
            "programme.csv",
            "12:30,13:30,lunch",
            "12:30,13:30,picnic",
            "programme.csv, line 5: kind 'picnic' is not one of",
        ),
        (
            "rooms.csv",
            'Vinje,"4. etasje, ved kaffebaren",10',
            'Vinje,"4. etasje",ti',
            "rooms.csv, line 8: capacity 'ti' is not a positive whole number",
        ),
        ("counties.csv", "Oslo", "Akershus", "counties.csv, line 4: county 'Akershus' appears twice"),
        ("themes.csv", "\n2,", "\n1,", "themes.csv, line 3: id 1 appears twice"),
        ("themes.csv", "2,Distrikt og kompetanse,", "2,,", "themes.csv, line 3: column 'short_nb' is empty"),
        (
            "themes.csv",
            "2,Distrikt og kompetanse,",
            "2,Distriktsutvikling og kompetanse i fylkene,",
            "themes.csv, line 3: short name longer than 32 characters",
        ),
        ("themes.csv", "id,short_nb,short_en,", "id,", "themes.csv, line 1: missing column 'short_nb', 'short_en'"),
        ("event.toml", 'date = "2019-09-25"', 'date = "25.09.2019"', "event.toml: date '25.09.2019' is not a date"),
    ],
)
def test_a_malformed_file_names_file_line_and_problem(data_copy, file, old, new, expected):
    _break(data_copy / file, old, new)
    with pytest.raises(EventDataError) as info:
        load_event(data_copy)
    assert expected in info.value.message


def test_a_missing_file_is_named(data_copy):
    (data_copy / "rooms.csv").unlink()
    with pytest.raises(EventDataError, match="rooms.csv: file is missing"):
        load_event(data_copy)


def test_another_years_event_runs_from_data_files_alone(data_copy):
    _break(data_copy / "event.toml", 'date = "2019-09-25"', 'date = "2020-09-23"')
    event = load_event(data_copy)
    assert event.starts.date().isoformat() == "2020-09-23"
