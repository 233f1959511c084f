"""Declared settings: each has a name, a default and a help text, and is documented from here.

Values come from the environment first, then from `.streamlit/secrets.toml` (same names),
then the default. `load_settings` is the only reader; everything else receives a Settings.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError


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
    Setting("COMPANION_DESK_PIN", None, "PIN for the registration desk."),
    Setting("COMPANION_MODERATOR_PIN", None, "PIN for the panel moderator."),
    Setting("COMPANION_ORGANIZER_PIN", None, "PIN for the organizer (may do everything)."),
    Setting("COMPANION_BACKUP_MINUTES", "5", "Minutes between automatic database snapshots (0 turns them off)."),
    Setting("COMPANION_BACKUP_KEEP", "24", "How many automatic snapshots to keep."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, str | None] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        if name not in _BY_NAME:
            raise KeyError(name)
        return self.values.get(name, _BY_NAME[name].default)

    @property
    def db_path(self) -> Path:
        return Path(self.get("COMPANION_DB"))

    @property
    def data_dir(self) -> Path:
        return Path(self.get("COMPANION_DATA"))

    @property
    def base_url(self) -> str:
        return self.get("COMPANION_BASE_URL").rstrip("/")

    def integer(self, name: str, minimum: int = 0) -> int:
        raw = self.get(name)
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ConfigError("bad_integer", f"{name} must be a whole number, got {raw!r}") from None
        if value < minimum:
            raise ConfigError("bad_integer", f"{name} must be at least {minimum}, got {value}")
        return value


def load_settings(env: Mapping[str, str], secrets: Mapping[str, object] | None = None) -> Settings:
    secrets = secrets or {}
    values: dict[str, str | None] = {}
    for setting in SETTINGS:
        raw = env.get(setting.name)
        if raw is None and setting.name in secrets:
            raw = str(secrets[setting.name])
        if raw is not None and raw.strip() != "":
            values[setting.name] = raw.strip()
    return Settings(values)


def read_secrets_file(path: Path) -> dict[str, object]:
    """Read `.streamlit/secrets.toml` without Streamlit, for the CLI."""
    import tomllib

    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError("bad_secrets", f"{path}: {exc}") from None
