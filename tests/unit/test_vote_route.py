"""POST /api/vote, driven as a browser's fetch would, through the Starlette app with ROUTES."""

import pytest

from companion import db, questions

from .asgi import request


def post(body, path="/api/vote", raw: bytes | None = None) -> tuple[int, dict]:
    return request("POST", path, body, raw=raw)


def votes(hall) -> int:
    with db.connect(hall["db"]) as conn:
        return questions.get(conn, hall["q"].id).votes


def test_a_vote_is_stored_once_and_taken_back(hall):
    body = {"token": hall["kari"].token, "question_id": hall["q"].id, "vote": True, "nonce": "n1"}
    assert post(body) == (200, {"votes": 1, "voted": True})
    assert post(body) == (200, {"votes": 1, "voted": True})  # a repeated tap is harmless
    assert votes(hall) == 1
    assert post({**body, "vote": False}) == (200, {"votes": 0, "voted": False})
    assert votes(hall) == 0


def test_an_unknown_token_is_refused_with_403_and_nothing_stored(hall):
    status, body = post({"token": "x" * 22, "question_id": hall["q"].id, "vote": True})
    assert status == 403 and body["error"] == "unknown_participant"
    assert votes(hall) == 0


def test_a_vote_for_ones_own_question_is_refused_with_409_and_a_message(hall):
    status, body = post({"token": hall["ola"].token, "question_id": hall["q"].id, "vote": True, "lang": "en"})
    assert (status, body["error"]) == (409, "own_question")
    assert body["message"] == "You cannot vote for your own question."


def test_an_unknown_question_is_404(hall):
    status, body = post({"token": hall["kari"].token, "question_id": 99999, "vote": True})
    assert (status, body["error"]) == (404, "question_not_found")


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b'{"token": 1, "question_id": 1, "vote": true}',
        b'{"token": "a", "question_id": "1", "vote": true}',
        b'{"token": "a", "question_id": 1, "vote": "yes"}',
    ],
)
def test_a_malformed_body_gets_400_and_json_not_a_traceback(hall, raw):
    status, body = post(None, raw=raw)
    assert (status, body["error"]) == (400, "bad_vote")
    assert votes(hall) == 0
