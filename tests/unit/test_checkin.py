"""Check-in at the desk: every result code, idempotency by nonce and by the unique index."""

import pytest

from companion import attendance, checkin, checkin_text, db, people
from companion.errors import CheckInError


@pytest.fixture
def person(conn, at):
    with db.write_tx(conn):
        return people.add_participant(
            conn, name="Kari Nordmann", county="Nordland", theme=1, email="kari@nfk.no", now=at("08:00")
        )


def scans(conn):
    return [r["result"] for r in conn.query("SELECT result FROM scans ORDER BY id")]


def active(conn):
    return conn.execute("SELECT count(*) FROM checkins WHERE undone_at IS NULL").fetchone()[0]


def test_full_link_checks_in_and_logs(conn, person, at):
    result = checkin.check_in(
        conn, f"https://verksted.example/?t={person.token}", now=at("08:42"), desk="desk 2", method="scanner"
    )
    assert result.code == "checked_in" and result.colour == "green"
    assert result.participant.name == "Kari Nordmann"
    assert result.at == at("08:42") and result.desk == "desk 2"
    assert scans(conn) == ["checked_in"]
    assert active(conn) == 1


def test_bare_token_with_stray_spaces(conn, person, at):
    assert checkin.check_in(conn, f"  {person.token} \n", now=at("08:42")).code == "checked_in"


def test_token_in_the_wrong_case_from_a_scanner_with_caps_lock(conn, person, at):
    assert checkin.check_in(conn, person.token.swapcase(), now=at("08:42")).code == "checked_in"


def test_short_code_in_lower_case_with_a_space(conn, person, at):
    typed = person.code[:3].lower() + " " + person.code[3:].lower()
    assert checkin.check_in(conn, typed, now=at("08:42")).code == "checked_in"


def test_second_scan_is_already_checked_in_with_first_time_and_desk(conn, person, at):
    checkin.check_in(conn, person.code, now=at("08:42"), desk="desk 2")
    again = checkin.check_in(conn, person.token, now=at("08:50"), desk="desk 1")
    assert again.code == "already_checked_in" and again.colour == "orange"
    assert again.at == at("08:42") and again.desk == "desk 2"
    assert scans(conn) == ["checked_in", "already_checked_in"]
    assert active(conn) == 1


def test_same_nonce_replays_the_first_answer_and_logs_once(conn, person, at):
    first = checkin.check_in(conn, person.code, now=at("08:42"), nonce="n1")
    second = checkin.check_in(conn, person.code, now=at("08:43"), nonce="n1")
    assert first.code == second.code == "checked_in"
    assert second.scan_id == first.scan_id
    assert scans(conn) == ["checked_in"]


def test_a_replayed_already_checked_in_after_an_undo_still_says_when(conn, person, at, event):
    checkin.check_in(conn, person.code, now=at("08:42"), desk="desk 2")
    checkin.check_in(conn, person.code, now=at("08:50"), desk="desk 1", nonce="n1")
    checkin.undo_check_in(conn, person.id, now=at("08:55"), desk="desk 2")
    replay = checkin.check_in(conn, person.code, now=at("08:56"), desk="desk 1", nonce="n1")
    assert replay.code == "already_checked_in"
    assert replay.at == at("08:42") and replay.desk == "desk 2"
    assert "08:42" in checkin_text.describe(replay, event, "en").headline


def test_an_already_checked_in_result_without_a_time_is_still_described(event):
    # Its check-in row can be gone (the person erased) when a nonce is replayed.
    text = checkin_text.describe(checkin.CheckInResult("already_checked_in"), event, "en")
    assert text.colour == "orange" and text.headline and "{" not in text.headline


def test_right_length_unknown_token(conn, person, at):
    result = checkin.check_in(conn, people.new_token(), now=at("08:42"))
    assert result.code == "unknown_code" and result.colour == "red"
    assert scans(conn) == ["unknown_code"] and active(conn) == 0


def test_unknown_short_code(conn, person, at):
    other = "AAAAAA" if person.code != "AAAAAA" else "CCCCCC"
    assert checkin.check_in(conn, other, now=at("08:42")).code == "unknown_code"


def test_our_link_with_an_unknown_token(conn, person, at):
    assert checkin.check_in(conn, f"http://x/?t={people.new_token()}", now=at("08:42")).code == "unknown_code"


def test_qr_of_another_url_is_not_our_ticket(conn, person, at):
    result = checkin.check_in(conn, "https://www.regjeringen.no/no/dep/kmd/", now=at("08:42"), method="camera")
    assert result.code == "not_our_ticket"
    assert scans(conn) == ["not_our_ticket"]


def test_plain_text_qr_from_the_camera_is_not_our_ticket(conn, at):
    assert (
        checkin.check_in(conn, "WIFI:S:Gjest;T:WPA;P:hemmelig;;", now=at("08:42"), method="camera").code
        == "not_our_ticket"
    )


def test_deleted_participant(conn, person, at):
    with db.write_tx(conn):
        conn.execute("UPDATE participants SET deleted_at = ? WHERE id = ?", ("2019-09-24T12:00:00+02:00", person.id))
    result = checkin.check_in(conn, person.token, now=at("08:42"))
    assert result.code == "deleted_participant"
    assert active(conn) == 0 and scans(conn) == ["deleted_participant"]


def test_empty_input_is_logged_and_changes_nothing(conn, at):
    assert checkin.check_in(conn, "   ", now=at("08:42")).code == "empty_code"
    assert scans(conn) == ["empty_code"] and active(conn) == 0


