"""Staff PINs and roles.

One PIN field: the PIN says who you are. The organizer may do everything. PINs come from the
settings (environment or secrets.toml); when none is configured, `init` generates them, prints
them once and keeps only a salted hash. Wrong PINs are logged and slow down.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import sqlite_utils

from .clock import to_iso
from .config import Settings
from .db import get_setting, put_setting, write_tx
from .errors import AuthError

ROLES = ("desk", "moderator", "organizer")
PIN_SETTINGS = {
    "desk": "COMPANION_DESK_PIN",
    "moderator": "COMPANION_MODERATOR_PIN",
    "organizer": "COMPANION_ORGANIZER_PIN",
}
MAX_PIN_LENGTH = 64
FREE_TRIES = 5
WINDOW = timedelta(minutes=15)
MAX_WAIT_SECONDS = 300
_ITERATIONS = 60_000


def allows(role: str | None, needed: str) -> bool:
    return role == needed or role == "organizer"


def _hash(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, _ITERATIONS)


def ensure_pins(db: sqlite_utils.Database, settings: Settings) -> dict[str, str]:
    """Generate a PIN for each role that has none configured. Returns only the new ones, in clear."""
    created: dict[str, str] = {}
    with write_tx(db):
        for role in ROLES:
            if settings.get(PIN_SETTINGS[role]) or get_setting(db, f"pin_hash.{role}"):
                continue
            pin = f"{secrets.randbelow(10**6):06d}"
            salt = secrets.token_bytes(16)
            put_setting(db, f"pin_hash.{role}", salt.hex() + ":" + _hash(pin, salt).hex())
            created[role] = pin
    return created


def _matches(db: sqlite_utils.Database, settings: Settings, role: str, pin: str) -> bool:
    configured = settings.get(PIN_SETTINGS[role])
    if configured:
        return hmac.compare_digest(configured.encode("utf-8"), pin.encode("utf-8"))
    stored = get_setting(db, f"pin_hash.{role}")
    if not stored:
        return False
    salt_hex, digest_hex = stored.split(":", 1)
    return hmac.compare_digest(bytes.fromhex(digest_hex), _hash(pin, bytes.fromhex(salt_hex)))


def wait_seconds(db: sqlite_utils.Database, *, now: datetime, client: str) -> int:
    """How long this client must wait before trying again: doubles with every failure past five."""
    since = to_iso(now - WINDOW)
    rows = list(
        db.query(
            "SELECT at FROM staff_attempts WHERE client = ? AND ok = 0 AND at >= ? ORDER BY at DESC",
            (client, since),
        )
    )
    if len(rows) < FREE_TRIES:
        return 0
    delay = min(MAX_WAIT_SECONDS, 2 ** (len(rows) - FREE_TRIES + 1))
    last = datetime.fromisoformat(rows[0]["at"])
    remaining = (last + timedelta(seconds=delay) - now).total_seconds()
    return max(0, int(remaining + 0.999))


def login(db: sqlite_utils.Database, settings: Settings, pin: str, *, now: datetime, client: str = "-") -> str:
    """The role this PIN belongs to. Raises AuthError: empty_pin, too_many_attempts, wrong_pin."""
    pin = (pin or "").strip()
    if not pin:
        raise AuthError("empty_pin", "Enter a PIN.")
    wait = wait_seconds(db, now=now, client=client)
    if wait:
        raise AuthError("too_many_attempts", f"Too many wrong PINs; wait {wait} s.", wait=wait)
    role = None
    # A lone surrogate is not text anyone can type and cannot be encoded: such a PIN is just wrong.
    if len(pin) <= MAX_PIN_LENGTH and not any("\ud800" <= ch <= "\udfff" for ch in pin):
        # Check every role, so the time taken does not tell which role came close.
        for candidate in ROLES:
            if _matches(db, settings, candidate, pin) and role is None:
                role = candidate
    with write_tx(db):
        db.execute(
            "INSERT INTO staff_attempts (at, role, ok, client) VALUES (?, ?, ?, ?)",
            (to_iso(now), role or "-", int(role is not None), client[:100]),
        )
    if role is None:
        raise AuthError("wrong_pin", "Wrong PIN.")
    return role
