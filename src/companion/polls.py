"""Live polls and a word cloud: the organizer asks the hall, the phones answer, Storskjerm shows.

Four kinds: one choice, several choices, a scale 1-5, and words (a word or three). Polls come from
data/polls.toml (validated by load_file) or from the organizer page. One poll is open at a time
and one is on screen at a time (unique indexes hold both); a person has one answer per poll, which
they may change while it is open (a unique index and an upsert: a repeated request is harmless).
Word answers are normalised (lower case, no punctuation) and stop words in Norwegian and English
are left out of the cloud.
"""

import json
import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from . import audit, text
from .clock import to_iso
from .db import write_tx
from .errors import EventDataError, HallError

KINDS = ("single", "multiple", "scale", "words")
SCALE = (1, 2, 3, 4, 5)
MAX_OPTIONS = 10
MAX_QUESTION = 200
MAX_OPTION = 80
MAX_WORDS = 3
MAX_WORD_ANSWER = 60
CLOUD_WORDS = 60

STOP_WORDS = frozenset(
    """
    og i jeg det at en et den til er som på de med han av ikke der så var meg seg men ett har om vi min mitt
    ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans hvor eller hva skal selv sjøl her alle
    vil bli ble blitt kunne inn når være kom noen noe ville dere deres kun ja etter ned skulle denne for deg si
    sine sitt mot å meget hvorfor dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni
    mellom vår hver hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar
    mye mer mest litt veldig
    a an the and or but if of at by for with about against between into through during before after above
    below to from up down in out on off over under again further then once here there when where why how all
    any both each few more most other some such no nor not only own same so than too very s t can will just
    don should now is are was were be been being have has had having do does did doing i me my myself we our
    ours you your he him his she her it its they them their what which who whom this that these those am
    """.split()
)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


@dataclass(frozen=True)
class PollSpec:
    kind: str
    question_nb: str
    question_en: str = ""
    options: tuple[str, ...] = ()
    key: str | None = None
    options_en: tuple[str, ...] = ()  # the same choices in English, in the same order, or none


@dataclass(frozen=True)
class Poll:
    id: int
    key: str | None
    kind: str
    question_nb: str
    question_en: str
    options: tuple[str, ...]
    status: str
    on_screen: bool
    options_en: tuple[str, ...] = ()

    def question(self, lang: str) -> str:
        return self.question_en if lang == "en" and self.question_en else self.question_nb

    def labels(self, lang: str = "nb") -> tuple[str, ...]:
        """The choices as a reader in `lang` sees them (English where the organizer gave it)."""
        if self.kind == "scale":
            return tuple(str(n) for n in SCALE)
        return self.options_en if lang == "en" and self.options_en else self.options


def check_spec(spec: PollSpec) -> PollSpec:
    """The spec with its texts cleaned, or HallError with the reason."""
    if spec.kind not in KINDS:
        raise HallError("bad_poll_kind", f"Kind must be one of {', '.join(KINDS)}.")
    question_nb, question_en = text.lines(spec.question_nb), text.lines(spec.question_en)
    if not question_nb or len(question_nb) > MAX_QUESTION or len(question_en) > MAX_QUESTION:
        raise HallError("bad_poll_question", f"A question of 1 to {MAX_QUESTION} characters.", max=MAX_QUESTION)
    options = tuple(text.one_line(o) for o in spec.options)
    if spec.kind in ("single", "multiple"):
        if not 2 <= len(options) <= MAX_OPTIONS or any(not o or len(o) > MAX_OPTION for o in options):
            raise HallError("bad_poll_options", f"2 to {MAX_OPTIONS} choices of 1 to {MAX_OPTION} characters.")
        if len(set(options)) != len(options):
            raise HallError("bad_poll_options", "Each choice once.")
    elif options:
        raise HallError("bad_poll_options", "Only choice polls have choices.")
    options_en = tuple(text.one_line(o) for o in spec.options_en)
    if options_en and (len(options_en) != len(options) or any(not o or len(o) > MAX_OPTION for o in options_en)):
        raise HallError(
            "bad_poll_options_en", f"One English choice for each choice, of 1 to {MAX_OPTION} characters, or none."
        )
    return PollSpec(spec.kind, question_nb, question_en, options, spec.key, options_en)


