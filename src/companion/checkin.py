"""Check-in at the desk: a scanned link, a bare token or a short code -> one committed result.

Every attempt, failed ones too, is written to `scans` with a stable result code. A check-in is
idempotent twice over: a repeated request with the same nonce replays the first answer, and the
partial unique index on `checkins` never lets a person have two active check-ins.
"""

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import sqlite_utils

from . import audit, people
from .clock import to_iso
from .db import Row, write_tx
from .errors import CheckInError, ScanError
from .people import Participant

GREEN, ORANGE, RED = "green", "orange", "red"
# Result code -> colour of the banner at the desk.
RESULTS = {
    "checked_in": GREEN,
    "already_checked_in": ORANGE,
    "unknown_code": RED,
    "not_our_ticket": RED,
    "deleted_participant": RED,
    "empty_code": RED,
    # A camera photo that did not give exactly one QR payload (codes from qr.decode_qr).
    "image_too_large": RED,
    "not_an_image": RED,
    "no_qr": RED,
    "several_qr": RED,
}
METHODS = ("camera", "scanner", "typed", "search", "walk_in", "cli")
MAX_RAW = 500


@dataclass(frozen=True)
class Placement:
    group_number: int
    room: str


@dataclass(frozen=True)
class CheckInResult:
    code: str
    participant: Participant | None = None
    at: datetime | None = None  # when the (first) check-in happened
    desk: str | None = None  # where it happened
    placement: Placement | None = None
    scan_id: int | None = None

    @property
    def colour(self) -> str:
        return RESULTS[self.code]

    @property
    def ok(self) -> bool:
        return self.code == "checked_in"


@dataclass(frozen=True)
class Lookup:
    """What a raw scan names: a person (maybe deleted), or a reason it names nobody."""

    code: str | None  # None when a person was found
    row: Row | None = None


# --- reading what was scanned


def _find(db: sqlite_utils.Database, column: str, value: str) -> Row | None:
    rows = list(db.query(f"SELECT * FROM participants WHERE {column} = ?", (value,)))
    if not rows and column == "token":
        # A USB scanner with Caps Lock on flips the case; 192 random bits stay unique without it.
        rows = list(db.query("SELECT * FROM participants WHERE lower(token) = lower(?)", (value,)))
    return rows[0] if len(rows) == 1 else None


def _by_token_or_code(db: sqlite_utils.Database, text: str) -> Lookup | None:
    if people.looks_like_token(text):
        row = _find(db, "token", text)
        return Lookup(None, row) if row else Lookup("unknown_code")
    code = people.normalize_code(text)
    if len(code) == people.CODE_LENGTH and all(c in people.CODE_ALPHABET for c in code):
        row = _find(db, "code", code)
        return Lookup(None, row) if row else Lookup("unknown_code")
    return None


def lookup(db: sqlite_utils.Database, raw: str | None, method: str = "typed") -> Lookup:
    """Accept our full link, the bare token or the short code, with stray spaces and any case."""
    text = (raw or "").strip()
    if not text:
        return Lookup("empty_code")
    if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I) or text.lower().startswith(("www.", "/?t=", "?t=")):
        tokens = parse_qs(urlsplit(text).query).get("t", [])
        if len(tokens) == 1 and people.looks_like_token(tokens[0].strip()):
            row = _find(db, "token", tokens[0].strip())
            return Lookup(None, row) if row else Lookup("unknown_code")
        return Lookup("not_our_ticket")
    compact = re.sub(r"\s+", "", text)
    found = _by_token_or_code(db, compact)
    if found:
        return found
    # Some other QR (a web address, a vCard, a Wi-Fi code) or a long string a scanner typed.
    if method == "camera" or len(compact) > people.CODE_LENGTH + 4:
        return Lookup("not_our_ticket")
    return Lookup("unknown_code")


# --- the parts of a result


def placement(db: sqlite_utils.Database, participant_id: int) -> Placement | None:
    rows = list(
        db.query(
            "SELECT g.number, g.room FROM group_members m JOIN groups g ON g.id = m.group_id "
            "WHERE m.participant_id = ?",
            (participant_id,),
        )
    )
    return Placement(rows[0]["number"], rows[0]["room"]) if rows else None


def active_check_in(db: sqlite_utils.Database, participant_id: int) -> Row | None:
    rows = list(db.query("SELECT * FROM checkins WHERE participant_id = ? AND undone_at IS NULL", (participant_id,)))
    return rows[0] if rows else None


