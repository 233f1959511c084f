"""Fixtures shared by every suite: a real SQLite file with the event's schema, and the event;
and before every test, nothing remembered from another."""

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from companion import caches, db
from companion.event import load_event

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def forget_caches():
    """Every registered cache is emptied and every boot forgotten (companion/caches.py), so each
    test boots afresh for its own settings: its own clock, database and event."""
    caches.reset_all()
    yield
    caches.reset_all()


@pytest.fixture(scope="session")
def event():
    return load_event(DATA)


@pytest.fixture
def broken_data_dir(tmp_path) -> Path:
    """A copy of the event's data files with a date nobody can read."""
    folder = tmp_path / "broken-data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.db", "*.db-*", "backups", "exports"))
    event_toml = folder / "event.toml"
    text = event_toml.read_text(encoding="utf-8")
    assert 'date = "2019-09-25"' in text
    event_toml.write_text(text.replace('date = "2019-09-25"', 'date = "25. september"'), encoding="utf-8")
    return folder


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "companion.db"
    with db.connect(path) as conn:
        db.migrate(conn)
    return path


@pytest.fixture
def conn(db_path):
    with db.connect(db_path) as connection:
        yield connection


@pytest.fixture
def at(event):
    """at("10:45") -> that time of day on the event date, in event time."""

    def make(clock: str, day=None) -> datetime:
        hour, minute, *rest = (int(x) for x in clock.split(":"))
        return datetime.combine(day or event.date, datetime.min.time(), event.tz).replace(
            hour=hour, minute=minute, second=rest[0] if rest else 0
        )

    return make
