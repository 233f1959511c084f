"""GET /api/questions and POST /api/ask, driven as the Spørsmål iframe's fetch would."""

import json

import pytest

from companion import caches, db, questions
from tests.corpus_inputs import case_id, cases

from .asgi import request


def view(person, v: str = "", lang: str = "nb") -> tuple[int, dict]:
    caches.reset_all()  # what another phone did a moment ago, not a second later
    return request("GET", "/api/questions", query=f"t={person.token}&lang={lang}" + (f"&v={v}" if v else ""))


def ask(person, text="Hvordan beholder vi unge?", **fields) -> tuple[int, dict]:
    body = {"token": person.token, "text": text, "theme": 0, "show_name": False, "nonce": "a" * 32, **fields}
    return request("POST", "/api/ask", body)


def stored(hall) -> list[dict]:
    with db.connect(hall["db"]) as conn:
        return list(conn.query("SELECT participant_id, text, theme, show_name, status FROM questions ORDER BY id"))


# --- the list ------------------------------------------------------------------------------


def test_the_reader_sees_the_hall_list_and_whether_questions_are_open(hall):
    status, body = view(hall["kari"])
    assert status == 200
    assert body["hall"]["open"] is True and body["hall"]["closed"] is None
    (card,) = body["hall"]["list"]
    assert card["id"] == hall["q"].id and card["votes"] == 0
    assert "Hva med bredbånd?" in card["html"]
    assert body["me"] == {"mine": [], "voted": []}


def test_the_readers_own_questions_and_votes_are_theirs_alone(hall):
    with db.connect(hall["db"]) as conn:
        questions.set_vote(
            conn, question_id=hall["q"].id, participant_id=hall["kari"].id, vote=True, now=hall["at"]("15:18")
        )
    _, kari = view(hall["kari"])
    _, ola = view(hall["ola"])
    assert kari["me"]["voted"] == [hall["q"].id] and kari["me"]["mine"] == []
    assert ola["me"]["voted"] == [] and [m["id"] for m in ola["me"]["mine"]] == [hall["q"].id]
    assert "Publisert" in ola["me"]["mine"][0]["html"]
    assert kari["hall"]["list"][0]["votes"] == 1


def test_a_poll_that_finds_nothing_new_gets_a_few_bytes_and_a_change_gets_the_view(hall):
    _, first = view(hall["kari"])
    assert view(hall["kari"], first["v"]) == (200, {"v": first["v"], "same": True})
    with db.connect(hall["db"]) as conn:
        questions.set_vote(
            conn, question_id=hall["q"].id, participant_id=hall["kari"].id, vote=True, now=hall["at"]("15:18")
        )
    status, changed = view(hall["kari"], first["v"])
    assert status == 200 and changed["v"] != first["v"] and changed["me"]["voted"] == [hall["q"].id]


def test_no_other_participants_details_travel_in_the_view(hall):
    _, body = view(hall["kari"])
    text = json.dumps(body)
    assert hall["ola"].token not in text and "Ola" not in text  # anonymous: no name, no county
    assert "participant_id" not in text


def test_an_unknown_or_missing_token_is_403_with_a_message(hall):
    for query in ("t=" + "x" * 22, "", "t=", "t=%00%FF"):
        status, body = request("GET", "/api/questions", query=query)
        assert (status, body["error"]) == (403, "unknown_participant")
        assert body["message"]


def test_an_odd_version_or_language_is_simply_not_the_current_one(hall):
    status, body = request("GET", "/api/questions", query=f"t={hall['kari'].token}&v=%3Cscript%3E&lang=xx")
    assert status == 200 and "hall" in body


def test_before_nine_the_view_says_when_questions_open(hall, monkeypatch):
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T08:40")
    _, body = view(hall["kari"])
    assert body["hall"]["open"] is False
    assert body["hall"]["closed"] == "Spørsmål åpner kl. 09:00."


# --- asking ---------------------------------------------------------------------------------


def test_a_question_is_stored_and_the_fresh_view_comes_back_with_the_answer(hall):
    status, body = ask(hall["kari"], "Hvordan beholder vi unge?", theme=1, show_name=True)
    assert status == 200
    assert body["status"] == "pending" and "venter på godkjenning" in body["message"]
    assert [m["html"] for m in body["view"]["me"]["mine"]][0].count("Hvordan beholder vi unge?") == 1
    assert stored(hall)[-1] == {
        "participant_id": hall["kari"].id,
        "text": "Hvordan beholder vi unge?",
        "theme": 1,
        "show_name": 1,
        "status": "pending",
    }


