"""`python -m companion doctor`: what to check before the doors open, each check with its fix.

Every check is a function of what it needs (the settings, an instant, a way to fetch a URL, the free
disk space), so the tests run them without a network or a real clock. `run_all` puts them together
in the order an operator would go through them; `cli.py` prints them and exits 1 on any FAIL.
"""

import shutil
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import sqlite_utils

from . import auth, backup, db
from .clock import make_clock
from .config import Settings, is_local_url
from .errors import CompanionError
from .event import Event, load_event

OK, WARN, FAIL = "OK", "WARN", "FAIL"
HEALTH_PATH = "/_stcore/health"  # Streamlit's own health endpoint, below the path prefix
TIMEOUT_SECONDS = 3.0

# GET a URL with a timeout; returns the HTTP status, raises OSError (URLError too) when nothing answers.
Fetch = Callable[[str, float], int]


@dataclass(frozen=True)
class Check:
    name: str
    status: str  # OK | WARN | FAIL
    message: str
    fix: str = ""


def http_get(url: str, timeout: float) -> int:
    """The real Fetch: urllib, no redirects followed silently into a page that says 200."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status: int = response.status
            return status
    except urllib.error.HTTPError as exc:
        return exc.code


def health_url(base_url: str) -> str:
    return base_url.rstrip("/") + HEALTH_PATH


def _answers(url: str, fetch: Fetch, timeout: float) -> tuple[bool, str]:
    try:
        status = fetch(url, timeout)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        return False, f"no answer ({reason})"
    return status == 200, f"HTTP {status}"


# --- the address phones use


def check_base_url(base_url: str, given: bool) -> Check:
    name = "address"
    fix = "Set COMPANION_BASE_URL to the address phones use, e.g. https://verksted.example.no (see deploy/Caddyfile)."
    if not given:
        return Check(name, FAIL, f"COMPANION_BASE_URL is not set: links and QR codes would say {base_url}.", fix)
    if is_local_url(base_url):
        return Check(name, FAIL, f"{base_url} opens only on this machine; phones cannot reach it.", fix)
    return Check(name, OK, f"links and QR codes point at {base_url}")


def check_https(base_url: str) -> Check:
    if urlsplit(base_url).scheme == "https":
        return Check("https", OK, "the address is HTTPS: the desk camera may run")
    return Check(
        "https",
        FAIL,
        f"{base_url} is not HTTPS: the desk laptop's browser will not open its camera, and PINs travel in clear.",
        "Put Caddy in front (deploy/Caddyfile; `tls internal` on a venue network without a public name) "
        "and set COMPANION_BASE_URL to https://...",
    )


def check_answering(base_url: str, fetch: Fetch, timeout: float = TIMEOUT_SECONDS) -> Check:
    url = health_url(base_url)
    ok, said = _answers(url, fetch, timeout)
    if ok:
        return Check("answering", OK, f"{url} answers from this machine")
    return Check(
        "answering",
        FAIL,
        f"{url}: {said}.",
        "Start the app (systemctl start verkstedet, or make run) and the proxy; check that the name resolves "
        "to this machine and that the proxy's path matches COMPANION_BASE_URL's.",
    )


def check_processes(base_url: str, ports: Iterable[int], fetch: Fetch, timeout: float = TIMEOUT_SECONDS) -> Check:
    """How many server processes answer: each loopback port given, below the base URL's path prefix."""
    ports = list(ports)
    if not ports:
        return Check("processes", OK, "no --ports given: only the address above was asked")
    prefix = urlsplit(base_url).path.rstrip("/")
    down = [p for p in ports if not _answers(f"http://127.0.0.1:{p}{prefix}{HEALTH_PATH}", fetch, timeout)[0]]
    up = len(ports) - len(down)
    if down:
        return Check(
            "processes",
            FAIL,
            f"{up} of {len(ports)} server processes answer; no answer on port(s) {', '.join(map(str, down))}.",
            "Restart the service (systemctl restart verkstedet) and read its log (journalctl -u verkstedet).",
        )
    return Check("processes", OK, f"{up} of {len(ports)} server processes answer")


# --- people and time


