"""Staff PINs and roles, and the signed cookie that keeps a staff device trusted.

The PIN typed on a staff page is checked against that page's role only; the organizer may do
everything once signed in. PINs come from the settings (environment or secrets.toml), at least
six characters; when none is configured, `init` generates six random digits, prints them once and
keeps only a salted hash.

Guessing is slowed down twice (docs/security.md has the arithmetic):
- per client (an address, or a trusted device): five free wrong PINs in 15 minutes, then a wait that
  doubles up to five minutes;
- per role, across all untrusted clients: at most SHARED_TRIES_PER_HOUR wrong PINs in any hour.
  Past that, a PIN from an untrusted client is not even checked.
A device that signed in once carries a signed, expiring cookie (HMAC-SHA256, key derived from a
secret kept in the database and from the role's PIN, so changing a PIN revokes its devices). Such a
device is limited by its own wrong PINs only: an attacker elsewhere, or behind the same address,
cannot lock it out. Every attempt is logged; those refused during a slowdown are counted per minute.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlite_utils

from .clock import to_iso
from .config import Settings
from .db import get_setting, put_setting, scalar, write_tx
from .errors import AuthError, ConfigError

ROLES = ("desk", "moderator", "organizer")
PIN_SETTINGS = {
    "desk": "COMPANION_DESK_PIN",
    "moderator": "COMPANION_MODERATOR_PIN",
    "organizer": "COMPANION_ORGANIZER_PIN",
}
MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 64
# Per client (address or trusted device).
FREE_TRIES = 5
WINDOW = timedelta(minutes=15)
MAX_WAIT_SECONDS = 300
# Per role, across every untrusted client together.
SHARED_TRIES_PER_HOUR = 30
SHARED_WINDOW = timedelta(hours=1)
# The device cookie: how long a signed-in device stays trusted, and the one-use hand-over to the browser.
COOKIE_NAME = "verksted_staff"
DEVICE_LIFETIME = timedelta(days=3)
GRANT_LIFETIME = timedelta(minutes=2)
_SECRET_KEY = "device_secret"
_ITERATIONS = 60_000


def allows(role: str | None, needed: str) -> bool:
    return role == needed or role == "organizer"


def _hash(pin: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, _ITERATIONS)


def check_pin_settings(settings: Settings) -> None:
    """PINs set by hand: at least six characters, and no two roles sharing one. Raises ConfigError."""
    seen: dict[str, str] = {}
    for role in ROLES:
        name = PIN_SETTINGS[role]
        pin = settings.get(name)
        if not pin:
            continue
        if len(pin) < MIN_PIN_LENGTH or len(pin) > MAX_PIN_LENGTH:
            raise ConfigError(
                "short_pin",
                f"{name} must be {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} characters (it has {len(pin)}): "
                f"a short PIN can be guessed during the event. Choose a longer one, or leave it unset "
                f"and `init` generates one.",
                setting=name,
            )
        if pin in seen:
            raise ConfigError("same_pin", f"{name} is the same as {seen[pin]}: each role needs its own PIN.")
        seen[pin] = name


def ensure_pins(db: sqlite_utils.Database, settings: Settings) -> dict[str, str]:
    """Check the PINs set by hand and generate one for each role that has none. Returns only the
    new PINs, in clear. Raises ConfigError (short_pin, same_pin). (The device secret is made by a migration.)"""
    check_pin_settings(settings)
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


# --- trusted devices --------------------------------------------------------------------------


@dataclass(frozen=True)
class Device:
    """A browser that signed in with `role`'s PIN; `signed_in` is False after it signed out."""

    role: str
    id: str
    signed_in: bool
    expires: datetime


def _key(db: sqlite_utils.Database, settings: Settings, role: str) -> bytes | None:
    secret = get_setting(db, _SECRET_KEY)
    if not secret or role not in ROLES:
        return None
    # The role's PIN is part of the key: changing a PIN revokes every device trusted with the old one.
    pin = settings.get(PIN_SETTINGS[role]) or get_setting(db, f"pin_hash.{role}") or ""
    return hmac.new(bytes.fromhex(secret), f"{role}:{pin}".encode(), hashlib.sha256).digest()


def _sign(db: sqlite_utils.Database, settings: Settings, kind: str, device: Device) -> str:
    payload = f"{kind}.{device.role}.{device.id}.{int(device.expires.timestamp())}.{int(device.signed_in)}"
    key = _key(db, settings, device.role)
    if key is None:
        raise AuthError("no_secret", "The device secret is missing; run init.")
    return payload + "." + hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def _verify(db: sqlite_utils.Database, settings: Settings, kind: str, value: object, now: datetime) -> Device | None:
    if not isinstance(value, str) or len(value) > 200:
        return None
    parts = value.split(".")
    if len(parts) != 6 or parts[0] != kind:
        return None
    _, role, device_id, expires, signed_in, mac = parts
    key = _key(db, settings, role)
    if key is None or not expires.isdigit() or signed_in not in ("0", "1"):
        return None
    expected = hmac.new(key, ".".join(parts[:5]).encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, mac):
        return None
    device = Device(role, device_id, signed_in == "1", datetime.fromtimestamp(int(expires), now.tzinfo))
    return device if device.expires > now else None