def load_file(path: Path) -> list[PollSpec]:
    """data/polls.toml: [[poll]] tables with kind, question_nb, question_en, options, options_en, key. A missing
    file is no polls; a broken one is EventDataError naming the poll and the problem."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise EventDataError("bad_polls_file", f"{path.name}: {exc}") from exc
    found: list[PollSpec] = []
    tables = data.get("poll", [])
    if not isinstance(tables, list):
        raise EventDataError("bad_polls_file", f"{path.name}: write each poll as [[poll]].")
    for number, table in enumerate(tables, start=1):
        try:
            found.append(check_spec(_spec(table)))
        except HallError as exc:
            raise EventDataError("bad_polls_file", f"{path.name}, poll {number}: {exc.message}") from exc
    keys = [s.key for s in found if s.key]
    if len(set(keys)) != len(keys):
        raise EventDataError("bad_polls_file", f"{path.name}: each key once.")
    return found


def _spec(table: object) -> PollSpec:
    if not isinstance(table, Mapping):
        raise HallError("bad_poll_kind", "A poll is a table.")
    values = {k: table.get(k) for k in ("kind", "question_nb", "question_en", "options", "options_en", "key")}
    options, options_en = values["options"] or [], values["options_en"] or []
    for name, given in (("options", options), ("options_en", options_en)):
        if not isinstance(given, list) or not all(isinstance(o, str) for o in given):
            raise HallError("bad_poll_options", f"{name} is a list of texts.")
    for name in ("kind", "question_nb", "question_en", "key"):
        if values[name] is not None and not isinstance(values[name], str):
            raise HallError("bad_poll_question", f"{name} is text.")
    return PollSpec(
        str(values["kind"] or ""),
        str(values["question_nb"] or ""),
        str(values["question_en"] or ""),
        tuple(options),
        values["key"] or None,
        tuple(options_en),
    )


def _poll(row: Sequence[Any]) -> Poll:
    options, options_en = tuple(json.loads(row[5])), tuple(json.loads(row[8]))
    return Poll(row[0], row[1], row[2], row[3], row[4], options, row[6], bool(row[7]), options_en)


_COLUMNS = "id, key, kind, question_nb, question_en, options, status, on_screen, options_en"


def create(db: sqlite_utils.Database, spec: PollSpec, *, now: datetime, role: str, desk: str | None = None) -> Poll:
    spec = check_spec(spec)
    with write_tx(db):
        cursor = db.execute(
            "INSERT INTO polls (key, kind, question_nb, question_en, options, options_en, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
            (
                spec.key,
                spec.kind,
                spec.question_nb,
                spec.question_en,
                json.dumps(spec.options),
                json.dumps(spec.options_en),
                to_iso(now),
            ),
        )
        if cursor.rowcount == 0:
            return get_by_key(db, spec.key or "")  # type: ignore[return-value]
        audit.record(db, at=now, role=role, desk=desk, action="poll.create", detail={"poll": cursor.lastrowid})
        return get(db, int(cursor.lastrowid or 0))  # type: ignore[return-value]


def load_into(db: sqlite_utils.Database, specs: Sequence[PollSpec], *, now: datetime, role: str) -> int:
    """Polls from the file that are not stored yet (by key). Returns how many were added."""
    before = len(all_polls(db))
    for spec in specs:
        create(db, spec, now=now, role=role)
    return len(all_polls(db)) - before


def get(db: sqlite_utils.Database, poll_id: int) -> Poll | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM polls WHERE id = ?", (poll_id,)).fetchone()
    return None if row is None else _poll(row)


def get_by_key(db: sqlite_utils.Database, key: str) -> Poll | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM polls WHERE key = ?", (key,)).fetchone()
    return None if row is None else _poll(row)


def all_polls(db: sqlite_utils.Database) -> list[Poll]:
    return [_poll(r) for r in db.execute(f"SELECT {_COLUMNS} FROM polls ORDER BY id").fetchall()]


def open_poll(db: sqlite_utils.Database) -> Poll | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM polls WHERE status = 'open'").fetchone()
    return None if row is None else _poll(row)


def shown_poll(db: sqlite_utils.Database) -> Poll | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM polls WHERE on_screen = 1").fetchone()
    return None if row is None else _poll(row)


def set_state(
    db: sqlite_utils.Database, poll_id: int, action: str, *, now: datetime, role: str, desk: str | None = None
) -> None:
    """open (closes any other and puts this one on screen), close, show, hide. Audit-logged."""
    with write_tx(db):
        if get(db, poll_id) is None:
            raise HallError("poll_not_found", "No such poll.")
        stamp = to_iso(now)
        if action == "open":
            db.execute("UPDATE polls SET status = 'closed', closed_at = ? WHERE status = 'open'", (stamp,))
            db.execute("UPDATE polls SET on_screen = 0 WHERE on_screen = 1")
            db.execute("UPDATE polls SET status = 'open', opened_at = ?, on_screen = 1 WHERE id = ?", (stamp, poll_id))
        elif action == "close":
            db.execute("UPDATE polls SET status = 'closed', closed_at = ? WHERE id = ?", (stamp, poll_id))
        elif action == "show":
            db.execute("UPDATE polls SET on_screen = 0 WHERE on_screen = 1")
            db.execute("UPDATE polls SET on_screen = 1 WHERE id = ?", (poll_id,))
        elif action == "hide":
            db.execute("UPDATE polls SET on_screen = 0 WHERE id = ?", (poll_id,))
        else:
            raise HallError("bad_poll_action", "open, close, show or hide.")
        audit.record(db, at=now, role=role, desk=desk, action=f"poll.{action}", detail={"poll": poll_id})


def normalise_words(value: str) -> list[str]:
    """The words of a word answer as the cloud counts them: lower case, no punctuation, no stop words."""
    plain = unicodedata.normalize("NFC", text.one_line(value)).casefold()
    return [w for w in _WORD.findall(plain) if w not in STOP_WORDS and len(w) > 1]


def clean_answer(poll: Poll, answer: object) -> list[int] | str:
    """What is stored for this answer: the chosen indexes (or the scale value), or the words' text."""
    if poll.kind == "words":
        if not isinstance(answer, str) or not text.one_line(answer):
            raise HallError("bad_poll_answer", "Write a word or three.")
        kept = text.one_line(answer)
        if len(kept) > MAX_WORD_ANSWER or len(kept.split()) > MAX_WORDS:
            raise HallError("too_many_words", f"At most {MAX_WORDS} words.", max=MAX_WORDS)
        return kept
    if not isinstance(answer, list) or not all(type(a) is int for a in answer):
        raise HallError("bad_poll_answer", "Choose from the list.")
    chosen = sorted(set(answer))
    allowed = set(SCALE) if poll.kind == "scale" else set(range(len(poll.options)))
    if not chosen or not set(chosen) <= allowed or (poll.kind != "multiple" and len(chosen) != 1):
        raise HallError("bad_poll_answer", "Choose from the list.")
    return chosen