def _latest_check_in(db: sqlite_utils.Database, participant_id: int) -> Row | None:
    rows = list(db.query("SELECT * FROM checkins WHERE participant_id = ? ORDER BY id DESC LIMIT 1", (participant_id,)))
    return rows[0] if rows else None


def _log(
    db: sqlite_utils.Database,
    *,
    now: datetime,
    desk: str | None,
    method: str,
    raw: str | None,
    result: str,
    participant_id: int | None,
    nonce: str | None,
) -> int | None:
    cursor = db.execute(
        "INSERT INTO scans (at, desk, method, raw, result, participant_id, nonce) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (to_iso(now), desk, method, (raw or "")[:MAX_RAW], result, participant_id, nonce),
    )
    return cursor.lastrowid


def _result(
    db: sqlite_utils.Database, code: str, participant_id: int | None, scan_id: int | None, checkin: Row | None = None
) -> CheckInResult:
    person = None
    if participant_id is not None:
        rows = list(db.query("SELECT * FROM participants WHERE id = ?", (participant_id,)))
        person = Participant.from_row(rows[0]) if rows else None
    if checkin is None and participant_id is not None and code in ("checked_in", "already_checked_in"):
        # A replay after an undo: the first answer named the check-in since undone.
        checkin = active_check_in(db, participant_id) or _latest_check_in(db, participant_id)
    return CheckInResult(
        code=code,
        participant=person,
        at=datetime.fromisoformat(checkin["at"]) if checkin else None,
        desk=checkin["desk"] if checkin else None,
        placement=placement(db, person.id) if person and code in ("checked_in", "already_checked_in") else None,
        scan_id=scan_id,
    )


def _replay(db: sqlite_utils.Database, nonce: str | None) -> CheckInResult | None:
    """The answer already given to this nonce (a double click, a resent request)."""
    if not nonce:
        return None
    rows = list(db.query("SELECT id, result, participant_id FROM scans WHERE nonce = ?", (nonce,)))
    if not rows:
        return None
    row = rows[0]
    return _result(db, row["result"], row["participant_id"], row["id"])


def _commit_check_in(
    db: sqlite_utils.Database,
    person_id: int,
    *,
    now: datetime,
    desk: str | None,
    method: str,
    raw: str | None,
    nonce: str | None,
) -> CheckInResult:
    existing = active_check_in(db, person_id)
    if existing is None:
        try:
            cursor = db.execute(
                "INSERT INTO checkins (participant_id, at, desk) VALUES (?, ?, ?)", (person_id, to_iso(now), desk)
            )
        except sqlite3.IntegrityError:  # the unique index: someone else was faster
            existing = active_check_in(db, person_id)
        else:
            checkin = {"id": cursor.lastrowid, "at": to_iso(now), "desk": desk}
            scan_id = _log(
                db,
                now=now,
                desk=desk,
                method=method,
                raw=raw,
                result="checked_in",
                participant_id=person_id,
                nonce=nonce,
            )
            return _result(db, "checked_in", person_id, scan_id, checkin)
    scan_id = _log(
        db,
        now=now,
        desk=desk,
        method=method,
        raw=raw,
        result="already_checked_in",
        participant_id=person_id,
        nonce=nonce,
    )
    return _result(db, "already_checked_in", person_id, scan_id, existing)


# --- the actions


def check_in(
    db: sqlite_utils.Database,
    raw: str | None,
    *,
    now: datetime,
    desk: str | None = None,
    nonce: str | None = None,
    method: str = "typed",
) -> CheckInResult:
    """Check in whoever `raw` names; log the attempt. One transaction; safe to repeat."""
    # Whatever a scanner typed is logged, so it must be storable text (a lone surrogate is not).
    raw = raw.encode("utf-8", "replace").decode("utf-8") if isinstance(raw, str) else raw
    with write_tx(db):
        replay = _replay(db, nonce)
        if replay:
            return replay
        found = lookup(db, raw, method)
        if found.code:
            scan_id = _log(
                db, now=now, desk=desk, method=method, raw=raw, result=found.code, participant_id=None, nonce=nonce
            )
            return CheckInResult(found.code, scan_id=scan_id)
        row = found.row
        assert row is not None  # a lookup without a code found a person
        if row["deleted_at"]:
            scan_id = _log(
                db,
                now=now,
                desk=desk,
                method=method,
                raw=raw,
                result="deleted_participant",
                participant_id=row["id"],
                nonce=nonce,
            )
            return CheckInResult("deleted_participant", Participant.from_row(row), scan_id=scan_id)
        return _commit_check_in(db, row["id"], now=now, desk=desk, method=method, raw=raw, nonce=nonce)


