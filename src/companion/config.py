"""Declared settings: each has a name, a default and a help text, and is documented from here.

Values come from the environment first, then from `.streamlit/secrets.toml` (same names),
then the default. `read_settings` is the only reader (the boot calls it); everything else
receives a Settings. The secrets file and the default paths are found in the project folder,
wherever the server or the command line was started from.
"""

import ipaddress
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import caches
from .errors import ConfigError

# The project folder: app.py, data/ and .streamlit/ live here (COMPANION_HOME may name another).
HOME = Path(__file__).resolve().parents[2]
SECRETS_FILE = Path(".streamlit") / "secrets.toml"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("COMPANION_DB", "data/companion.db", "Path of the SQLite database file."),
    Setting("COMPANION_DATA", "data", "Folder with the event files (event.toml, programme.csv, ...)."),
    Setting(
        "COMPANION_NOW",
        None,
        "Start the clock at this moment (e.g. 2019-09-25T10:45) and let it run forward; "
        "for rehearsals, demos and tests.",
    ),
    Setting(
        "COMPANION_BASE_URL",
        "http://localhost:8501",
        "Public address of the app; personal links and QR codes point here.",
    ),
    Setting(
        "COMPANION_TRUSTED_PROXIES",
        None,
        "Reverse proxies whose X-Forwarded-For is believed (addresses or ranges, e.g. 127.0.0.1 ::1); "
        "then the browser's own address is what the PIN slowdown and the audit trail see.",
    ),
    Setting("COMPANION_DESK_PIN", None, "PIN for the registration desk."),
    Setting("COMPANION_MODERATOR_PIN", None, "PIN for the panel moderator."),
    Setting("COMPANION_ORGANIZER_PIN", None, "PIN for the organizer (may do everything)."),
    Setting("COMPANION_BACKUP_MINUTES", "5", "Minutes between automatic database snapshots (0 turns them off)."),
    Setting("COMPANION_BACKUP_KEEP", "24", "How many automatic snapshots to keep."),
    Setting(
        "COMPANION_COMPRESS",
        "1",
        "Send Streamlit's static files compressed (brotli/gzip) when no proxy does it (0 turns it off).",
    ),
    Setting(
        "COMPANION_HOME",
        None,
        "Folder with data/ and .streamlit/secrets.toml (environment only; default: the project folder).",
    ),
    Setting(
        "COMPANION_BACKUP_COPY_TO",
        None,
        "A folder off this machine (USB stick, network share) getting a copy of every snapshot.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, str | None] = field(default_factory=dict)
    home: Path = HOME  # where a path left at its default lives

    def get(self, name: str) -> str | None:
        if name not in _BY_NAME:
            raise KeyError(name)
        return self.values.get(name, _BY_NAME[name].default)

    @property
    def key(self) -> tuple[tuple[str, str | None], ...]:
        """What tells two Settings apart: the values that were given."""
        return tuple(sorted(self.values.items()))

    def path(self, name: str) -> Path:
        """A path setting as given (relative to where the command runs), or its default in the home folder."""
        given = self.values.get(name)
        if given is not None:
            return Path(given)
        default = _BY_NAME[name].default
        assert default is not None, f"{name} has no default path"
        return self.home / default

    @property
    def db_path(self) -> Path:
        return self.path("COMPANION_DB")

    @property
    def data_dir(self) -> Path:
        return self.path("COMPANION_DATA")

    @property
    def base_url(self) -> str:
        return (self.get("COMPANION_BASE_URL") or "").rstrip("/")

    @property
    def copy_to(self) -> Path | None:
        given = self.get("COMPANION_BACKUP_COPY_TO")
        return Path(given) if given else None

    def check(self) -> None:
        """Refuse settings that cannot work, naming the setting: the boot calls this before anything
        else, so the pages, the routes and the command line stop alike. Raises ConfigError."""
        check_base_url(self.get("COMPANION_BASE_URL") or "")
        self.integer("COMPANION_BACKUP_MINUTES")
        self.integer("COMPANION_BACKUP_KEEP", minimum=1)

    def integer(self, name: str, minimum: int = 0) -> int:
        raw = self.get(name)
        try:
            value = int(raw or "")
        except ValueError:
            raise ConfigError("bad_integer", f"{name} must be a whole number, got {raw!r}") from None
        if value < minimum:
            raise ConfigError("bad_integer", f"{name} must be at least {minimum}, got {value}")
        return value


def check_base_url(url: str) -> None:
    """An address a phone can open: http(s)://host[:port][/path], no spaces, no query or fragment."""
    name = "COMPANION_BASE_URL"
    example = "e.g. https://verksted.example.no or https://arrangement.example.no/verksted"
    if not url or any(c.isspace() for c in url):
        raise ConfigError("bad_base_url", f"{name} must be one address without spaces ({example}), got {url!r}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigError("bad_base_url", f"{name} is not an address ({example}), got {url!r}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("bad_base_url", f"{name} must start with https:// or http:// ({example}), got {url!r}")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise ConfigError("bad_base_url", f"{name} must not have a ?query or #fragment ({example}), got {url!r}")


def is_local_url(url: str) -> bool:
    """Does this address lead only to the machine that opens it (localhost, 127.0.0.0/8, ::1)?"""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def home_folder(env: Mapping[str, str]) -> Path:
    """COMPANION_HOME from the environment (it says where the secrets file is, so it is read from
    the environment only), else the project folder."""
    given = (env.get("COMPANION_HOME") or "").strip()
    return Path(given).expanduser() if given else HOME


def load_settings(env: Mapping[str, str], secrets: Mapping[str, object] | None = None) -> Settings:
    secrets = secrets or {}
    values: dict[str, str | None] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name)
        if raw is None and setting.name in secrets:
            raw = str(secrets[setting.name])
        if raw is not None and raw.strip() != "":
            values[setting.name] = raw.strip()
    return Settings(values, home=home_folder(env))


def read_settings(env: Mapping[str, str] | None = None, home: Path | None = None) -> Settings:
    """The settings as they are now: the environment (os.environ unless given), then the home
    folder's `.streamlit/secrets.toml`, then the defaults. Raises ConfigError for a broken file."""
    env = os.environ if env is None else env
    folder = home_folder(env) if home is None else home  # `home`: where to read the secrets file
    return load_settings(env, read_secrets_file(folder / SECRETS_FILE))


# path -> ((mtime, size), values): the pages and routes read the settings on every run and
# request; the file is parsed again only when it changes.
_secrets_read: dict[Path, tuple[tuple[int, int], dict[str, object]]] = {}
caches.register(_secrets_read.clear)


def read_secrets_file(path: Path) -> dict[str, object]:
    """Read `.streamlit/secrets.toml` without Streamlit ({} when there is none)."""
    try:
        stat = path.stat()
    except OSError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    found = _secrets_read.get(path)
    if found is not None and found[0] == stamp:
        return found[1]
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("bad_secrets", f"{path}: {exc}") from None
    _secrets_read[path] = (stamp, values)
    return values
