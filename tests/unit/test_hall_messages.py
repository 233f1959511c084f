"""Messages to phones (hall_messages.py): who sees which, withdrawal, the version phones follow."""

import pytest

from companion import audit, hall_messages
from companion.errors import HallError
from tests.hall_day import small_day


def send(conn, event, at, text="Lunsjen serveres i 2. etasje", **extra):
    return hall_messages.send(conn, event, text, now=at("12:00"), role="organizer", desk="org", **extra)


def test_everyone_one_theme_or_one_group(conn, event, at):
    day = small_day(conn, event, at)
    to_all = send(conn, event, at)
    to_theme = send(conn, event, at, "Tema 2 samles i Ibsen", scope="theme", target=2)
    to_group = send(conn, event, at, "Rom Collett er flyttet", scope="group", target=day["number"])
    mine = [m.id for m in hall_messages.for_person(conn, 1, day["number"])]
    other = [m.id for m in hall_messages.for_person(conn, 2, None)]
    assert mine == [to_group.id, to_all.id] and other == [to_theme.id, to_all.id]


def test_sending_and_withdrawing_move_the_version_and_are_audit_logged(conn, event, at):
    before = hall_messages.phone_version(conn)
    sent = send(conn, event, at)
    after_send = hall_messages.phone_version(conn)
    hall_messages.withdraw(conn, sent.id, now=at("12:05"), role="organizer", desk="org")
    assert len({before, after_send, hall_messages.phone_version(conn)}) == 3
    assert hall_messages.for_person(conn, 1, 1) == []
    assert [r["action"] for r in audit.trail(conn)][:2] == ["message.withdraw", "message.send"]
    with pytest.raises(HallError) as again:
        hall_messages.withdraw(conn, sent.id, now=at("12:06"), role="organizer")
    assert again.value.code == "message_not_found"


def test_the_same_nonce_sends_one_message(conn, event, at):
    first = send(conn, event, at, nonce="b" * 32)
    assert send(conn, event, at, nonce="b" * 32) == first and len(hall_messages.all_messages(conn)) == 1


@pytest.mark.parametrize(
    "text, extra, code",
    [
        ("", {}, "empty_message"),
        ("x" * 281, {}, "message_too_long"),
        ("Hei", {"scope": "room"}, "bad_message_scope"),
        ("Hei", {"scope": "theme", "target": 9}, "bad_message_scope"),
        ("Hei", {"scope": "group", "target": 99}, "bad_message_scope"),
    ],
)
def test_a_bad_message_is_refused_and_sends_nothing(conn, event, at, text, extra, code):
    with pytest.raises(HallError) as refused:
        send(conn, event, at, text, **extra)
    assert refused.value.code == code and hall_messages.all_messages(conn) == []


def test_a_message_is_one_line_of_plain_text(conn, event, at):
    sent = send(conn, event, at, "<b>Rom</b>\n\u202eflyttet")
    assert sent.text == "<b>Rom</b> flyttet"
