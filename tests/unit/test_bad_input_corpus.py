"""Hostile and broken inputs from tests/corpus/, each through the real entry point.

Every case ends in one of our own result or error codes, with a message in both languages, and
leaves the data as it was (compared table by table), except what the input is meant to change:
a scan attempt is always logged, a wrong PIN always counted. Page rendering and query
parameters are in tests/app/test_bad_input_corpus_app.py.
"""

import json

import pytest
from click.testing import CliRunner
from markupsafe import escape  # the escaping the templates use (Jinja2 autoescape)

from companion import auth, checkin, db, importing, questions, tickets
from companion.cli import main
from companion.config import load_settings
from companion.errors import AuthError, ImportFileError, QuestionError
from companion.i18n import ERRORS, error_text
from tests.conftest import DATA
from tests.corpus_inputs import CORPUS, TOKEN, add_known_people, case_id, cases, snapshot

REGISTRATION = json.loads((CORPUS / "registration.json").read_text(encoding="utf-8"))
PINS = {"COMPANION_DESK_PIN": "246813", "COMPANION_MODERATOR_PIN": "135724", "COMPANION_ORGANIZER_PIN": "975310"}


@pytest.fixture
def known(conn, at):
    return add_known_people(conn, at("08:00"))


def has_message(code: str) -> bool:
    """A code the UI can say in both languages (not the generic "something went wrong")."""
    return code in ERRORS and all(error_text(code, lang) for lang in ("nb", "en"))


# --- registration files -------------------------------------------------------------------


def _import(conn, event, at, data: bytes, name: str):
    return importing.import_participants(conn, data, name, event=event, now=at("07:30"))


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRATION.items() if "refused" in e))
def test_a_broken_registration_file_is_refused_with_its_code_and_changes_nothing(conn, event, at, known, name):
    before = snapshot(conn)
    with pytest.raises(ImportFileError) as refused:
        _import(conn, event, at, (CORPUS / "registration" / name).read_bytes(), name)
    assert refused.value.code == REGISTRATION[name]["refused"]
    assert has_message(refused.value.code)
    assert snapshot(conn) == before


@pytest.mark.parametrize("name", sorted(n for n, e in REGISTRATION.items() if "names" in e))
def test_an_odd_registration_file_imports_what_is_valid_and_says_why_the_rest_is_not(conn, event, at, known, name):
    expected = REGISTRATION[name]
    before = snapshot(conn, skip=("participants", "audit"))

    report = _import(conn, event, at, (CORPUS / "registration" / name).read_bytes(), name)

    assert report.added == expected["names"]
    assert [[r.line, r.reason] for r in report.rejected] == expected["rejected"]
    assert [[w.line, w.code] for w in report.row_warnings] == expected.get("warned", [])
    assert all(has_message(r.reason) for r in report.rejected)
    assert report.extra_columns == expected.get("ignored_columns", [])
    stored = {r["name"] for r in conn.query("SELECT name FROM participants")}
    assert set(expected["names"]) <= stored, "stored exactly as written (plain text)"
    assert snapshot(conn, skip=("participants", "audit")) == before
    assert [r["action"] for r in conn.query("SELECT action FROM audit")] == ["participants.import"]


def test_formulas_are_stored_as_text_and_neutralized_in_exports(conn, event, at):
    _import(conn, event, at, (CORPUS / "registration" / "formulas.csv").read_bytes(), "formulas.csv")
    names = {r["name"] for r in conn.query("SELECT name FROM participants")}
    assert '=HYPERLINK("http://evil.example","Klikk")' in names and "+4799999999" in names

    exported = tickets.participants(conn).csv().decode("utf-8-sig")

    assert (
        "'=HYPERLINK" in exported and "'+4799999999" in exported and "'-2+3" in exported and "'@SUM(A1:A9)" in exported
    )
    assert "\n=" not in exported and ",=" not in exported, "no cell starts with a formula sign"


@pytest.mark.parametrize(
    "make, code",
    [
        (
            lambda: ("navn;e-post\n" + "".join(f"Person {i};p{i}@eksempel.no\n" for i in range(100_000))).encode(),
            "too_many_rows",
        ),
        (lambda: b"navn;e-post\n" + b"Kari;kari@eksempel.no\n" * 300_000, "file_too_large"),
        (lambda: b"navn;e-post\n" + b"A" * 200_000 + b";a@eksempel.no\n", "bad_csv"),
    ],
    ids=["100,000 rows", "6 MB", "a 200 KB cell"],
)
def test_a_huge_registration_file_is_refused_quickly_with_a_clear_message(conn, event, at, known, make, code):
    before = snapshot(conn)
    with pytest.raises(ImportFileError) as refused:
        _import(conn, event, at, make(), "stor.csv")
    assert refused.value.code == code
    assert has_message(code)
    assert snapshot(conn) == before


