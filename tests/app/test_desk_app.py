"""AppTest of the desk page: simulated camera photos, the scanner field, search, undo, walk-ins."""

import pytest

from companion import db
from companion.people import personal_url
from tests.app.conftest import texts
from tests.photos import blank_photo, photo_of, photo_of_two


def signed_in(runner):
    at = runner.app("pages/desk.py").run()
    at.text_input[0].input("246813")
    at.button[0].click().run()
    assert not at.exception
    return at


def link(person):
    return personal_url("http://testserver", person.token)


def banner(at) -> str:
    bodies = [str(h.proto.body) for h in at.get("html") if "desk-result" in str(h.proto.body)]
    return bodies[0] if bodies else ""


def snap(at, jpeg: bytes):
    at.camera_input(key="camera").set_value(("x.jpg", jpeg, "image/jpeg"))
    return at.run()


def active_checkins(runner) -> int:
    with db.connect(runner.db_path) as conn:
        return conn.execute("SELECT count(*) FROM checkins WHERE undone_at IS NULL").fetchone()[0]


def logged(runner) -> list[str]:
    with db.connect(runner.db_path) as conn:
        return [r["result"] for r in conn.query("SELECT result FROM scans ORDER BY id")]


def test_desk_page_asks_for_the_pin(runner):
    at = runner.app("pages/desk.py").run()
    assert not at.exception
    assert at.text_input[0].proto.type == at.text_input[0].proto.PASSWORD
    assert not at.get("camera_input")


def test_photo_checks_in_green_and_a_second_photo_is_orange_with_the_time(runner):
    kari = runner.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    runner.set_now("2019-09-25T08:42")
    at = signed_in(runner)
    snap(at, photo_of(link(kari), seed=1))
    assert "desk-green" in banner(at) and "Kari Nordmann" in banner(at) and "Sjekket inn" in banner(at)
    # A rerun keeps the same photo in the widget: it must not count again.
    at.run()
    assert logged(runner) == ["checked_in"]
    snap(at, photo_of(link(kari), seed=2, angle=10))
    assert "desk-orange" in banner(at)
    assert "Allerede sjekket inn kl. 08:42 (desk 1)" in banner(at)
    assert active_checkins(runner) == 1


@pytest.mark.parametrize(
    ("make", "code_text"),
    [
        (lambda p: blank_photo(), "Fant ingen lesbar QR-kode"),
        (lambda p: photo_of(link(p), blur=8), "Fant ingen lesbar QR-kode"),
        (lambda p: photo_of_two(link(p), "https://example.org/x"), "Mer enn én QR-kode"),
        (lambda p: photo_of("https://www.regjeringen.no/kmd"), "Dette er ikke en billett til verkstedet"),
        (lambda p: b"%PDF-1.4 not a photo at all", "Filen er ikke et bilde"),
        (lambda p: b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), "Bildet er for stort"),
    ],
    ids=["no_qr", "blurred", "several_qr", "other_url", "not_an_image", "ten_megabytes"],
)
def test_bad_photos_are_red_with_their_own_message_and_change_nothing(runner, make, code_text):
    person = runner.add_person(name="Kari Nordmann")
    at = signed_in(runner)
    snap(at, make(person))
    assert "desk-red" in banner(at) and code_text in banner(at)
    assert active_checkins(runner) == 0 and len(logged(runner)) == 1


def scanner_frames(at) -> list[str]:
    return [str(f.proto) for f in at.get("iframe") if "deskScanner" in str(f.proto)]


def test_the_scanner_frame_is_drawn_once_signed_in_and_the_same_on_every_rerun(runner):
    at = runner.app("pages/desk.py").run()
    assert scanner_frames(at) == []
    at = signed_in(runner)
    first = scanner_frames(at)
    assert len(first) == 1 and "/api/desk/scan" in first[0]
    # A rerun (a search) must not reload the frame: the camera and the queue keep running.
    at.text_input(key="desk_search").input("x").run()
    assert scanner_frames(at) == first


def check_in_by_search(at, person):
    at.text_input(key="desk_search").input(person.name).run()
    at.button(key=f"checkin-{person.id}").click().run()


def test_search_and_one_tap_check_in_then_undo(runner):
    ola = runner.add_person(name="Ola Økland", county="Troms")
    at = signed_in(runner)
    at.text_input(key="desk_search").input("økl").run()
    at.button(key=f"checkin-{ola.id}").click().run()
    assert "desk-green" in banner(at) and "Ola Økland" in banner(at)
    assert active_checkins(runner) == 1
    at.button(key="undo").click().run()
    assert active_checkins(runner) == 0
    assert "Innsjekkingen av Ola Økland er angret." in texts(at)


def test_walk_in_gets_checked_in_and_a_qr_on_the_spot(runner):
    at = signed_in(runner)
    name_field = next(w for w in at.text_input if w.label == "Navn")
    name_field.input("Nina Ny")
    at.button(key="FormSubmitter:walk_in-Registrer og sjekk inn").click().run()
    assert "desk-green" in banner(at) and "Nina Ny" in banner(at)
    assert len(at.get("image")) == 1
    assert any("Billett for Nina Ny" in c.value for c in at.caption)
    assert active_checkins(runner) == 1


def test_live_counts_show_arrived_of_expected(runner):
    kari = runner.add_person(name="Kari", county="Nordland", theme=1)
    runner.add_person(name="Ola", county="Nordland", theme=2)
    at = signed_in(runner)
    check_in_by_search(at, kari)
    assert at.metric[0].value == "1 av 2"


def test_the_green_banner_shows_dietary_needs_from_the_registration_list(runner):
    from companion import extras

    kari = runner.add_person(name="Kari Nordmann")
    ola = runner.add_person(name="Ola Hansen")
    with db.connect(runner.db_path) as conn, db.write_tx(conn):
        extras.keep(conn, kari.id, "Allergier/matbehov", "Glutenfri", kind="diet")
        extras.keep(conn, ola.id, "Allergier/matbehov", "Nei", kind="diet")
    at = signed_in(runner)
    check_in_by_search(at, kari)
    assert "desk-green" in banner(at) and "Matbehov: Glutenfri" in banner(at)

    check_in_by_search(at, ola)
    assert "Ola Hansen" in banner(at) and "Matbehov" not in banner(at)
