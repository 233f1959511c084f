"""The routes' setting for tests that call them: settings from the environment, and a hall with
Ola's published question and Kari to read and vote on it."""

from pathlib import Path

import pytest

from companion import db, people, questions

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def hall(db_path, monkeypatch, event, at):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT / "data"))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T15:20")
    with db.connect(db_path) as conn:
        with db.write_tx(conn):
            ola = people.add_participant(conn, name="Ola", county="Troms", now=at("15:00"))
            kari = people.add_participant(conn, name="Kari", now=at("15:00"))
        q = questions.ask(
            conn, programme=event.programme, participant_id=ola.id, text="Hva med bredbånd?", now=at("15:16")
        ).question
        questions.moderate(conn, q.id, "approve", now=at("15:17"), role="moderator")
    return {"db": db_path, "ola": ola, "kari": kari, "q": q, "event": event, "at": at}
