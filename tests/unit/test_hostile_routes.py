"""Odd bodies get a JSON 400, never a 500 (issue 15, finding 5); a participant cannot tell a
pending or hidden question from one that does not exist (finding 8)."""

import json

import pytest

from companion import db, questions

from .asgi import request

DEEP = b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def odd_bodies(hall) -> list[tuple[str, bytes]]:
    token = hall["kari"].token
    body = {"token": token, "question_id": hall["q"].id, "vote": True}
    ask = {"token": token, "text": "Hei?", "nonce": "a" * 16}
    return [
        ("/api/vote", DEEP),
        ("/api/ask", DEEP),
        ("/api/vote", json.dumps({**body, "question_id": 10**40}).encode()),
        ("/api/vote", json.dumps({**body, "question_id": -(10**40)}).encode()),
        ("/api/vote", json.dumps({**body, "question_id": 2**63}).encode()),
        ("/api/vote", json.dumps({**body, "question_id": 1.5}).encode()),
        ("/api/vote", json.dumps({**body, "question_id": "1"}).encode()),
        ("/api/vote", json.dumps({**body, "vote": "true"}).encode()),
        ("/api/vote", json.dumps({**body, "token": {"$ne": 1}}).encode()),
        ("/api/vote", b'{"question_id": 1' + b"0" * 5000 + b"}"),
        ("/api/vote", b'{"question_id": 1e999999}'),
        ("/api/vote", b"[1, 2]"),
        ("/api/vote", b"\xff\xfe\x00"),
        ("/api/vote", b""),
        ("/api/ask", json.dumps({**ask, "theme": 10**40}).encode()),
        ("/api/ask", json.dumps({**ask, "theme": True}).encode()),
        ("/api/ask", json.dumps({**ask, "text": ["Hei?"]}).encode()),
        ("/api/ask", json.dumps({**ask, "text": "x" * 70_000}).encode()),
        ("/api/ask", b'{"lang": {"nb": 1}}'),
        ("/api/staff/device", DEEP),
        ("/api/staff/device", json.dumps({"grant": ["x"]}).encode()),
        ("/api/staff/device", json.dumps({"grant": "d.desk.x.1.1." + "0" * 64}).encode()),
    ]


def test_every_odd_body_is_a_json_400_and_changes_nothing(hall):
    with db.connect(hall["db"]) as conn:
        before = conn.execute("SELECT count(*) FROM votes").fetchone()[0], questions.get(conn, hall["q"].id)
    for path, raw in odd_bodies(hall):
        status, body = request("POST", path, raw=raw)
        assert status == 400 and "error" in body, (path, raw[:60], status, body)
    with db.connect(hall["db"]) as conn:
        after = conn.execute("SELECT count(*) FROM votes").fetchone()[0], questions.get(conn, hall["q"].id)
    assert after == before


@pytest.mark.parametrize("status_of_question", ["pending", "hidden"])
@pytest.mark.parametrize("vote", [True, False])
def test_an_unpublished_question_answers_exactly_like_one_that_does_not_exist(hall, status_of_question, vote):
    at, event = hall["at"], hall["event"]
    with db.connect(hall["db"]) as conn:
        q = questions.ask(
            conn, programme=event.programme, participant_id=hall["ola"].id, text="Ikke publisert?", now=at("15:18")
        ).question
        if status_of_question == "hidden":
            questions.moderate(conn, q.id, "hide", now=at("15:19"), role="moderator")
        missing = conn.execute("SELECT max(id) FROM questions").fetchone()[0] + 1000
    token = hall["kari"].token
    unpublished = request("POST", "/api/vote", {"token": token, "question_id": q.id, "vote": vote})
    nonexistent = request("POST", "/api/vote", {"token": token, "question_id": missing, "vote": vote})
    assert unpublished[0] == nonexistent[0] == 404
    assert unpublished[1] == nonexistent[1]