def grant(
    db: sqlite_utils.Database, settings: Settings, role: str, *, now: datetime, device_id: str | None = None
) -> str:
    """A short-lived signed note that this browser just signed in as `role`: the page hands it to
    POST /api/staff/device, which answers with the device cookie (HttpOnly: page scripts never see it)."""
    device = Device(role, device_id or secrets.token_hex(8), True, now + GRANT_LIFETIME)
    return _sign(db, settings, "g", device)


def redeem(db: sqlite_utils.Database, settings: Settings, note: object, *, now: datetime) -> str | None:
    """The device cookie's value for a valid grant, or None."""
    device = _verify(db, settings, "g", note, now)
    if device is None:
        return None
    return _sign(db, settings, "d", Device(device.role, device.id, True, now + DEVICE_LIFETIME))


def signed_out(db: sqlite_utils.Database, settings: Settings, value: object, *, now: datetime) -> str | None:
    """The cookie of a device that signed out: still trusted for sign-in limits, no longer signed in."""
    device = _verify(db, settings, "d", value, now)
    if device is None:
        return None
    return _sign(db, settings, "d", Device(device.role, device.id, False, device.expires))


def read_device(db: sqlite_utils.Database, settings: Settings, value: object, *, now: datetime) -> Device | None:
    """The device a cookie names, if its signature holds and it has not expired."""
    return _verify(db, settings, "d", value, now)


# --- sign-in limits ---------------------------------------------------------------------------


def _wait_until(now: datetime, until: datetime) -> int:
    return max(0, int((until - now).total_seconds() + 0.999))


def wait_seconds(db: sqlite_utils.Database, *, now: datetime, client: str, device: str | None = None) -> int:
    """How long this client (an address, or a trusted device) must wait: doubles with every failure past five."""
    since = to_iso(now - WINDOW)
    if device is not None:
        where, key = "device = ?", device
    else:
        where, key = "client = ? AND device IS NULL", client[:100]
    rows = list(
        db.query(f"SELECT at FROM staff_attempts WHERE {where} AND ok = 0 AND at >= ? ORDER BY at DESC", (key, since))
    )
    if len(rows) < FREE_TRIES:
        return 0
    delay = min(MAX_WAIT_SECONDS, 2 ** (len(rows) - FREE_TRIES + 1))
    return _wait_until(now, datetime.fromisoformat(rows[0]["at"]) + timedelta(seconds=delay))


def shared_wait_seconds(db: sqlite_utils.Database, role: str, *, now: datetime) -> int:
    """How long until an untrusted client may try `role`'s PIN: 0 while fewer than
    SHARED_TRIES_PER_HOUR wrong PINs for it came from untrusted clients in the last hour."""
    oldest_counted = scalar(
        db,
        "SELECT at FROM staff_attempts WHERE role = ? AND ok = 0 AND device IS NULL AND at > ?"
        " ORDER BY at DESC LIMIT 1 OFFSET ?",
        (role, to_iso(now - SHARED_WINDOW), SHARED_TRIES_PER_HOUR - 1),
    )
    if oldest_counted is None:
        return 0
    return _wait_until(now, datetime.fromisoformat(oldest_counted) + SHARED_WINDOW)


def _refused(db: sqlite_utils.Database, role: str, client: str, now: datetime) -> None:
    minute = to_iso(now.replace(second=0, microsecond=0))
    with write_tx(db):
        db.execute(
            "INSERT INTO staff_refusals (role, client, minute, count) VALUES (?, ?, ?, 1)"
            " ON CONFLICT (role, client, minute) DO UPDATE SET count = count + 1",
            (role, client, minute),
        )


def refused_count(db: sqlite_utils.Database) -> int:
    """Attempts refused during a slowdown, never checked against a PIN."""
    count: int | None = scalar(db, "SELECT SUM(count) FROM staff_refusals")
    return count or 0


def login(
    db: sqlite_utils.Database,
    settings: Settings,
    pin: str,
    *,
    role: str,
    now: datetime,
    client: str = "-",
    device: Device | None = None,
) -> str:
    """Sign in to `role`'s page with `role`'s PIN; returns the role. `device` is the browser's
    trusted device, if it has one (read_device). Raises AuthError: empty_pin, too_many_attempts, wrong_pin."""
    if role not in ROLES:
        raise AuthError("unknown_role", f"No role {role!r}.")
    pin = (pin or "").strip()
    if not pin:
        raise AuthError("empty_pin", "Enter a PIN.")
    client = client[:100]
    trusted = device.id if device is not None and allows(device.role, role) else None
    wait = wait_seconds(db, now=now, client=client, device=trusted)
    if not wait and trusted is None:
        wait = shared_wait_seconds(db, role, now=now)
    if wait:
        _refused(db, role, f"device:{trusted}" if trusted else client, now)
        raise AuthError("too_many_attempts", f"Too many wrong PINs; wait {wait} s.", wait=wait)
    # A lone surrogate is not text anyone can type and cannot be encoded: such a PIN is just wrong.
    ok = (
        len(pin) <= MAX_PIN_LENGTH
        and not any("\ud800" <= ch <= "\udfff" for ch in pin)
        and _matches(db, settings, role, pin)
    )
    with write_tx(db):
        db.execute(
            "INSERT INTO staff_attempts (at, role, ok, client, device) VALUES (?, ?, ?, ?, ?)",
            (to_iso(now), role, int(ok), client, trusted),
        )
    if not ok:
        raise AuthError("wrong_pin", "Wrong PIN.")
    return role
