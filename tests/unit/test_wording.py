"""Words instead of codes: the audit trail and the exports in the chosen language, codes kept beside."""

import ast
import json
from pathlib import Path

import pytest

from companion import audit, people, questions, tickets, wording
from companion.db import write_tx

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def person(conn, at):
    def make(name="Kari Nordmann", county="Nordland", role="caseworker", theme=1):
        with write_tx(conn):
            return people.add_participant(conn, name=name, county=county, role=role, theme=theme, now=at("09:00"))

    return make


def test_an_audit_action_and_its_detail_read_as_words():
    assert wording.action_words("question.answer", "nb") == "Spørsmål besvart"
    assert wording.action_words("question.answer", "en") == "Question answered"
    assert wording.detail_words(json.dumps({"from": "published", "id": 5}), "nb") == "nr.: #5; fra: Publisert"
    assert wording.detail_words(json.dumps({"from": "published", "id": 5}), "en") == "no.: #5; from: Published"


def test_an_unknown_code_is_shown_as_it_is_not_hidden():
    assert wording.action_words("something.new", "nb") == "something.new"
    assert wording.detail_words(json.dumps({"novel": 3}), "nb") == "novel: 3"


def test_the_desk_column_says_where_an_action_came_from():
    assert wording.desk_words("-", "nb") == "ukjent enhet"
    assert wording.desk_words(None, "en") == "unknown device"
    assert wording.desk_words("cli", "nb") == "kommandolinjen"
    assert wording.desk_words("Pult 1", "nb") == "Pult 1"


def test_every_audited_action_has_words():
    """Each action string an audit.record call names (or builds from question.<action>) is listed."""
    found = set()
    for path in (ROOT / "src" / "companion").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            # action="x.y" in a call, or action = "x.y" if ... else "x.z" before passing action=action
            named = isinstance(node, ast.keyword) and node.arg == "action"
            assigned = isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "action" for t in node.targets)
            if named or assigned:
                for sub in ast.walk(node.value):
                    if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and "." in sub.value.rstrip("."):
                        found.add(sub.value)
    found |= {f"question.{a}" for a in questions._TRANSITIONS}
    # Built from a variable: polls.set_state's actions and group_notes._staff_update's flags.
    found |= {f"poll.{a}" for a in ("open", "close", "show", "hide")}
    found |= {f"notes.{flag}{off}" for flag in ("star", "screen") for off in ("", "_off")}
    assert found and sorted(found - set(wording.AUDIT_ACTIONS)) == []
    assert all(wording.action_words(a, "nb") != a for a in wording.AUDIT_ACTIONS)


def test_the_audit_table_keeps_the_codes_in_columns_of_their_own(conn, at):
    with write_tx(conn):
        audit.record(
            conn, at=at("10:00"), role="moderator", action="question.hide", detail={"id": 5, "from": "published"}
        )
    columns, rows = wording.audit_table(audit.trail(conn), "nb")
    assert columns == ("Tid", "Rolle", "Enhet", "Handling", "Handling (kode)", "Detaljer", "Detaljer (kode)")
    assert rows[0][1:6] == ["moderator", "ukjent enhet", "Spørsmål skjult", "question.hide", "nr.: #5; fra: Publisert"]
    assert json.loads(rows[0][6]) == {"from": "published", "id": 5}


def test_the_questions_export_in_words(conn, event, person, at):
    asker = person()
    q1, q2, q3 = (
        questions.ask(
            conn, programme=event.programme, participant_id=asker.id, text=text, now=at("10:00"), theme=n
        ).question
        for n, text in ((1, "Hvordan måler vi dette?"), (0, "Hvordan måler vi dette nå?"), (2, "Noe annet"))
    )
    for q in (q1, q2):
        questions.moderate(conn, q.id, "approve", now=at("10:01"), role="moderator")
    questions.merge(conn, q1.id, [q2.id], now=at("10:02"), role="moderator")
    columns, rows = wording.worded(*questions.export_rows(conn), "nb", event=event)
    assert columns[:7] == ("Nr.", "Spørsmål", "Tema", "Tema (kode)", "Fylke", "Status", "Status (kode)")
    assert columns[-1] == "Slått sammen med nr."
    by_id = {row[0]: row for row in rows}
    assert by_id[q1.id][2:4] == ["Bærekraftsmålene", 1]
    assert by_id[q2.id][2:4] == ["Generelt", 0]
    assert by_id[q2.id][5:7] == ["Slått sammen", "merged"] and by_id[q2.id][-1] == q1.id
    assert by_id[q3.id][2] == "Distrikt og kompetanse"
    assert not any("merged into" in str(cell) for row in rows for cell in row)


def test_the_participants_export_in_words(conn, event, person):
    person(name="Ola", role="caseworker", theme=2)
    table = tickets.participants(conn)
    columns, rows = wording.worded(table.columns, table.rows, "en", event=event)
    assert columns[:7] == ("Name", "E-mail", "County", "Role", "Role (code)", "Theme", "Theme (code)")
    assert rows[0][3:7] == ["caseworker", "caseworker", "Rural skills", 2]
    columns, rows = wording.worded(table.columns, table.rows, "nb", event=event)
    assert rows[0][3:7] == ["saksbehandler", "caseworker", "Distrikt og kompetanse", 2]
