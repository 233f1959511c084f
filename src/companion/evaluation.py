"""The evaluation at the end of the day: its questions (data/evaluation.toml), when it opens, and
one answer per participant that they may change until the organizer closes it.

Anonymous by design. An answer row holds the answers and the answerer's theme (for "how useful was
your theme", per theme), never a participant id, a name or a time. One answer per person that the
person can change needs *some* link while the evaluation runs: the row's voter key is
HMAC-SHA256(secret, participant id), the secret 32 random bytes in the settings table. A plain hash
would not do: participant ids are small numbers, so anyone could hash them all. Whoever holds the
database and its secret can still tell whose answer is whose until the purge, which sets every
voter key to NULL and deletes the secret (purge.py); erasing one person sets theirs to NULL
(person.py). The right of access (person export) uses the same link to show a person their answer.
"""

import hashlib
import hmac
import json
import re
import secrets
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from . import audit, schedule
from .agenda import Shift
from .agenda import schedule as shifted
from .db import get_setting, put_setting, scalar, write_tx
from .errors import EvaluationError, EventDataError
from .event import SLOT_KINDS, ProgrammeItem, Text

FILE_NAME = "evaluation.toml"
KINDS = ("scale", "text")
SCALE = range(1, 6)
MAX_CHARS_LIMIT = 2000
SECRET_KEY = "evaluation.secret"
CLOSED_KEY = "evaluation.closed"
_KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Question:
    key: str
    kind: str  # "scale" (1-5) or "text"
    label: Text
    required: bool
    low: Text = field(default_factory=lambda: Text("", ""))
    high: Text = field(default_factory=lambda: Text("", ""))


@dataclass(frozen=True)
class Form:
    opens_with: str  # a programme slot kind
    max_chars: int
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


# --- the questions, from data/evaluation.toml


def _fail(path: Path, problem: str) -> None:
    raise EventDataError("bad_event_file", f"{path}: {problem}", file=str(path), line=None)


def _text(path: Path, where: str, table: Mapping[str, Any], stem: str, *, required: bool) -> Text:
    values = []
    for lang in ("nb", "en"):
        value = table.get(f"{stem}_{lang}", "")
        if not isinstance(value, str):
            _fail(path, f"{where}: {stem}_{lang} must be text")
        values.append(value.strip())
    if required and not values[0]:
        _fail(path, f"{where}: needs {stem}_nb")
    return Text(values[0], values[1])


def _question(path: Path, number: int, table: object, seen: set[str]) -> Question:
    where = f"question {number}"
    if not isinstance(table, dict):
        _fail(path, f"{where} is not a table ([[question]])")
    assert isinstance(table, dict)
    key, kind, required = table.get("key"), table.get("kind"), table.get("required", True)
    if not isinstance(key, str) or not _KEY_PATTERN.match(key):
        _fail(path, f"{where}: key {key!r} must be lower-case letters, digits and _ (e.g. overall)")
    assert isinstance(key, str)
    if key in seen:
        _fail(path, f"{where}: key {key!r} appears twice")
    if kind not in KINDS:
        _fail(path, f"{where} ({key}): kind {kind!r} is not one of {', '.join(KINDS)}")
    if not isinstance(required, bool):
        _fail(path, f"{where} ({key}): required must be true or false")
    known = {"key", "kind", "required", "label_nb", "label_en", "low_nb", "low_en", "high_nb", "high_en"}
    unknown = sorted(set(table) - known)
    if unknown:
        _fail(path, f"{where} ({key}): unknown field {unknown[0]!r}")
    seen.add(key)
    return Question(
        key=key,
        kind=str(kind),
        label=_text(path, f"{where} ({key})", table, "label", required=True),
        required=required,
        low=_text(path, f"{where} ({key})", table, "low", required=False),
        high=_text(path, f"{where} ({key})", table, "high", required=False),
    )