@pytest.mark.parametrize(
    "name", ["empty.csv", "binary_noise.csv", "unclosed_quote.csv", "noise.xlsx", "png_renamed.csv"]
)
def test_the_import_command_says_one_line_and_exits_1_on_a_broken_file(db_path, monkeypatch, tmp_path, name):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(DATA))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T07:30")
    with db.connect(db_path) as conn:
        before = snapshot(conn)

    result = CliRunner().invoke(main, ["import", str(CORPUS / "registration" / name)])

    assert result.exit_code == 1
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    with db.connect(db_path) as conn:
        assert snapshot(conn) == before


# --- scanned and typed codes ----------------------------------------------------------------


@pytest.mark.parametrize("case", cases("scans.jsonl"), ids=case_id)
def test_a_scanned_or_typed_code_gets_its_result_code_and_checks_in_nobody_else(conn, at, known, case):
    kari, _ = known
    before = snapshot(conn, skip=("scans", "checkins"))
    checkins_before = list(conn.query("SELECT * FROM checkins"))

    result = checkin.check_in(conn, case["raw"], now=at("08:30"), desk="desk 1", method=case["method"], nonce="n1")

    assert result.code == case["expect"]
    assert result.code in checkin.RESULTS
    assert result.ok or has_message(result.code)
    scans = list(conn.query("SELECT * FROM scans"))
    assert len(scans) == 1 and scans[0]["result"] == case["expect"], "every attempt is logged with its code"
    assert len(scans[0]["raw"]) <= checkin.MAX_RAW
    active = list(conn.query("SELECT participant_id FROM checkins WHERE undone_at IS NULL"))
    if result.ok:
        assert active == [{"participant_id": kari.id}]
    else:
        assert list(conn.query("SELECT * FROM checkins")) == checkins_before
    assert snapshot(conn, skip=("scans", "checkins")) == before


PHOTOS = {
    "empty.jpg": "not_an_image",
    "text_file.jpg": "not_an_image",
    "truncated.png": "not_an_image",
    "svg_as_png.png": "not_an_image",
    "bomb_header.png": "image_too_large",
    "blank.png": "no_qr",
    "two_codes.png": "several_qr",
    "qr_other_url.png": "not_our_ticket",
    "qr_sql.png": "not_our_ticket",
    "qr_path.png": "not_our_ticket",
    "qr_javascript.png": "not_our_ticket",
    "qr_wifi.png": "not_our_ticket",
    "qr_unknown_token.png": "unknown_code",
}


def test_every_photo_in_the_corpus_has_an_expectation():
    assert sorted(p.name for p in (CORPUS / "photos").iterdir()) == sorted(PHOTOS)


@pytest.mark.parametrize("name", sorted(PHOTOS))
def test_a_bad_camera_photo_gets_its_result_code_and_checks_in_nobody(conn, at, known, name):
    before = snapshot(conn, skip=("scans",))

    result = checkin.check_in_photo(
        conn, (CORPUS / "photos" / name).read_bytes(), now=at("08:30"), desk="desk 1", nonce="p1"
    )

    assert result.code == PHOTOS[name]
    assert has_message(result.code)
    assert [r["result"] for r in conn.query("SELECT result FROM scans")] == [PHOTOS[name]]
    assert snapshot(conn, skip=("scans",)) == before


# --- question texts -----------------------------------------------------------------------


def _ask(conn, event, at, person, text):
    return questions.ask(
        conn, programme=event.programme, participant_id=person.id, text=text, now=at("10:00"), nonce="q1"
    )


@pytest.mark.parametrize("case", [c for c in cases("questions.jsonl") if c["expect"] != "stored"], ids=case_id)
def test_a_question_that_cannot_be_asked_gets_its_code_and_stores_nothing(conn, event, at, known, case):
    before = snapshot(conn)
    with pytest.raises(QuestionError) as refused:
        _ask(conn, event, at, known[0], case["text"])
    assert refused.value.code == case["expect"]
    assert has_message(refused.value.code)
    assert snapshot(conn) == before


