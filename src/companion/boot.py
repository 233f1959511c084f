"""One boot per process: the settings, the event, the one clock, the database made ready, staff
PINs printed once and the snapshot timer, shared by the pages, the HTTP routes and the command
line (as datasette's `Datasette` object is).

`Boot(settings)` reads the event and starts the clock; `start()` migrates the database, generates
the PINs nobody set (printed once, in clear) and starts the snapshot timer, once per Boot. With
COMPANION_NOW, `start()` also anchors the clock to the first start stored in the database, so a
restarted server continues the rehearsal where it was. The
server (pages and routes) asks `serving()`; a command asks `current()` and migrates what it needs.

Boots are kept per distinct settings, so a page and a route that read the same settings get the
same object and the same clock. A broken data file or setting raises CompanionError every time
it is asked for, and is never kept: the pages, routes and the CLI each say so in their own way.
"""

import threading
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path

import sqlite_utils

from . import auth, caches, db, proxies, snapshots
from .clock import Clock, anchor_text, make_clock, resume
from .config import Settings, read_settings
from .event import Event, load_event


def _print(line: str) -> None:
    print(line, flush=True)


class Boot:
    """What every part of the app needs, built from the settings. Immutable after start()."""

    def __init__(self, settings: Settings, *, real_now: datetime | None = None) -> None:
        settings.check()  # a malformed setting stops start-up, naming it
        self.settings = settings
        self.event: Event = load_event(settings.data_dir)
        self.clock: Clock = make_clock(self.event.date, self.event.tz, settings.get("COMPANION_NOW"), real_now)
        self.trusted_proxies: proxies.Trusted = proxies.parse_trusted(settings.get(proxies.SETTING))
        self._started = False
        self._start_lock = threading.Lock()

    @property
    def db_path(self) -> Path:
        return self.settings.db_path

    def now(self) -> datetime:
        return self.clock.now()

    def connect(self) -> AbstractContextManager[sqlite_utils.Database]:
        """`with boot.connect() as conn:` - a connection for one action, from the pool."""
        return db.pooled_connection(self.db_path)

    def start(self, announce: Callable[[str], None] = _print) -> "Boot":
        """Ready the database and the snapshot timer, once; later calls return at once."""
        if self._started:
            return self
        with self._start_lock:
            if not self._started:
                every = self.settings.integer("COMPANION_BACKUP_MINUTES")
                keep = self.settings.integer("COMPANION_BACKUP_KEEP", minimum=1)
                with self.connect() as conn:
                    db.migrate(conn)
                    pins = auth.ensure_pins(conn, self.settings)
                    self.clock = anchored_clock(conn, self.clock, self.settings.get("COMPANION_NOW"))
                for role, pin in pins.items():
                    announce(f"Generated {role} PIN: {pin}")
                # Once per process and database (the registry in snapshots.py keys on the path).
                snapshots.ensure_running(self.db_path, every_minutes=every, keep=keep, copy_to=self.settings.copy_to)
                self._started = True
        return self


CLOCK_ANCHOR = "clock_anchor"


def anchored_clock(conn: sqlite_utils.Database, clock: Clock, now_setting: str | None) -> Clock:
    """A fixed clock continued from the start stored in the database, or this clock's own start,
    stored for the next restart. One transaction, so processes started together agree."""
    if clock.mode != "fixed" or not now_setting:
        return clock
    with db.write_tx(conn):
        continued = resume(clock, now_setting, db.get_setting(conn, CLOCK_ANCHOR))
        if continued is not None:
            return continued
        db.put_setting(conn, CLOCK_ANCHOR, anchor_text(clock, now_setting))
    return clock


_boots: dict[tuple[tuple[str, str | None], ...], Boot] = {}
_boots_lock = threading.Lock()


def for_settings(settings: Settings) -> Boot:
    """The boot for these settings: built on first use, then the same object (and clock)."""
    key = settings.key
    found = _boots.get(key)
    if found is None:
        with _boots_lock:
            found = _boots.get(key)
            if found is None:
                found = _boots[key] = Boot(settings)
    return found


def current(env: Mapping[str, str] | None = None) -> Boot:
    """The boot for the settings as they are now (see config.read_settings)."""
    return for_settings(read_settings(env))


def check_settings(env: Mapping[str, str] | None = None) -> None:
    """The settings alone, before the server takes its first request: a malformed one raises
    ConfigError naming it. A broken data file is left to the pages, which show its message."""
    settings = read_settings(env)
    settings.check()
    proxies.parse_trusted(settings.get(proxies.SETTING))


def serving() -> Boot:
    """The server's boot, for the pages and the HTTP routes alike: the database ready, the timer running."""
    return current().start()


def reset() -> None:
    """Forget every boot (tests: each gets a fresh clock for its own settings)."""
    with _boots_lock:
        _boots.clear()


caches.register(reset)
