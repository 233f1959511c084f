"""POST /api/evaluation, driven as the form's fetch would: every bad input is JSON with a reason
(400, or 403/409/410 for who and when), never a 500, and nothing stored."""

import pytest

from companion import db, evaluation, people, purge

from .asgi import request
from .conftest import ROOT

GOOD = {"overall": 4, "theme_useful": 3, "differently": "Mer tid i gruppene"}


@pytest.fixture
def hall(db_path, monkeypatch, at):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT / "data"))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T16:05")
    with db.connect(db_path) as conn, db.write_tx(conn):
        kari = people.add_participant(conn, name="Kari", email="kari@example.org", theme=2, now=at("08:00"))
    yield {"db": db_path, "kari": kari}


def post(body=None, raw: bytes | None = None) -> tuple[int, dict]:
    return request("POST", "/api/evaluation", body, raw=raw)


def stored(hall) -> list:
    with db.connect(hall["db"]) as conn:
        return conn.execute("SELECT theme, answers FROM evaluation_answers").fetchall()


def test_an_answer_is_stored_and_changed_and_stays_one(hall):
    status, body = post({"token": hall["kari"].token, "answers": GOOD, "nonce": "a" * 32})
    assert (status, body["status"], body["answers"]) == (200, "saved", GOOD)
    assert body["message"].startswith("Takk!")
    status, body = post({"token": hall["kari"].token, "answers": {**GOOD, "overall": 5}, "lang": "en"})
    assert (status, body["status"], body["message"]) == (200, "updated", "Your change is stored.")
    [(theme, answers)] = stored(hall)
    assert theme == 2 and '"overall": 5' in answers


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"not json",
        b"[]",
        b'"text"',
        b"{",
        b"\xff\xfe",
        b'{"answers": {"overall": 4, "theme_useful": 3}}',
        b'{"token": 5, "answers": {"overall": 4, "theme_useful": 3}}',
        b'{"token": "x", "answers": [4, 3]}',
        b'{"token": "x", "answers": null}',
        b'{"token": "x", "answers": {"overall": 4, "theme_useful": 3}, "nonce": "not hex!"}',
        b'{"token": "x", "answers": {"overall": 4, "theme_useful": 3}, "nonce": 12}',
    ],
)
def test_a_malformed_body_is_400_json_and_stores_nothing(hall, raw):
    status, body = post(raw=raw)
    assert (status, body["error"]) == (400, "bad_evaluation")
    assert body["message"] and stored(hall) == []


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"overall": 9, "theme_useful": 3}, "bad_answer"),
        ({"overall": -1, "theme_useful": 3}, "bad_answer"),
        ({"overall": 2.5, "theme_useful": 3}, "bad_answer"),
        ({"overall": "4", "theme_useful": 3}, "bad_answer"),
        ({"overall": True, "theme_useful": 3}, "bad_answer"),
        ({"overall": [4], "theme_useful": 3}, "bad_answer"),
        ({"overall": 4, "theme_useful": 3, "differently": {"a": 1}}, "bad_answer"),
        ({"overall": 4, "theme_useful": 3, "secret": "x"}, "bad_answer"),
        ({"theme_useful": 3}, "missing_answer"),
        ({}, "missing_answer"),
        ({"overall": 4, "theme_useful": 3, "differently": "å" * 501}, "answer_too_long"),
        ({"overall": 4, "theme_useful": 10**30}, "bad_answer"),
    ],
)
def test_a_bad_answer_is_400_with_its_reason(hall, answers, code):
    status, body = post({"token": hall["kari"].token, "answers": answers, "lang": "en"})
    assert (status, body["error"]) == (400, code)
    assert "went wrong" not in body["message"] and stored(hall) == []


def test_too_long_says_how_long(hall):
    status, body = post({"token": hall["kari"].token, "answers": {**GOOD, "differently": "x" * 600}})
    assert body["message"] == "Teksten er for lang: høyst 500 tegn (du skrev 600)."


@pytest.mark.parametrize("token", ["", "x" * 32, "../../etc/passwd", "A" * 5000])
def test_an_unknown_link_is_403(hall, token):
    status, body = post({"token": token, "answers": GOOD})
    assert (status, body["error"]) == (403, "unknown_participant") and stored(hall) == []


def test_before_the_summing_up_it_is_409(hall, monkeypatch):
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T15:55")
    status, body = post({"token": hall["kari"].token, "answers": GOOD})
    assert (status, body["error"]) == (409, "evaluation_not_open") and stored(hall) == []


def test_after_closing_it_is_409_and_the_answer_stays(hall, at):
    post({"token": hall["kari"].token, "answers": GOOD})
    with db.connect(hall["db"]) as conn:
        evaluation.set_closed(conn, True, now=at("16:20"), role="organizer")
    status, body = post({"token": hall["kari"].token, "answers": {**GOOD, "overall": 1}})
    assert (status, body["error"]) == (409, "evaluation_closed")
    assert '"overall": 4' in stored(hall)[0][1]


def test_after_the_purge_it_is_410(hall, event, at):
    with db.connect(hall["db"]) as conn:
        db.put_setting(conn, purge.PURGED_KEY, "2019-09-26T10:00:00+02:00")
        conn.conn.commit()
    status, body = post({"token": hall["kari"].token, "answers": GOOD, "lang": "en"})
    assert (status, body["error"]) == (410, "event_purged")
    assert body["message"] == "The workshop is over and its personal data has been deleted."
