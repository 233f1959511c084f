"""`python -m companion purge` and `python -m companion person EMAIL --export FILE / --delete`."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from companion import db, evaluation, people, purge
from companion.cli import main

from .seeded_day import counts, seed_day

ROOT = Path(__file__).resolve().parents[2]
NAME = "Verksted for regional utvikling"


@pytest.fixture
def day(db_path, event, at):
    return seed_day(db_path, event, at, evaluation.load_form(ROOT / "data", event.programme))


@pytest.fixture
def cli(db_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT / "data"))

    def run(*args, now="2019-09-25T18:00", given=None):
        monkeypatch.setenv("COMPANION_NOW", now)
        return CliRunner().invoke(main, list(args), input=given)

    return run


def test_purge_before_the_end_exits_1_with_the_reason(cli, day):
    result = cli("purge", "--confirm", NAME, now="2019-09-25T16:00")
    assert result.exit_code == 1
    assert "not over: it ends 25.09.2019 16:15" in result.output


def test_purge_asks_for_the_name_and_refuses_a_wrong_one(cli, day):
    result = cli("purge", given="Verkstedet\n")
    assert result.exit_code == 1 and "Type the event's name exactly" in result.output
    with db.connect(day.db_path) as conn:
        assert purge.purged_at(conn) is None


def test_purge_with_the_name_deletes_and_keeps_the_counts(cli, day):
    before = counts(day.db_path)
    result = cli("purge", given=NAME + "\n")
    assert result.exit_code == 0, result.output
    assert "13 people made anonymous" in result.output and "Snapshots deleted: 2." in result.output
    assert counts(day.db_path) == before
    assert day.people[0].email.encode() not in day.db_path.read_bytes()


def test_person_export_writes_everything_about_them_as_json(cli, day, tmp_path):
    out = tmp_path / "kari.json"
    kari = day.people[3]
    result = cli("person", kari.email, "--export", str(out))
    assert result.exit_code == 0, result.output
    found = json.loads(out.read_text(encoding="utf-8"))
    assert found["participant"]["email"] == kari.email and found["questions"][0]["text"] == "Hva med sak 3?"


def test_person_delete_erases_them(cli, day):
    kari = day.people[3]
    result = cli("person", kari.email, "--delete")
    assert result.exit_code == 0, result.output
    assert "1 questions kept without a name" in result.output
    with db.connect(day.db_path) as conn:
        assert people.by_token(conn, kari.token) is None


def test_person_without_an_action_or_with_an_unknown_email_exits_non_zero(cli, day, tmp_path):
    assert cli("person", day.people[0].email).exit_code == 2
    result = cli("person", "nobody@example.org", "--export", str(tmp_path / "x.json"))
    assert result.exit_code == 1 and "Nobody with the e-mail address" in result.output
    assert not (tmp_path / "x.json").exists()


def test_purge_deletes_the_copies_off_the_machine_or_warns_it_could_not(cli, day, tmp_path, monkeypatch):
    stick = tmp_path / "stick"
    monkeypatch.setenv("COMPANION_BACKUP_COPY_TO", str(stick))
    result = cli("purge", "--confirm", NAME)
    assert result.exit_code == 0 and f"Delete the snapshot-*.db copies in {stick} by hand" in result.output
    stick.mkdir()
    (stick / "snapshot-20190925T141000Z-auto.db").write_bytes(b"a copy made before the purge")
    result = cli("purge", "--confirm", NAME)
    assert result.exit_code == 0 and f"Copies deleted in {stick}: 1." in result.output
    assert list(stick.iterdir()) == []