def check_pins(settings: Settings, stored: set[str]) -> Check:
    """PINs set by hand with at least six characters; a PIN generated at first start counts as set."""
    try:
        auth.check_pin_settings(settings)
    except CompanionError as exc:
        return Check("pins", FAIL, exc.message, "Give each role its own PIN of at least 6 digits.")
    missing = [auth.PIN_SETTINGS[r] for r in auth.ROLES if not settings.get(auth.PIN_SETTINGS[r]) and r not in stored]
    if missing:
        return Check(
            "pins",
            FAIL,
            f"no PIN for {', '.join(missing)}: nobody could sign in to that page.",
            "Set them (6+ digits) in the settings file, or run `python -m companion init` once to generate them.",
        )
    generated = [auth.PIN_SETTINGS[r] for r in auth.ROLES if not settings.get(auth.PIN_SETTINGS[r])]
    if generated:
        return Check(
            "pins",
            WARN,
            f"generated at first start (printed once): {', '.join(generated)}.",
            "Make sure the staff have them, or set your own (6+ digits) so they survive a fresh database.",
        )
    return Check("pins", OK, "every role has its own PIN of at least 6 characters")


def check_date(event: Event, now_setting: str | None, real_now: datetime) -> Check:
    clock = make_clock(event.date, event.tz, now_setting, real_now)
    local = real_now.astimezone(event.tz)
    where = f"{event.tz.key}, it is {local:%Y-%m-%d %H:%M} there"
    if clock.mode == "fixed":
        return Check(
            "date",
            WARN,
            f"COMPANION_NOW is set ({now_setting}): the app's clock is not the real one ({where}).",
            "Remove COMPANION_NOW from the settings for the day itself.",
        )
    if clock.mode == "rehearsal":
        return Check(
            "date",
            WARN,
            f"today is not the event day ({event.date}): the app runs in rehearsal mode ({where}).",
            "Fine for a rehearsal. On the day, check the machine's clock (timedatectl) and the date in event.toml.",
        )
    return Check("date", OK, f"today is the event day ({where})")


def check_data(data_dir: Path) -> tuple[Check, Event | None]:
    try:
        event = load_event(data_dir)
    except CompanionError as exc:
        return Check("data", FAIL, exc.message, f"Correct the file in {data_dir} (COMPANION_DATA)."), None
    return Check("data", OK, f"{data_dir}: {event.name.nb}, {len(event.programme)} programme items"), event


# --- the database and its copies


def check_database(db_path: Path) -> Check:
    fix = "Check the file and its folder belong to the service's user; restore a snapshot if it is damaged."
    if not db_path.exists():
        return Check("database", FAIL, f"no database at {db_path}.", "Run `python -m companion init` (COMPANION_DB).")
    try:
        conn = sqlite3.connect(str(db_path), timeout=db.BUSY_TIMEOUT_MS / 1000)
        try:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            conn.execute("BEGIN IMMEDIATE")  # takes the write lock: the file and its folder are writable
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return Check("database", FAIL, f"{db_path}: {exc}.", fix)
    if result != ["ok"]:
        return Check("database", FAIL, f"{db_path} is damaged: {result[0]}.", fix)
    return Check("database", OK, f"{db_path}: writable, integrity_check ok")


def snapshots_per_day(every_minutes: int) -> int:
    return 0 if every_minutes <= 0 else (24 * 60) // every_minutes


def check_disk(db_path: Path, free_bytes: int, every_minutes: int, keep: int) -> Check:
    """Room for a day of snapshots: the kept ones stay, and every one is written whole before the
    oldest goes; twice the database for the copy a restore makes, and its WAL."""
    size = db_path.stat().st_size if db_path.exists() else 0
    needed = size * (min(keep, max(snapshots_per_day(every_minutes), 1)) + 2)
    said = f"{free_bytes // 2**20} MiB free, a day of snapshots needs about {needed // 2**20 + 1} MiB"
    if free_bytes < needed:
        return Check(
            "disk",
            FAIL,
            said + ".",
            f"Free space on the disk holding {db_path.parent}, or lower COMPANION_BACKUP_KEEP.",
        )
    if free_bytes < 2 * needed:
        return Check("disk", WARN, said + ": little to spare.", f"Free space on the disk holding {db_path.parent}.")
    return Check("disk", OK, said)


