"""AppTest helpers: run app.py headless with its own database, clock and PINs."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from companion import db, people
from companion.clock import make_clock

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PINS = {"COMPANION_DESK_PIN": "246813", "COMPANION_MODERATOR_PIN": "135724", "COMPANION_ORGANIZER_PIN": "975310"}


class AppRunner:
    """Builds AppTests for one database; `clock` sets COMPANION_NOW for the next run."""

    def __init__(self, db_path: Path, monkeypatch, event):
        self.db_path = db_path
        self.event = event
        self.monkeypatch = monkeypatch
        monkeypatch.setenv("COMPANION_DB", str(db_path))
        monkeypatch.setenv("COMPANION_DATA", str(ROOT / "data"))
        monkeypatch.setenv("COMPANION_BASE_URL", "http://testserver")
        for name, value in PINS.items():
            monkeypatch.setenv(name, value)
        self.set_now("2019-09-25T10:45")

    def set_now(self, iso: str) -> None:
        self.now_iso = iso
        self.monkeypatch.setenv("COMPANION_NOW", iso)

    def now(self):
        return make_clock(self.event.date, self.event.tz, self.now_iso).now()

    def app(self, page: str | None = None, **query) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        if page:
            at.switch_page(page)
        return at

    def add_person(self, **fields):
        fields.setdefault("name", "Test Person")
        with db.connect(self.db_path) as conn, db.write_tx(conn):
            return people.add_participant(conn, now=self.now(), **fields)


def texts(at: AppTest) -> str:
    """Everything a person would read on the page, as one string."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning", "error", "text"):
        parts += [str(getattr(e, "value", "")) for e in at.get(kind)]
    parts += [str(e.proto.body) for e in at.get("html")] if at.get("html") else []
    return "\n".join(parts)


@pytest.fixture
def runner(db_path, monkeypatch, event):
    return AppRunner(db_path, monkeypatch, event)
