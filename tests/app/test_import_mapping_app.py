"""The organizer's import as a step: the proposed columns, a preview, a changed column, the import,
and the choice remembered for the next file with the same columns. The lunch count on top."""

from companion import checkin, db, extras, people
from tests.registration_exports import OUT

DATA = b"Navn;Fullt navn;E-post;Tema\nKN;Kari Nordmann;kari@nfk.no;Tema 1\nOH;Ola Hansen;ola@nfk.no;2\n"


def signed_in(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    return at


def preview(at):
    (frame,) = [d.value for d in at.dataframe if "Matbehov" in d.value.columns and "Hva" in d.value.columns]
    return frame


def mapping_boxes(at):
    return {box.label: box for box in at.selectbox if box.label.startswith("Kolonne ")}


def upload(at, data, name="liste.csv"):
    return at.get("file_uploader")[0].set_value((name, data, "text/csv")).run()


def test_the_organizer_sees_the_proposal_changes_a_column_and_imports(runner):
    at = upload(signed_in(runner), DATA)
    assert not at.exception
    boxes = mapping_boxes(at)
    assert boxes["Kolonne 1: «Navn»"].value == "name" and boxes["Kolonne 3: «E-post»"].value == "email"
    assert boxes["Kolonne 4: «Tema»"].value == "theme"
    assert preview(at)["Navn"].tolist() == ["KN", "OH"]

    boxes["Kolonne 2: «Fullt navn»"].set_value("name").run()
    mapping_boxes(at)["Kolonne 1: «Navn»"].set_value("").run()

    assert preview(at)["Navn"].tolist() == ["Kari Nordmann", "Ola Hansen"]
    assert preview(at)["Tema"].tolist()[0].startswith("1. FNs")
    at.button(key="people_import").click().run()
    assert not at.exception and "Lagt til: 2" in at.success[0].value
    with db.connect(runner.db_path) as conn:
        assert [p.name for p in people.all_participants(conn)] == ["Kari Nordmann", "Ola Hansen"]

    again = upload(signed_in(runner), DATA)
    assert mapping_boxes(again)["Kolonne 2: «Fullt navn»"].value == "name", "the confirmed choice is remembered"


def test_a_real_export_is_proposed_right_and_imports_with_one_click(runner):
    name = "microsoft_forms_nb.xlsx"
    at = signed_in(runner)
    at.get("file_uploader")[0].set_value((name, (OUT / name).read_bytes(), "application/octet-stream")).run()
    boxes = mapping_boxes(at)
    assert boxes["Kolonne 7: «Fullt navn»"].value == "name" and boxes["Kolonne 8: «E-post»"].value == "email"
    assert boxes["Kolonne 4: «E-postadresse»"].value == "" and boxes["Kolonne 5: «Navn»"].value == ""
    at.button(key="people_import").click().run()
    assert "Lagt til: 12" in at.success[0].value
    (issues,) = [d.value for d in at.dataframe if "Hvorfor" in d.value.columns]
    assert "Kari Nordmann" in issues["Navn"].tolist() and "Advarsel" in issues["Hva"].tolist()


def test_the_lunch_count_is_of_those_checked_in(runner):
    with db.connect(runner.db_path) as conn, db.write_tx(conn):
        kari = people.add_participant(conn, name="Kari", now=runner.now())
        ola = people.add_participant(conn, name="Ola", now=runner.now())
        per = people.add_participant(conn, name="Per", now=runner.now())
        extras.keep(conn, kari.id, "Allergier", "Glutenfri", kind="diet")
        extras.keep(conn, ola.id, "Allergier", "vegetar", kind="diet")
        extras.keep(conn, per.id, "Allergier", "Vegetar", kind="diet")
    with db.connect(runner.db_path) as conn:
        checkin.check_in(conn, kari.code, now=runner.now())
        checkin.check_in(conn, ola.code, now=runner.now())
    at = signed_in(runner)
    assert any(i.value == "Lunsj: 2 til stede, 1 glutenfri, 1 vegetar" for i in at.info)
