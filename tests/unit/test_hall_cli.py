"""`python -m companion presentation add SLOT FILE|URL` and `python -m companion polls`."""

import pytest
from click.testing import CliRunner

from companion import audit, db, polls, presentations
from companion.cli import main
from tests.conftest import DATA

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def env(db_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(DATA))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T08:00")
    return db_path


def test_a_pdf_and_a_link_are_attached_from_the_command_line(env, tmp_path):
    slides = tmp_path / "Innledning.pdf"
    slides.write_bytes(PDF)
    first = CliRunner().invoke(main, ["presentation", "add", "09:00", str(slides)])
    second = CliRunner().invoke(main, ["presentation", "add", "10:30", "https://example.org/s.pdf", "--title", "S"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    with db.connect(env) as conn:
        found = presentations.all_presentations(conn)
        assert [(p.slot, p.kind, p.title) for p in found] == [("09:00", "pdf", "Innledning"), ("10:30", "link", "S")]
        assert {r["desk"] for r in audit.trail(conn)} == {"cli"}
    assert presentations.pdf_path(env, found[0].id).read_bytes() == PDF


@pytest.mark.parametrize(
    "args, words",
    [
        (["07:07", "x.pdf"], "No programme item"),
        (["09:00", "nowhere.pdf"], "No file"),
        (["09:00", "notes.txt"], "not a PDF"),
    ],
)
def test_a_bad_slot_or_file_is_one_line_and_exit_1(env, tmp_path, monkeypatch, args, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.pdf").write_bytes(PDF)
    (tmp_path / "notes.txt").write_text("hei")
    result = CliRunner().invoke(main, ["presentation", "add", *args])
    assert result.exit_code == 1 and words in result.output and len(result.output.strip().splitlines()) == 1


def test_polls_are_loaded_from_the_file_once(env):
    assert "4 new polls loaded" in CliRunner().invoke(main, ["polls"]).output
    assert "0 new polls loaded" in CliRunner().invoke(main, ["polls"]).output
    with db.connect(env) as conn:
        assert len(polls.all_polls(conn)) == 4
