"""Property: whatever bytes or text arrive, the entry points answer with a result or one of our own
errors (a CompanionError subclass, with a code the UI can say), never anything else.

import_participants over arbitrary bytes (named .csv and .xlsx), over CSV-like text built from
hostile cells, and over damaged copies of a real XLSX; questions.ask, check_in and auth.login over
arbitrary text, lone surrogates included. A refused import changes nothing.
"""

import io
import os
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from companion import auth, checkin, db, importing, people, questions
from companion.config import load_settings
from companion.errors import CompanionError, ImportFileError
from companion.event import load_event
from companion.i18n import ERRORS
from tests.conftest import DATA

EVENT = load_event(DATA)
NOW = datetime(2019, 9, 25, 10, 0, tzinfo=EVENT.tz)
# FUZZ_EXAMPLES=5000 for a longer hunt; 150 keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# Every code point, lone surrogates too (hypothesis leaves those out by default).
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=400)


@pytest.fixture(scope="module")
def store():
    """One database for all examples of a property (function fixtures do not reset between examples)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "companion.db"
        with db.connect(path) as conn:
            db.migrate(conn)
            with db.write_tx(conn):
                person = people.add_participant(conn, name="Kari Nordmann", email="kari@nfk.no", now=NOW)
            questions.set_override(conn, "open", now=NOW, role="organizer")
        yield path, person


def _count(conn, table):
    return db.scalar(conn, f"SELECT count(*) FROM {table}")


def _import_or_refuse(path, data: bytes, name: str) -> None:
    with db.connect(path) as conn:
        before = (_count(conn, "participants"), _count(conn, "audit"))
        try:
            importing.import_participants(conn, data, name, event=EVENT, now=NOW)
        except ImportFileError as exc:
            assert exc.code in ERRORS
            assert (_count(conn, "participants"), _count(conn, "audit")) == before, "a refused file changes nothing"


@FUZZ
@given(data=st.binary(max_size=3000), name=st.sampled_from(["liste.csv", "liste.xlsx", "liste", "liste.CSV"]))
@example(data=b"PK\x03\x04", name="liste.csv")
@example(data=b"\xff\xfe", name="liste.csv")
def test_import_of_arbitrary_bytes_gives_a_report_or_our_error(store, data, name):
    _import_or_refuse(store[0], data, name)


CELL = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(
        [
            '"',
            '""',
            '"a;b"',
            "=1+1",
            "navn",
            "e-post",
            "tema",
            "rolle",
            "1",
            "9",
            "a@b.no",
            "\r",
            "\n",
            "\x00",
            ";",
            ",",
        ]
    ),
)
ROW = st.lists(CELL, max_size=6)


@FUZZ
@given(
    header=st.lists(
        st.sampled_from(["navn", "e-post", "fylke", "rolle", "tema", "x", "", '"navn"']), min_size=1, max_size=6
    ),
    rows=st.lists(ROW, max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_import_of_csv_like_text_gives_a_report_or_our_error(store, header, rows, delimiter, newline, encoding):
    text = newline.join(delimiter.join(cells) for cells in [header, *rows])
    data = text.encode(encoding, errors="replace")
    _import_or_refuse(store[0], data, "liste.csv")


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["navn", "e-post", "tema"])
    sheet.append(["Kari Nordmann", "kari@nfk.no", 1])
    sheet.append(["Ola Nordmann", "ola@nfk.no", "2"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


XLSX = _xlsx()


@FUZZ
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=20),
    keep=st.integers(len(XLSX) // 4, len(XLSX)),
)
def test_import_of_a_damaged_xlsx_gives_a_report_or_our_error(store, cuts, keep):
    damaged = bytearray(XLSX[:keep])
    for position, value in cuts:
        if position < len(damaged):
            damaged[position] = value
    _import_or_refuse(store[0], bytes(damaged), "liste.xlsx")


@FUZZ
@given(text=ANY_TEXT, theme=st.sampled_from([0, 1, 2, 3]), nonce=st.one_of(st.none(), st.text(max_size=8)))
@example(text="\ud800", theme=0, nonce=None)
def test_asking_any_text_stores_a_question_or_says_why_not(store, text, theme, nonce):
    path, person = store
    with db.connect(path) as conn:
        before = _count(conn, "questions")
        try:
            result = questions.ask(
                conn, programme=EVENT.programme, participant_id=person.id, text=text, theme=theme, now=NOW, nonce=nonce
            )
        except CompanionError as exc:
            assert exc.code in ERRORS
            assert _count(conn, "questions") == before
        else:
            stored = result.question.text
            assert stored and len(stored) <= questions.MAX_CHARS
            assert not any(ch < " " and ch != "\n" for ch in stored), "no control characters are stored"
        # Start every example clean, so the per-person limit does not decide the outcome.
        with db.write_tx(conn):
            conn.execute("DELETE FROM questions")


@FUZZ
@given(raw=ANY_TEXT, method=st.sampled_from(checkin.METHODS))
def test_checking_in_any_text_gives_a_result_code(store, raw, method):
    with db.connect(store[0]) as conn:
        result = checkin.check_in(conn, raw, now=NOW, desk="fuzz", method=method)
    assert result.code in checkin.RESULTS


@FUZZ
@given(pin=ANY_TEXT, role=st.sampled_from(auth.ROLES))
def test_any_pin_signs_in_or_is_refused_with_our_error(store, pin, role):
    settings_ = load_settings(
        {"COMPANION_DESK_PIN": "246813", "COMPANION_MODERATOR_PIN": "135724", "COMPANION_ORGANIZER_PIN": "975310"}
    )
    with db.connect(store[0]) as conn:
        try:
            signed_in = auth.login(conn, settings_, pin, role=role, now=NOW, client=f"fuzz-{len(pin)}")
        except CompanionError as exc:
            assert exc.code in ERRORS
        else:
            assert signed_in == role and pin.strip() == settings_.get(auth.PIN_SETTINGS[role])