def test_without_premoderation_the_question_is_published_and_in_the_next_view(hall):
    with db.connect(hall["db"]) as conn:
        questions.set_premoderation(conn, False, now=hall["at"]("15:18"), role="organizer")
    status, body = ask(hall["kari"], "Rett ut i salen?", lang="en")
    assert status == 200 and body["message"] == "Thank you! Your question is published."
    (mine,) = body["view"]["me"]["mine"]
    assert "Rett ut i salen?" in mine["html"] and "Published" in mine["html"]
    _, seen_by_ola = view(hall["ola"])
    assert any(card["id"] == mine["id"] for card in seen_by_ola["hall"]["list"])


def test_the_same_nonce_twice_stores_one_question(hall):
    assert ask(hall["kari"], "Et spørsmål")[0] == 200
    assert ask(hall["kari"], "Et spørsmål")[0] == 200  # a double tap or a retried request
    assert len(stored(hall)) == 2  # Ola's and one of Kari's


@pytest.mark.parametrize(
    "fields, code, status",
    [
        ({"text": "   "}, "empty_question", 400),
        ({"text": "x" * 281}, "question_too_long", 400),
        ({"theme": 7}, "bad_theme", 400),
        ({"theme": -1}, "bad_theme", 400),
    ],
)
def test_a_question_that_cannot_be_asked_gets_its_message_and_stores_nothing(hall, fields, code, status):
    before = stored(hall)
    answer_status, body = ask(hall["kari"], **fields)
    assert (answer_status, body["error"]) == (status, code) and body["message"]
    assert stored(hall) == before


def test_the_same_question_again_and_the_sixth_in_ten_minutes_are_refused(hall):
    assert ask(hall["kari"], "Samme spørsmål", nonce="1" * 32)[0] == 200
    status, body = ask(hall["kari"], "samme spørsmål!", nonce="2" * 32)
    assert (status, body["message"]) == (409, "Du har allerede stilt dette spørsmålet.")
    for i in range(4):
        assert ask(hall["kari"], f"Spørsmål {i}", nonce=f"{i + 3}" * 32)[0] == 200
    status, body = ask(hall["kari"], "Ett for mye", nonce="9" * 32)
    assert status == 429 and "høyst 5 spørsmål per 10 minutter" in body["message"]


def test_after_the_panel_asking_is_refused_with_409(hall, monkeypatch):
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T16:30")
    before = stored(hall)
    status, body = ask(hall["kari"])
    assert (status, body["error"]) == (409, "questions_closed")
    assert stored(hall) == before


def test_an_unknown_token_cannot_ask(hall):
    before = stored(hall)
    status, body = request(
        "POST", "/api/ask", {"token": "x" * 22, "text": "Hei?", "theme": 0, "show_name": False, "nonce": "a" * 32}
    )
    assert (status, body["error"]) == (403, "unknown_participant")
    assert stored(hall) == before


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b'{"token": "t", "text": 5, "theme": 0, "show_name": false, "nonce": "aaaaaaaaaaaaaaaa"}',
        b'{"token": "t", "text": "Hei", "theme": "1", "show_name": false, "nonce": "aaaaaaaaaaaaaaaa"}',
        b'{"token": "t", "text": "Hei", "theme": 0, "show_name": "yes", "nonce": "aaaaaaaaaaaaaaaa"}',
        b'{"token": "t", "text": "Hei", "theme": 0, "show_name": false}',
        b'{"token": "t", "text": "Hei", "theme": 0, "show_name": false, "nonce": "<script>"}',
    ],
)
def test_a_malformed_ask_gets_400_and_json_not_a_traceback(hall, raw):
    before = stored(hall)
    status, body = request("POST", "/api/ask", raw=raw)
    assert (status, body["error"]) == (400, "bad_ask")
    assert stored(hall) == before


@pytest.mark.parametrize("case", cases("questions.jsonl"), ids=case_id)
def test_the_question_corpus_through_the_route(hall, case):
    """Every hostile or odd text of tests/corpus: stored as the characters typed, or refused with
    its code and a message, and then nothing stored."""
    before = stored(hall)
    status, body = ask(hall["kari"], case["text"])
    if case["expect"] == "stored":
        assert status == 200
        assert stored(hall)[-1]["text"] == case["stored"]
    else:
        assert body["error"] == case["expect"] and body["message"] and status >= 400
        assert stored(hall) == before
