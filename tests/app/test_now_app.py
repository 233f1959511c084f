"""AppTest of the Nå page at frozen times."""

import json
import re

import pytest

from companion import db, schedule

from .conftest import texts


def clock_config(at) -> dict:
    """The config the clock's iframe starts from (see tests/unit/test_clock_html.py)."""
    (frame,) = at.get("iframe")
    (text,) = re.findall(r"^const cfg = (.*);$", frame.proto.srcdoc, re.M)
    return json.loads(text)


@pytest.mark.parametrize(
    "now, expected",
    [
        ("2019-09-25T08:00", "Registreringen åpner 08:30"),
        ("2019-09-25T08:30", "Registrering"),
        ("2019-09-25T10:45", "Oppstart av arbeid i grupper for begge tema"),
        ("2019-09-25T12:45", "Lunsj"),
        ("2019-09-25T15:20", "Panelsamtale om dagens tema"),
        ("2019-09-25T16:30", "Takk for i dag!"),
    ],
)
def test_now_shows_the_slot_of_the_moment(runner, now, expected):
    runner.set_now(now)
    at = runner.app().run()
    assert not at.exception
    assert at.header[0].value == expected


def test_now_names_what_comes_next_once_with_its_countdown(runner):
    at = runner.app().run()
    assert clock_config(at)["countLabel"] == "Neste: Lunsj kl. 12:30 ·"
    assert "Neste:" not in texts(at)  # not a second time outside the clock


def test_after_the_day_says_where_the_presentations_go(runner):
    runner.set_now("2019-09-25T17:00")
    at = runner.app().run()
    assert "regjeringen.no" in texts(at)


def test_a_delay_is_shown_and_moves_the_times(runner, at):
    with db.connect(runner.db_path) as conn:
        schedule.set_delay(conn, 10, now=at("10:40"))
    app = runner.app().run()
    page = texts(app)
    assert "forsinket med 10 min" in page
    assert clock_config(app)["countLabel"] == "Neste: Lunsj kl. 12:40 ·"


def test_rehearsal_banner_when_not_live(runner):
    at = runner.app().run()
    assert any("Øvingsmodus" in w.value for w in at.warning)


def test_english_switch(runner):
    at = runner.app().run()
    at.button(key="lang_switch").click().run()
    assert at.header[0].value == "Group work begins for both themes"
    assert clock_config(at)["countLabel"] == "Next: Lunch at 12:30 ·"
    assert clock_config(at)["words"] == {"in": "in {span}", "h": "h", "min": "min", "s": "s"}


def test_english_from_the_url(runner):
    at = runner.app(lang="en").run()
    assert at.header[0].value == "Group work begins for both themes"


def test_staff_pages_are_not_in_a_participants_menu(runner):
    at = runner.app().run()
    labels = [e.proto.label for e in at.get("page_link")]
    assert labels == ["Nå", "Min gruppe", "Spørsmål", "Min billett", "Personvern"]


def test_a_broken_setting_shows_a_message_not_a_traceback(runner, monkeypatch):
    monkeypatch.setenv("COMPANION_NOW", "yesterday")
    at = runner.app().run()
    assert not at.exception
    assert "COMPANION_NOW must look like 2019-09-25T10:45" in at.error[0].value
