"""event.toml's privacy fields: who is responsible, the contact, the retention; validated."""

import shutil

import pytest

from companion.errors import EventDataError
from companion.event import load_event

from ..conftest import DATA


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA, target, ignore=shutil.ignore_patterns("*.db*", "backups"))
    return target


def edit(data_copy, old, new):
    path = data_copy / "event.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_event_names_the_controller_contact_and_retention(event):
    assert event.controller("nb").startswith("Kommunal- og moderniseringsdepartementet (KMD), Postboks")
    assert event.controller("en").startswith("Ministry of Local Government")
    assert (event.privacy_contact, event.retention_days) == ("verksted@kmd.dep.no", 30)


def test_without_the_fields_the_host_the_contact_and_30_days_stand_in(data_copy):
    for key in ("controller_nb", "controller_en", "privacy_contact", "retention_days"):
        path = data_copy / "event.toml"
        path.write_text(
            "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(key)),
            encoding="utf-8",
        )
    event = load_event(data_copy)
    assert event.controller("nb") == "Kommunal- og moderniseringsdepartementet (KMD)"
    assert (event.privacy_contact, event.retention_days) == ("verksted@kmd.dep.no", 30)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("retention_days = 30", "retention_days = 0", "retention_days must be a whole number of days from 1"),
        ("retention_days = 30", 'retention_days = "30"', "retention_days must be"),
        ("retention_days = 30", "retention_days = 99999", "retention_days must be"),
        ('privacy_contact = "verksted@kmd.dep.no"', 'privacy_contact = ""', "privacy_contact must be non-empty"),
        ('controller_nb = "Kommunal', 'controller_nb = 5\nx_nb = "Kommunal', "controller_nb must be non-empty text"),
    ],
)
def test_a_bad_privacy_field_stops_start_up_with_the_file_and_the_problem(data_copy, old, new, problem):
    edit(data_copy, old, new)
    with pytest.raises(EventDataError) as broken:
        load_event(data_copy)
    assert problem in broken.value.message and "event.toml" in broken.value.message
