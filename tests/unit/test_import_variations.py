"""The family of layouts, not one file: the same people through shuffled columns, extra unknown
columns, header case and spacing, semicolon or comma, UTF-8 with BOM or Windows-1252."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import importing
from companion.event import load_event
from tests.conftest import DATA
from tests.registration_exports import BOTH, PEOPLE

EVENT = load_event(DATA)
COLUMNS = {
    "name": ("Navn", "Fullt navn", "Name", "Full name", "Deltakernavn"),
    "email": ("E-post", "Email", "E-postadresse", "Email Address"),
    "org": ("Fylkeskommune", "Organisasjon", "Arbeidssted", "Company", "County"),
    "title": ("Stilling", "Job Title", "Rolle"),
    "theme": ("Tema", "Theme", "Hvilket tema ønsker du å delta på?"),
}
EXTRA = ("Mobil", "Kommentar", "Ordrekode", "Hvordan hørte du om verkstedet?", "Poengsum")


def value(person, column: str) -> str:
    return {
        "name": person.name,
        "email": person.email,
        "org": person.org,
        "title": person.title,
        "theme": person.free_theme,
    }[column]


@st.composite
def layouts(draw):
    columns = draw(st.permutations(list(COLUMNS) + list(draw(st.sets(st.sampled_from(EXTRA), max_size=3)))))
    headers = []
    for column in columns:
        header = draw(st.sampled_from(COLUMNS[column])) if column in COLUMNS else column
        header = draw(st.sampled_from([header, header.upper(), header.lower(), f"  {header} ", header.title()]))
        headers.append(header)
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return columns, headers, delimiter, encoding


def write(columns, headers, delimiter, encoding) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    for person in PEOPLE:
        writer.writerow([value(person, c) if c in COLUMNS else "x" for c in columns])
    return buffer.getvalue().encode(encoding)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layouts())
def test_any_arrangement_of_the_columns_reads_the_same_people(layout):
    data = write(*layout)
    table = importing.read_table(data, "liste.csv")
    checked = importing.check_rows(table, EVENT, importing.propose_mapping(table, EVENT))

    assert checked.rejected == []
    got = {row.email: row for row in checked.valid}
    for person in PEOPLE:
        row = got[person.email]
        assert (row.name, row.county, row.role) == (person.name, person.county, person.role)
        assert row.theme == (None if person.theme == BOTH else person.theme)
    unknown = [h.strip() for c, h in zip(layout[0], layout[1], strict=True) if c not in COLUMNS]
    assert sorted(checked.extra) == sorted(unknown)