def load_form(data_dir: Path | str, programme: Sequence[ProgrammeItem] = ()) -> Form:
    """The evaluation's questions, validated; an EventDataError names the file and the problem.
    With the programme, the slot kind it opens with must be in it."""
    path = Path(data_dir) / FILE_NAME
    if not path.exists():
        _fail(path, "file is missing")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        _fail(path, str(exc))
    head = data.get("evaluation", {})
    if not isinstance(head, dict):
        _fail(path, "[evaluation] must be a table")
    opens_with = head.get("opens_with", "closing")
    if opens_with not in SLOT_KINDS or opens_with == "end":
        _fail(path, f"opens_with {opens_with!r} is not a programme slot kind ({', '.join(SLOT_KINDS[:-1])})")
    if programme and not any(item.kind == opens_with for item in programme):
        _fail(path, f"opens_with {opens_with!r}: the programme has no slot of that kind")
    max_chars = head.get("max_chars", 500)
    if not isinstance(max_chars, int) or isinstance(max_chars, bool) or not 1 <= max_chars <= MAX_CHARS_LIMIT:
        _fail(path, f"max_chars must be a whole number from 1 to {MAX_CHARS_LIMIT}")
    raw = data.get("question", [])
    if not isinstance(raw, list) or not raw:
        _fail(path, "has no questions ([[question]] tables)")
    seen: set[str] = set()
    questions = tuple(_question(path, n, table, seen) for n, table in enumerate(raw, start=1))
    return Form(opens_with=str(opens_with), max_chars=max_chars, questions=questions)


# --- when it is open


def opens_at(form: Form, programme: Sequence[ProgrammeItem], shifts: Sequence[Shift] = ()) -> datetime | None:
    """When the first slot of the form's kind starts, following any delay."""
    return next((slot.start for slot in shifted(programme, shifts) if slot.kind == form.opens_with), None)


def is_closed(db: sqlite_utils.Database) -> bool:
    return get_setting(db, CLOSED_KEY, "0") == "1"


def set_closed(db: sqlite_utils.Database, closed: bool, *, now: datetime, role: str, desk: str | None = None) -> None:
    """The organizer's switch: closed, answers can no longer be given or changed. Audit-logged."""
    with write_tx(db):
        if is_closed(db) != closed:
            put_setting(db, CLOSED_KEY, "1" if closed else "0")
            action = "evaluation.close" if closed else "evaluation.open"
            audit.record(db, at=now, role=role, desk=desk, action=action, detail={"answers": count(db)})


def phase(db: sqlite_utils.Database, form: Form, programme: Sequence[ProgrammeItem], now: datetime) -> str:
    """ "before" (not yet), "open" or "closed"."""
    if is_closed(db):
        return "closed"
    start = opens_at(form, programme, schedule.get_shifts(db))
    return "before" if start is None or now < start else "open"


# --- answers


def _secret(db: sqlite_utils.Database, *, create: bool) -> bytes | None:
    stored = get_setting(db, SECRET_KEY)
    if stored is None and create:
        stored = secrets.token_hex(32)
        put_setting(db, SECRET_KEY, stored)
    return bytes.fromhex(stored) if stored else None


def voter_key(db: sqlite_utils.Database, participant_id: int, *, create: bool = False) -> str | None:
    """The keyed hash that stands for this person in evaluation_answers (None without a secret)."""
    secret = _secret(db, create=create)
    if secret is None:
        return None
    return hmac.new(secret, str(int(participant_id)).encode(), hashlib.sha256).hexdigest()


