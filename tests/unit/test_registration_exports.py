"""Exports of real sign-up tools (tests/registration_exports.py) import with no hand-editing:
every person with name, e-mail, county, role, theme and dietary needs right."""

import pytest

from companion import extras, importing, people
from tests.registration_exports import BOTH, EXPORTS, OUT, PEOPLE, build, cells

NAMES = [e[0] for e in EXPORTS]


def imported(conn, event, at, name):
    data = (OUT / name).read_bytes()
    return importing.import_participants(conn, data, name, event=event, now=at("07:00"))


@pytest.mark.parametrize("name", NAMES)
def test_every_person_in_an_export_is_imported_right(conn, event, at, name):
    report = imported(conn, event, at, name)

    assert report.rejected == []
    stored = {p.email.casefold(): p for p in people.all_participants(conn)}
    assert len(stored) == len(PEOPLE) == len(report.added)
    for person in PEOPLE:
        got = stored[person.email.casefold()]
        expected = (person.name, person.county, person.role, None if person.theme == BOTH else person.theme)
        assert (got.name, got.county, got.role, got.theme) == expected, person.name
        if not name.startswith("pretix_checkin"):  # the check-in list has no dietary question
            assert extras.diet_of(conn, got.id) == person.diet, person.name


@pytest.mark.parametrize("name", NAMES)
def test_the_report_warns_about_the_repeated_form_an_unknown_title_and_both_themes(conn, event, at, name):
    report = imported(conn, event, at, name)

    warned = sorted((w.code, w.name) for w in report.row_warnings)
    expected = sorted([("duplicate_email", PEOPLE[0].name)] + [(c, p.name) for p in PEOPLE for c in p.warnings])
    assert warned == expected
    (duplicate,) = [w for w in report.row_warnings if w.code == "duplicate_email"]
    assert int(duplicate.values["other"]) < duplicate.line and duplicate.values["other_name"] == PEOPLE[0].name


@pytest.mark.parametrize("name", ["microsoft_forms_nb.xlsx", "microsoft_forms_en.xlsx"])
def test_microsoft_forms_sign_in_columns_saying_anonymous_are_not_the_name_or_email(name, event):
    table = importing.read_table((OUT / name).read_bytes(), name)
    mapping = importing.propose_mapping(table, event)
    chosen = dict(importing.describe_mapping(table, mapping))
    assert chosen["name"] in ("Fullt navn", "Full name")
    assert chosen["email"] in ("E-post", "E-mail address")


def test_pretix_takes_the_attendees_own_email_not_the_buyers(event):
    name = "pretix_attendees_nb.xlsx"
    table = importing.read_table((OUT / name).read_bytes(), name)
    chosen = dict(importing.describe_mapping(table, importing.propose_mapping(table, event)))
    assert chosen["email"] == "Deltakers e-post" and chosen["name"] == "Deltakernavn"


@pytest.mark.parametrize("name", NAMES)
def test_the_committed_exports_are_what_the_script_writes(name):
    assert cells((OUT / name).read_bytes(), name) == cells(build(name), name)


def test_the_report_names_the_person_and_both_lines_in_the_chosen_language(conn, event, at):
    report = imported(conn, event, at, "google_forms_nb.csv")
    (duplicate,) = [w for w in report.row_warnings if w.code == "duplicate_email"]

    nb, en = "\n".join(report.lines("nb")), "\n".join(report.lines("en"))

    assert f"linje {duplicate.line} (Kari Nordmann): samme e-post" in nb
    assert f"som linje {duplicate.values['other']} (Kari Nordmann); linje {duplicate.line} er nyere" in nb
    assert "linje 11 (Maria Hætta): kjenner ikke igjen stillingen «Kontorfullmektig»" in nb
    assert "Roller: leder, saksbehandler, departement, forsker, annet" in nb
    assert " line " not in nb and "rejected" not in nb and "warning" not in nb
    assert f"line {duplicate.line} (Kari Nordmann): same e-mail" in en and "linje" not in en