def check_in_person(
    db: sqlite_utils.Database, participant_id: int, *, now: datetime, desk: str | None = None, nonce: str | None = None
) -> CheckInResult:
    """One tap in the name search: check in by id."""
    with write_tx(db):
        replay = _replay(db, nonce)
        if replay:
            return replay
        rows = list(db.query("SELECT * FROM participants WHERE id = ?", (participant_id,)))
        if not rows or rows[0]["deleted_at"]:
            code = "deleted_participant" if rows else "unknown_code"
            scan_id = _log(
                db,
                now=now,
                desk=desk,
                method="search",
                raw=f"id:{participant_id}",
                result=code,
                participant_id=rows[0]["id"] if rows else None,
                nonce=nonce,
            )
            return CheckInResult(code, Participant.from_row(rows[0]) if rows else None, scan_id=scan_id)
        return _commit_check_in(
            db, participant_id, now=now, desk=desk, method="search", raw=f"id:{participant_id}", nonce=nonce
        )


def check_in_photo(
    db: sqlite_utils.Database, image: bytes, *, now: datetime, desk: str | None = None, nonce: str | None = None
) -> CheckInResult:
    """A camera photo: decode its one QR code, then check in. A photo that fails is logged too."""
    from .qr import decode_qr

    try:
        payload = decode_qr(image)
    except ScanError as exc:
        with write_tx(db):
            replay = _replay(db, nonce)
            if replay:
                return replay
            code = exc.code if exc.code in RESULTS else "no_qr"
            scan_id = _log(
                db,
                now=now,
                desk=desk,
                method="camera",
                raw=f"<photo {len(image)} bytes>",
                result=code,
                participant_id=None,
                nonce=nonce,
            )
        return CheckInResult(code, scan_id=scan_id)
    return check_in(db, payload, now=now, desk=desk, nonce=nonce, method="camera")


def undo_check_in(
    db: sqlite_utils.Database, participant_id: int, *, now: datetime, desk: str | None = None, role: str = "desk"
) -> datetime:
    """Take back a person's active check-in (a wrong tap). Returns when it had been made.

    Raises CheckInError('not_checked_in') if there is nothing to undo, so a second click changes nothing."""
    with write_tx(db):
        existing = active_check_in(db, participant_id)
        if existing is None:
            raise CheckInError("not_checked_in", "This person is not checked in.")
        db.execute(
            "UPDATE checkins SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
            (to_iso(now), desk or role, existing["id"]),
        )
        audit.record(
            db,
            at=now,
            role=role,
            desk=desk,
            action="checkin.undo",
            detail={"participant_id": participant_id, "checked_in_at": existing["at"]},
        )
    return datetime.fromisoformat(existing["at"])


_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def register_walk_in(
    db: sqlite_utils.Database,
    *,
    name: str,
    now: datetime,
    county: str | None = None,
    role: str = "other",
    theme: int | None = None,
    email: str | None = None,
    desk: str | None = None,
    staff_role: str = "desk",
    nonce: str | None = None,
) -> CheckInResult:
    """Someone not on the list: a new person with a token and QR, checked in at once."""
    name = " ".join((name or "").split())
    email = (email or "").strip() or None
    if not name:
        raise CheckInError("no_name", "A walk-in needs a name.")
    if email and not _EMAIL.match(email):
        raise CheckInError("bad_email", "That e-mail address is not valid.")
    if role not in people.ROLES:
        raise CheckInError("unknown_role", f"Unknown role {role!r}.")
    with write_tx(db):
        replay = _replay(db, nonce)
        if replay:
            return replay
        if email and db.execute("SELECT 1 FROM participants WHERE lower(email) = lower(?)", (email,)).fetchone():
            raise CheckInError(
                "email_taken", "Someone with this e-mail address is already registered: search for them."
            )
        person = people.add_participant(
            db, name=name, email=email, county=county or None, role=role, theme=theme, walk_in=True, now=now
        )
        audit.record(
            db,
            at=now,
            role=staff_role,
            desk=desk,
            action="participant.walk_in",
            detail={"participant_id": person.id, "name": name},
        )
        return _commit_check_in(db, person.id, now=now, desk=desk, method="walk_in", raw=f"id:{person.id}", nonce=nonce)