def clean_text(value: str) -> str:
    """Plain text as typed, without control and direction characters, trimmed."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def clean_answers(form: Form, raw: Mapping[str, object]) -> dict[str, int | str]:
    """The answers as they will be stored, or EvaluationError naming the question at fault."""
    unknown = sorted(set(raw) - {q.key for q in form.questions})
    if unknown:
        raise EvaluationError("bad_answer", f"no question {unknown[0]!r}", question=unknown[0])
    clean: dict[str, int | str] = {}
    for q in form.questions:
        value = raw.get(q.key)
        if q.kind == "scale":
            if value is None:
                if q.required:
                    raise EvaluationError("missing_answer", f"{q.key} needs an answer", question=q.key)
                continue
            if type(value) is not int or value not in SCALE:
                raise EvaluationError("bad_answer", f"{q.key} must be a whole number from 1 to 5", question=q.key)
            clean[q.key] = value
        else:
            if value is None:
                value = ""
            if not isinstance(value, str):
                raise EvaluationError("bad_answer", f"{q.key} must be text", question=q.key)
            text = clean_text(value)
            if len(text) > form.max_chars:
                raise EvaluationError(
                    "answer_too_long",
                    f"{q.key}: at most {form.max_chars} characters ({len(text)})",
                    max=form.max_chars,
                    length=len(text),
                )
            if not text and q.required:
                raise EvaluationError("missing_answer", f"{q.key} needs an answer", question=q.key)
            if text:
                clean[q.key] = text
    return clean


@dataclass(frozen=True)
class Submitted:
    status: str  # "saved" (first answer), "updated" or "same" (a repeated request)
    answers: dict[str, int | str]


def submit(
    db: sqlite_utils.Database,
    form: Form,
    programme: Sequence[ProgrammeItem],
    *,
    participant_id: int,
    theme: int | None,
    answers: Mapping[str, object],
    now: datetime,
    nonce: str | None = None,
) -> Submitted:
    """Store or change this person's answer, in one transaction. A request repeated with the same
    nonce changes nothing. Raises EvaluationError (evaluation_not_open, evaluation_closed, and
    clean_answers' codes)."""
    clean = clean_answers(form, answers)
    with write_tx(db):
        current = phase(db, form, programme, now)
        if current != "open":
            code = "evaluation_closed" if current == "closed" else "evaluation_not_open"
            raise EvaluationError(code, f"The evaluation is {current}.")
        key = voter_key(db, participant_id, create=True)
        row = db.execute("SELECT id, nonce, answers FROM evaluation_answers WHERE voter_key = ?", (key,)).fetchone()
        stored = json.dumps(clean, ensure_ascii=False, sort_keys=True)
        if row is None:
            db.execute(
                "INSERT INTO evaluation_answers (voter_key, theme, answers, nonce) VALUES (?, ?, ?, ?)",
                (key, theme, stored, nonce),
            )
            return Submitted("saved", clean)
        if nonce is not None and row[1] == nonce:
            return Submitted("same", json.loads(row[2]))
        db.execute(
            "UPDATE evaluation_answers SET answers = ?, theme = ?, nonce = ? WHERE id = ?",
            (stored, theme, nonce, row[0]),
        )
    return Submitted("updated", clean)


def answer_of(db: sqlite_utils.Database, participant_id: int) -> dict[str, int | str] | None:
    """This person's answer as stored, or None."""
    key = voter_key(db, participant_id)
    if key is None:
        return None
    found = scalar(db, "SELECT answers FROM evaluation_answers WHERE voter_key = ?", (key,))
    return dict(json.loads(found)) if found else None


def forget_link(db: sqlite_utils.Database, participant_id: int) -> bool:
    """Erasure of one person: their answer stays, anonymous, and can no longer be changed.
    Call inside the caller's transaction. True if they had answered."""
    key = voter_key(db, participant_id)
    if key is None:
        return False
    return db.execute("UPDATE evaluation_answers SET voter_key = NULL WHERE voter_key = ?", (key,)).rowcount > 0


def forget_all_links(db: sqlite_utils.Database) -> None:
    """The purge: no answer can be tied to anyone any more. Inside the caller's transaction."""
    db.execute("UPDATE evaluation_answers SET voter_key = NULL, nonce = NULL")
    db.execute("DELETE FROM settings WHERE key = ?", (SECRET_KEY,))


def count(db: sqlite_utils.Database) -> int:
    return int(scalar(db, "SELECT COUNT(*) FROM evaluation_answers") or 0)


@dataclass(frozen=True)
class Summary:
    """What the report shows: how many answered, each scale's distribution (overall, and per
    theme), and the free-text answers in the order they were first given."""

    answered: int
    scales: dict[str, dict[int, int]]
    by_theme: dict[str, dict[int | None, dict[int, int]]]
    texts: dict[str, list[str]]


def summary(db: sqlite_utils.Database, form: Form) -> Summary:
    rows = db.execute("SELECT theme, answers FROM evaluation_answers ORDER BY id").fetchall()
    scales = {q.key: dict.fromkeys(SCALE, 0) for q in form.questions if q.kind == "scale"}
    by_theme: dict[str, dict[int | None, dict[int, int]]] = {key: {} for key in scales}
    texts: dict[str, list[str]] = {q.key: [] for q in form.questions if q.kind == "text"}
    for theme, stored in rows:
        answers = json.loads(stored)
        for key, value in answers.items():
            if key in scales and value in SCALE:
                scales[key][value] += 1
                by_theme[key].setdefault(theme, dict.fromkeys(SCALE, 0))[value] += 1
            elif key in texts and isinstance(value, str):
                texts[key].append(value)
    return Summary(len(rows), scales, by_theme, texts)
