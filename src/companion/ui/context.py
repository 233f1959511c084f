"""What every page needs: settings, the loaded event, the clock, a database path, the language.

Only immutable things are cached (st.cache_resource); the database is opened per action.
"""

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import streamlit as st

from .. import auth, db, snapshots
from ..clock import Clock, make_clock
from ..config import Settings, load_settings
from ..errors import CompanionError
from ..event import Event, load_event
from ..i18n import DEFAULT_LANG, LANGS, t


@dataclass(frozen=True)
class AppContext:
    settings: Settings
    event: Event
    clock: Clock

    @property
    def db_path(self) -> Path:
        return self.settings.db_path

    def now(self) -> datetime:
        return self.clock.now()

    def connect(self):
        """`with ctx.connect() as conn:` - a fresh connection for one action."""
        return db.connect(self.db_path)


def _secrets() -> dict:
    try:
        return {k: st.secrets[k] for k in st.secrets}
    except Exception:  # no secrets.toml, or an unreadable one: settings fall back to env/defaults
        return {}


@st.cache_resource(show_spinner=False)
def _boot(values: tuple[tuple[str, str | None], ...]) -> AppContext:
    settings = load_settings(dict(values))
    event = load_event(settings.data_dir)
    clock = make_clock(event.date, event.tz, settings.get("COMPANION_NOW"))
    with db.connect(settings.db_path) as conn:
        db.migrate(conn)
        for role, pin in auth.ensure_pins(conn, settings).items():
            print(f"Generated {role} PIN: {pin}", flush=True)
    # Once per process and database (the registry in snapshots.py also guards a cleared cache).
    snapshots.ensure_running(
        settings.db_path,
        every_minutes=settings.integer("COMPANION_BACKUP_MINUTES"),
        keep=settings.integer("COMPANION_BACKUP_KEEP", minimum=1),
    )
    return AppContext(settings, event, clock)


def app_context() -> AppContext:
    """Boot once per distinct settings; a broken data file or setting stops the page with its message."""
    merged = {**{k: str(v) for k, v in _secrets().items()}, **os.environ}
    settings = load_settings(merged)
    key = tuple(sorted(settings.values.items()))
    try:
        return _boot(key)
    except CompanionError as exc:
        st.error(t("startup.failed", current_lang(), message=exc.message))
        st.stop()


def current_lang() -> str:
    lang = st.session_state.get("lang")
    if lang not in LANGS:
        requested = st.query_params.get("lang")
        lang = requested if requested in LANGS else DEFAULT_LANG
        st.session_state["lang"] = lang
    return lang