def answer(db: sqlite_utils.Database, poll_id: int, participant_id: int, value: object, *, now: datetime) -> str:
    """Store or change this person's answer to the open poll. "saved" or "updated"; HallError
    (poll_not_open, bad_poll_answer, too_many_words)."""
    with write_tx(db):
        poll = get(db, poll_id)
        if poll is None or poll.status != "open":
            raise HallError("poll_not_open", "This poll is not open.")
        stored = json.dumps(clean_answer(poll, value), ensure_ascii=False)
        existed = db.execute(
            "SELECT 1 FROM poll_answers WHERE poll_id = ? AND participant_id = ?", (poll_id, participant_id)
        ).fetchone()
        db.execute(
            "INSERT INTO poll_answers (poll_id, participant_id, answer, at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (poll_id, participant_id) DO UPDATE SET answer = excluded.answer, at = excluded.at",
            (poll_id, participant_id, stored, to_iso(now)),
        )
    return "updated" if existed else "saved"


def answer_of(db: sqlite_utils.Database, poll_id: int, participant_id: int) -> object:
    row = db.execute(
        "SELECT answer FROM poll_answers WHERE poll_id = ? AND participant_id = ?", (poll_id, participant_id)
    ).fetchone()
    return None if row is None else json.loads(row[0])


def results(db: sqlite_utils.Database, poll: Poll) -> dict[str, Any]:
    """No person in it: {"total", "bars": [[label, count], ...]} or {"total", "words": [[word, count], ...]}."""
    answers = [json.loads(r[0]) for r in db.execute("SELECT answer FROM poll_answers WHERE poll_id = ?", (poll.id,))]
    if poll.kind == "words":
        counts = Counter(w for a in answers for w in set(normalise_words(str(a))))
        return {"total": len(answers), "words": [[w, n] for w, n in counts.most_common(CLOUD_WORDS)]}
    tally = Counter(i for a in answers for i in a)
    keys = SCALE if poll.kind == "scale" else tuple(range(len(poll.options)))
    labels = poll.labels()
    return {"total": len(answers), "bars": [[labels[n], tally.get(k, 0)] for n, k in enumerate(keys)]}


def export_rows(db: sqlite_utils.Database) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Every poll's results, one row per choice or word (for CSV/XLSX): no person in it."""
    rows: list[tuple[object, ...]] = []
    for poll in all_polls(db):
        found = results(db, poll)
        for label, count in found.get("bars", found.get("words", [])):
            rows.append((poll.id, poll.question_nb, poll.kind, label, count, found["total"]))
    return ("poll", "question", "kind", "answer", "count", "answers"), rows


def version(db: sqlite_utils.Database) -> str:
    """Moves when a poll opens, closes or goes on screen (not on answers)."""
    row = db.execute(
        "SELECT coalesce(max(CASE WHEN status = 'open' THEN id END), 0),"
        " coalesce(max(CASE WHEN on_screen THEN id END), 0),"
        " count(*), coalesce(sum(status = 'closed'), 0) FROM polls"
    ).fetchone()
    return "p" + ".".join(str(v) for v in row)