def check_timer(newest: backup.Snapshot | None, every_minutes: int, real_now: datetime) -> Check:
    """The snapshot timer runs in the server: its newest snapshot is at most two intervals old."""
    if every_minutes <= 0:
        return Check(
            "snapshots",
            WARN,
            "automatic snapshots are off (COMPANION_BACKUP_MINUTES=0).",
            "Set COMPANION_BACKUP_MINUTES=5.",
        )
    if newest is None:
        return Check(
            "snapshots",
            WARN,
            "no snapshot yet: the first one comes one interval after the server starts.",
            f"Start the server and run doctor again in {every_minutes} minutes.",
        )
    age = real_now - newest.taken_at
    minutes = int(age.total_seconds() // 60)
    if age > timedelta(minutes=2 * every_minutes):
        return Check(
            "snapshots",
            FAIL,
            f"the newest snapshot is {minutes} min old; one is due every {every_minutes} min.",
            "The server is down or its timer stopped: read the Sikkerhet tab and journalctl -u verkstedet; "
            "restart the service.",
        )
    return Check("snapshots", OK, f"the newest snapshot is {minutes} min old (one every {every_minutes} min)")


def check_copy_folder(copy_to: Path | None, failure: dict[str, str] | None) -> Check:
    name = "copy off the machine"
    if copy_to is None:
        return Check(
            name,
            WARN,
            "snapshots stay on this machine only.",
            "Set COMPANION_BACKUP_COPY_TO to a folder on a USB stick or a network share.",
        )
    fix = f"Connect the stick or share at {copy_to} and give the service's user write access to it."
    probe = copy_to / ".doctor-probe"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return Check(name, FAIL, f"{copy_to} is not writable: {exc.strerror or exc}.", fix)
    if failure:
        return Check(name, FAIL, f"the last copy failed ({failure['at']}): {failure['error']}.", fix)
    return Check(name, OK, f"{copy_to} is writable")


# --- all of them


def run_all(
    settings: Settings,
    *,
    real_now: datetime,
    fetch: Fetch,
    free_bytes: Callable[[Path], int] = lambda p: shutil.disk_usage(p).free,
    ports: Iterable[int] = (),
    timeout: float = TIMEOUT_SECONDS,
) -> list[Check]:
    """Every check, in the order to read them. A broken setting is one FAIL, not an exception."""
    try:
        settings.check()
    except CompanionError as exc:
        return [Check("settings", FAIL, exc.message, "Correct the setting it names and run doctor again.")]
    base = settings.base_url
    checks = [check_base_url(base, "COMPANION_BASE_URL" in settings.values), check_https(base)]
    checks.append(check_answering(base, fetch, timeout))
    checks.append(check_processes(base, ports, fetch, timeout))
    data, event = check_data(settings.data_dir)
    checks.append(data)
    if event is not None:
        checks.append(check_date(event, settings.get("COMPANION_NOW"), real_now))
    database = check_database(settings.db_path)
    checks.append(database)
    stored: set[str] = set()
    if database.status == OK:
        with db.connect(settings.db_path) as conn:
            stored = {r for r in auth.ROLES if _has_setting(conn, f"pin_hash.{r}")}
    checks.append(check_pins(settings, stored))
    every = settings.integer("COMPANION_BACKUP_MINUTES")
    keep = settings.integer("COMPANION_BACKUP_KEEP", minimum=1)
    folder = settings.db_path.parent
    checks.append(check_disk(settings.db_path, free_bytes(folder if folder.exists() else Path(".")), every, keep))
    checks.append(check_timer(backup.last_snapshot(backup.snapshot_dir(settings.db_path)), every, real_now))
    checks.append(check_copy_folder(settings.copy_to, backup.copy_failure(settings.db_path)))
    return checks


def _has_setting(conn: sqlite_utils.Database, key: str) -> bool:
    try:
        return bool(db.get_setting(conn, key))
    except sqlite3.OperationalError:  # a database without the settings table yet: no PINs stored
        return False


def failed(checks: Iterable[Check]) -> bool:
    return any(c.status == FAIL for c in checks)


def lines(checks: Iterable[Check]) -> list[str]:
    out = []
    for c in checks:
        out.append(f"{c.status:<4}  {c.name}: {c.message}")
        if c.fix and c.status != OK:
            out.append(f"      fix: {c.fix}")
    return out
