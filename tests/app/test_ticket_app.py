"""AppTest of Min billett and the organizer's Deltakere tab."""

from companion import db, extras, people
from companion.qr import decode_qr
from tests.app.conftest import texts


def test_ticket_shows_a_qr_of_the_personal_link_and_the_short_code(runner):
    kari = runner.add_person(name="Kari Nordmann", county="Nordland")
    at = runner.app("pages/ticket.py", t=kari.token).run()
    assert not at.exception
    assert len(at.get("image")) == 1
    assert "Kari Nordmann" in texts(at) and kari.code in texts(at)


def test_ticket_qr_decodes_to_the_link(runner):
    from companion.qr import qr_png

    kari = runner.add_person(name="Kari")
    # The page draws exactly this PNG; decoding it gives the link the desk accepts.
    assert (
        decode_qr(qr_png(people.personal_url("http://testserver", kari.token), box_size=12, border=3))
        == f"http://testserver/?t={kari.token}"
    )


def test_ticket_without_a_token_explains_how_to_get_one(runner):
    at = runner.app("pages/ticket.py").run()
    assert not at.exception and "personlige lenke" in at.info[0].value
    assert not at.get("image")


def test_ticket_with_an_unknown_token_is_friendly(runner):
    at = runner.app("pages/ticket.py", t=people.new_token()).run()
    assert not at.exception and "Spør i registreringen" in at.info[0].value


def test_ticket_says_when_the_person_is_checked_in(runner):
    from companion import checkin

    kari = runner.add_person(name="Kari")
    with db.connect(runner.db_path) as conn:
        checkin.check_in(conn, kari.code, now=runner.now())
    at = runner.app("pages/ticket.py", t=kari.token).run()
    assert "Du er sjekket inn (kl. 10:45)" in at.success[0].value


def test_organizer_imports_a_list_and_sees_the_report(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    data = "Navn;E-post;Tema;Allergier\nKari;kari@nfk.no;1;nøtter\nPer;per@x;;\n".encode("cp1252")
    at.get("file_uploader")[0].set_value(("liste.csv", data, "text/csv")).run()
    at.button(key="people_import").click().run()
    assert not at.exception
    assert "Lagt til: 1" in at.success[0].value and "avvist: 1" in at.success[0].value
    (issues,) = [d.value for d in at.dataframe if "Hvorfor" in d.value.columns]
    assert (
        issues.iloc[0].tolist()[:3] == [3, "Per", "Avvist"] and "«per@x» er ikke en e-postadresse" in issues.iloc[0, 3]
    )
    with db.connect(runner.db_path) as conn:
        assert [p.name for p in people.all_participants(conn)] == ["Kari"]
        assert extras.diet_of(conn, people.all_participants(conn)[0].id) == "nøtter"