@pytest.mark.parametrize("case", [c for c in cases("questions.jsonl") if c["expect"] == "stored"], ids=case_id)
def test_an_odd_question_is_stored_as_plain_text_and_shown_escaped(conn, event, at, known, case):
    from companion.ui.question_card import question_html  # plain HTML building; no widgets

    before = snapshot(conn, skip=("questions",))
    question = _ask(conn, event, at, known[0], case["text"]).question

    assert question.text == case["stored"]
    stored = db.scalar(conn, "SELECT text FROM questions WHERE id = ?", (question.id,))
    assert stored == case["stored"]
    card = question_html(question, event, "nb")
    assert str(escape(case["stored"])) in card
    assert "<script" not in card and "<img" not in card and "<a " not in card
    assert snapshot(conn, skip=("questions",)) == before


# --- PINs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases("pins.jsonl"), ids=case_id)
def test_an_odd_pin_gets_a_clear_answer_and_is_logged_without_the_pin(conn, at, case):
    settings = load_settings(PINS)
    before = snapshot(conn, skip=("staff_attempts",))

    try:
        role = case["expect"] if case["expect"] in auth.ROLES else "desk"
        outcome = auth.login(conn, settings, case["pin"], role=role, now=at("08:00"), client="corpus")
    except AuthError as exc:
        outcome = exc.code
        assert has_message(exc.code)

    assert outcome == case["expect"]
    attempts = list(conn.query("SELECT * FROM staff_attempts"))
    assert len(attempts) == (0 if outcome == "empty_pin" else 1)
    pin = case["pin"].strip()
    assert not any(pin and v is not None and pin in str(v) for row in attempts for v in row.values()), (
        "the PIN itself is never stored"
    )
    assert snapshot(conn, skip=("staff_attempts",)) == before


def test_the_corpus_has_at_least_sixty_inputs():
    files = [p for p in (CORPUS / "registration").iterdir()] + [p for p in (CORPUS / "photos").iterdir()]
    texts = sum(
        len(cases(name))
        for name in ("scans.jsonl", "questions.jsonl", "pins.jsonl", "query_params.jsonl", "hall.jsonl")
    )
    assert len(files) + texts >= 60
    assert TOKEN not in (CORPUS / "registration.json").read_text()


# --- the hall talks back: group points, messages, poll answers, presentations -------------


def _hall_entry(conn, event, at, case):
    """Run one corpus case through its entry point; the stored text, or the refusal's code."""
    from companion import group_notes, hall_messages, polls, presentations
    from companion.errors import HallError
    from tests.hall_day import small_day

    day = small_day(conn, event, at)
    words = polls.create(conn, polls.PollSpec("words", "Ett ord?"), now=at("10:00"), role="organizer")
    choice = polls.create(conn, polls.PollSpec("single", "Ja?", "", ("Ja", "Nei")), now=at("10:00"), role="organizer")
    polls.set_state(conn, words.id if case["entry"] == "words" else choice.id, "open", now=at("10:00"), role="o")
    before = snapshot(conn)
    entry = case["entry"]
    try:
        if entry == "note":
            note = group_notes.post(
                conn, event, day["facilitator"].id, case["text"], guiding=case.get("guiding", 0), now=at("11:00")
            )
            outcome = note.text
        elif entry == "message":
            sent = hall_messages.send(
                conn, event, case["text"], scope=case.get("scope", "all"), target=case.get("target"),
                now=at("11:00"), role="organizer",
            )  # fmt: skip
            outcome = sent.text
        elif entry in ("words", "choice"):
            poll = words if entry == "words" else choice
            polls.answer(conn, poll.id, day["members"][0].id, case["answer"], now=at("11:00"))
            outcome = polls.answer_of(conn, poll.id, day["members"][0].id)
        elif entry == "pdf":
            added = presentations.add_pdf(
                conn, conn_path(conn), event, "09:00", case["data"].encode(), case.get("name", "a.pdf"),
                now=at("08:00"), role="organizer",
            )  # fmt: skip
            outcome = presentations.get(conn, added.id)[1]
        else:
            added = presentations.add_link(conn, event, "09:00", case["url"], "Lenke", now=at("08:00"), role="o")
            outcome = added.url
    except HallError as exc:
        return exc.code, before
    return ("stored", outcome), before


def conn_path(conn):
    from pathlib import Path

    return Path(conn.execute("PRAGMA database_list").fetchone()[2])


@pytest.mark.parametrize("case", cases("hall.jsonl"), ids=case_id)
def test_a_hall_input_is_stored_as_plain_text_or_refused_with_its_code_and_changes_nothing(conn, event, at, case):
    outcome, before = _hall_entry(conn, event, at, case)
    if case["expect"] == "stored":
        assert outcome == ("stored", case["stored"])
        return
    assert outcome == case["expect"]
    assert has_message(outcome)
    assert snapshot(conn) == before