def test_result_names_group_and_room_when_placed(conn, person, at):
    with db.write_tx(conn):
        gid = conn.execute("INSERT INTO groups (theme, number, room) VALUES (1, 3, 'Hamsun')").lastrowid
        conn.execute("INSERT INTO group_members (participant_id, group_id) VALUES (?, ?)", (person.id, gid))
    result = checkin.check_in(conn, person.code, now=at("08:42"))
    assert result.placement == checkin.Placement(3, "Hamsun")


def test_undo_then_check_in_again(conn, person, at):
    checkin.check_in(conn, person.code, now=at("08:42"), desk="desk 1")
    assert checkin.undo_check_in(conn, person.id, now=at("08:43"), desk="desk 1") == at("08:42")
    assert active(conn) == 0
    assert checkin.check_in(conn, person.code, now=at("08:44")).code == "checked_in"
    assert [r["action"] for r in conn.query("SELECT action FROM audit")] == ["checkin.undo"]


def test_undo_without_a_check_in_changes_nothing(conn, person, at):
    with pytest.raises(CheckInError) as err:
        checkin.undo_check_in(conn, person.id, now=at("08:43"))
    assert err.value.code == "not_checked_in"
    assert conn.execute("SELECT count(*) FROM audit").fetchone()[0] == 0


def test_check_in_from_search_by_id(conn, person, at):
    assert checkin.check_in_person(conn, person.id, now=at("08:42"), desk="d").code == "checked_in"
    assert checkin.check_in_person(conn, person.id, now=at("08:43"), desk="d").code == "already_checked_in"


def test_walk_in_gets_a_ticket_and_is_checked_in(conn, at):
    result = checkin.register_walk_in(conn, name="  Ny  Person ", county="Troms", now=at("08:50"), desk="d", nonce="w1")
    assert result.code == "checked_in" and result.participant.walk_in
    assert result.participant.name == "Ny Person"
    assert people.by_token(conn, result.participant.token).id == result.participant.id
    again = checkin.register_walk_in(conn, name="Ny Person", now=at("08:50"), desk="d", nonce="w1")
    assert again.participant.id == result.participant.id
    assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"name": " "}, "no_name"),
        ({"name": "A", "email": "not-an-email"}, "bad_email"),
        ({"name": "A", "email": "KARI@nfk.no"}, "email_taken"),
    ],
)
def test_walk_in_refuses_bad_input_and_adds_nobody(conn, person, at, fields, code):
    with pytest.raises(CheckInError) as err:
        checkin.register_walk_in(conn, now=at("08:50"), **fields)
    assert err.value.code == code
    assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == 1


def test_search_finds_by_name_or_county_in_any_case(conn, person, at):
    with db.write_tx(conn):
        people.add_participant(conn, name="Ola Økland", county="Troms", now=at("08:00"))
    assert [a.participant.name for a in attendance.search(conn, "øKL")] == ["Ola Økland"]
    assert [a.participant.name for a in attendance.search(conn, "nordland")] == ["Kari Nordmann"]


def test_counts_per_county_and_theme_and_arrivals(conn, person, at, event):
    with db.write_tx(conn):
        other = people.add_participant(conn, name="Ola", county="Nordland", theme=2, now=at("08:00"))
    checkin.check_in(conn, person.code, now=at("08:42"))
    counts = attendance.counts(conn, event)
    assert (counts.arrived, counts.expected) == (1, 2)
    assert attendance.Tally("Nordland", 1, 2) in counts.by_county
    assert attendance.Tally("1", 1, 1) in counts.by_theme and attendance.Tally("2", 0, 1) in counts.by_theme
    checkin.check_in(conn, other.code, now=at("08:44"))
    assert attendance.arrivals(conn) == [(at("08:40"), 2)]


# --- camera photos: decode included, every failure logged with its own code

from tests.photos import blank_photo, photo_of, photo_of_two  # noqa: E402


def test_photo_of_the_personal_link_checks_in(conn, person, at):
    result = checkin.check_in_photo(
        conn, photo_of(f"http://x/?t={person.token}", angle=12, perspective=0.08), now=at("08:42"), desk="d", nonce="p1"
    )
    assert result.code == "checked_in" and result.participant.id == person.id
    assert [r["method"] for r in conn.query("SELECT method FROM scans")] == ["camera"]


@pytest.mark.parametrize(
    ("photo", "code"),
    [
        (lambda p: blank_photo(), "no_qr"),
        (lambda p: photo_of(f"http://x/?t={p.token}", blur=8), "no_qr"),
        (lambda p: photo_of_two(f"http://x/?t={p.token}", "https://example.org/"), "several_qr"),
        (lambda p: b"this is a text file, not a photo", "not_an_image"),
        (lambda p: b"\xff\xd8\xff" + bytes(10 * 1024 * 1024), "image_too_large"),
        (lambda p: photo_of("https://www.regjeringen.no/"), "not_our_ticket"),
    ],
    ids=["no_qr", "blurred", "several_qr", "not_an_image", "ten_megabytes", "other_url"],
)
def test_bad_photos_get_their_own_code_are_logged_and_change_nothing(conn, person, at, photo, code):
    result = checkin.check_in_photo(conn, photo(person), now=at("08:42"), desk="d", nonce="p1")
    assert result.code == code and result.colour == "red"
    assert scans(conn) == [code] and active(conn) == 0


def test_a_failed_photo_resent_with_its_nonce_is_logged_once(conn, at):
    for _ in range(2):
        assert checkin.check_in_photo(conn, b"junk", now=at("08:42"), nonce="same").code == "not_an_image"
    assert scans(conn) == ["not_an_image"]
