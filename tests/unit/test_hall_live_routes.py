"""The hall's small routes (ui/hall_live_routes.py), driven as the pages' fetches would: answers for
the right person, refusals as JSON with a reason, never a 500, and the PDF with safe headers."""

import json

import pytest

from companion import db, group_notes, hall_messages, polls, presentations
from tests.hall_day import small_day

from .asgi import exchange, request
from .conftest import ROOT
from .test_presentations import PDF


@pytest.fixture
def day(db_path, monkeypatch, event, at):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(ROOT / "data"))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T11:00")
    with db.connect(db_path) as conn:
        found = small_day(conn, event, at)
        poll = polls.create(
            conn, polls.PollSpec("single", "Ja eller nei?", "", ("Ja", "Nei")), now=at("10:00"), role="o"
        )
        polls.set_state(conn, poll.id, "open", now=at("10:00"), role="organizer")
    return {**found, "db": db_path, "poll": poll, "event": event, "at": at}


def test_a_phone_answers_the_open_poll_and_changes_its_answer(day):
    token = day["members"][0].token
    status, body = request("POST", "/api/poll", {"token": token, "poll_id": day["poll"].id, "answer": [0]})
    assert (status, body["status"]) == (200, "saved")
    status, body = request(
        "POST", "/api/poll", {"token": token, "poll_id": day["poll"].id, "answer": [1], "lang": "en"}
    )
    assert (status, body["message"]) == (200, "Your answer is changed.")
    status, body = request("GET", "/api/poll/results", query="lang=nb")
    assert body["bars"] == [["Ja", 0], ["Nei", 1]] and body["total"] == 1 and token not in json.dumps(body)
    status, body = request("GET", "/api/phone", query=f"t={token}&lang=nb")
    assert body["poll"]["mine"] == [1]


def test_a_phone_in_english_sees_the_english_choices(day, at):
    with db.connect(day["db"]) as conn:
        spec = polls.PollSpec("single", "Buss eller tog?", "Bus or train?", ("Buss", "Tog"), None, ("Bus", "Train"))
        polls.set_state(conn, polls.create(conn, spec, now=at("10:30"), role="o").id, "open", now=at("10:30"), role="o")
    token = day["members"][0].token
    _, english = request("GET", "/api/phone", query=f"t={token}&lang=en")
    _, norwegian = request("GET", "/api/phone", query=f"t={token}&lang=nb")
    assert english["poll"]["question"] == "Bus or train?" and english["poll"]["labels"] == ["Bus", "Train"]
    assert norwegian["poll"]["labels"] == ["Buss", "Tog"]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"[]",
        b"{",
        b'{"poll_id": 1}',
        b'{"token": "x", "poll_id": "1", "answer": [0]}',
        b'{"token": "x", "poll_id": 0, "answer": [0]}',
        b'{"token": "x", "poll_id": 99999999999999999999, "answer": [0]}',
        b'{"token": "x", "poll_id": true, "answer": [0]}',
    ],
)
def test_a_malformed_poll_answer_is_400_json(day, raw):
    status, body = request("POST", "/api/poll", raw=raw)
    assert (status, body["error"]) == (400, "bad_poll_answer") and body["message"]


def test_an_unknown_link_and_a_closed_poll_are_refused_with_reasons(day):
    status, body = request("POST", "/api/poll", {"token": "nobody", "poll_id": day["poll"].id, "answer": [0]})
    assert (status, body["error"]) == (403, "unknown_participant")
    with db.connect(day["db"]) as conn:
        polls.set_state(conn, day["poll"].id, "close", now=day["at"]("10:30"), role="organizer")
    status, body = request(
        "POST", "/api/poll", {"token": day["members"][0].token, "poll_id": day["poll"].id, "answer": [0]}
    )
    assert (status, body["error"]) == (409, "poll_not_open")


def test_a_message_moves_the_version_and_reaches_the_phone_view(day):
    _, before = request("GET", "/api/version")
    with db.connect(day["db"]) as conn:
        hall_messages.send(
            conn, day["event"], "Rom Collett er flyttet til Ibsen", now=day["at"]("11:00"), role="organizer"
        )
    from companion import caches

    caches.reset_all()  # the version is answered from memory for a second
    _, after = request("GET", "/api/version")
    assert before["hall"] != after["hall"]
    _, view = request("GET", "/api/phone", query=f"t={day['members'][0].token}")
    assert [m["text"] for m in view["messages"]] == ["Rom Collett er flyttet til Ibsen"]


def test_the_secretary_posts_through_the_route_and_a_member_reads_it(day):
    with db.connect(day["db"]) as conn:
        group_notes.name_secretary(
            conn, day["event"], day["facilitator"].id, day["members"][0].id, now=day["at"]("10:45")
        )
    note = {"token": day["members"][0].token, "text": "Kompetanse må deles", "guiding": 0, "nonce": "c" * 32}
    status, body = request("POST", "/api/notes", note)
    assert status == 200 and [n["text"] for n in body["view"]["notes"]] == ["Kompetanse må deles"]
    assert request("POST", "/api/notes", note)[1]["view"]["notes"] == body["view"]["notes"], "same nonce, one point"
    status, view = request("GET", "/api/notes", query=f"t={day['members'][1].token}")
    assert (status, view["canWrite"], [n["text"] for n in view["notes"]]) == (200, False, ["Kompetanse må deles"])
    assert request("GET", "/api/notes", query=f"t={day['members'][1].token}&v={view['v']}")[1] == {
        "v": view["v"],
        "same": True,
    }
    status, body = request("POST", "/api/notes", {**note, "token": day["members"][1].token, "nonce": "d" * 32})
    assert (status, body["error"]) == (403, "not_note_writer")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"{}",
        b'{"token": "x", "text": 5, "guiding": 0, "nonce": "cccccccccccccccc"}',
        b'{"token": "x", "text": "a", "guiding": "0", "nonce": "cccccccccccccccc"}',
        b'{"token": "x", "text": "a", "guiding": 0, "nonce": "short"}',
        b'{"token": "x", "text": "a", "guiding": 0, "nonce": "cccccccccccccccc", "note_id": -1}',
    ],
)
def test_a_malformed_note_is_400_json(day, raw):
    status, body = request("POST", "/api/notes", raw=raw)
    assert (status, body["error"]) == (400, "bad_note")


def test_a_presentation_is_served_as_a_pdf_with_safe_headers(day):
    with db.connect(day["db"]) as conn:
        added = presentations.add_pdf(
            conn, day["db"], day["event"], "09:00", PDF, 'Innledning "x".pdf', now=day["at"]("08:00"), role="organizer"
        )
    status, headers, body = exchange("GET", f"/api/presentation/{added.id}")
    assert (status, body) == (200, PDF)
    assert headers["content-type"] == "application/pdf"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-disposition"] == 'inline; filename="Innledning_x.pdf"'
    for path in (
        "/api/presentation/999",
        "/api/presentation/abc",
        "/api/presentation/-1",
        "/api/presentation/1%2F..%2F",
    ):
        assert exchange("GET", path)[0] == 404
