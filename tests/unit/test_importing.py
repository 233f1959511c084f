"""Importing registration lists: encodings, delimiters, XLSX, header aliases, the report, re-import."""

import dataclasses
import io

import pytest
from openpyxl import Workbook

from companion import checkin, db, extras, importing, people
from companion.errors import ImportFileError
from companion.event import Text, Theme

ROWS = [
    ("Kari Nordmann", "kari@nfk.no", "Nordland", "leder", "1"),
    ("Øystein Ærø", "oystein@tfk.no", "Troms", "saksbehandler", "Distrikts"),
    ("Åse Ås", "ase@vfk.no", "vestfold fylkeskommune", "", ""),
]


def csv_file(
    encoding: str, delimiter: str, header=("Navn", "E-post", "Fylkeskommune", "Rolle", "Tema"), rows=ROWS
) -> bytes:
    lines = [delimiter.join(header)] + [delimiter.join(r) for r in rows]
    return "\r\n".join(lines).encode(encoding) + b"\r\n"


def run(conn, event, at, data, name="list.csv"):
    return importing.import_participants(conn, data, name, event=event, now=at("07:00"))


def stored(conn):
    return {p.email: p for p in people.all_participants(conn)}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [",", ";"])
def test_csv_in_every_encoding_and_delimiter(conn, event, at, encoding, delimiter):
    report = run(conn, event, at, csv_file(encoding, delimiter))
    assert len(report.added) == 3 and report.rejected == []
    got = stored(conn)
    assert got["oystein@tfk.no"].name == "Øystein Ærø"
    assert got["oystein@tfk.no"].theme == 2 and got["oystein@tfk.no"].role == "caseworker"
    assert got["kari@nfk.no"].role == "leader" and got["kari@nfk.no"].theme == 1
    assert got["ase@vfk.no"].county == "Vestfold" and got["ase@vfk.no"].theme is None


def test_xlsx_with_numbers_as_numbers(conn, event, at):
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Email", "County", "Role", "Theme", "Allergies"])
    sheet.append(["Kari Nordmann", "kari@nfk.no", "Nordland", "leader", 1, "nuts"])
    sheet.append(["Per Hansen", "per@ofk.no", "Oslo", "researcher", 2.0, None])
    buffer = io.BytesIO()
    book.save(buffer)
    report = run(conn, event, at, buffer.getvalue(), "list.xlsx")
    assert len(report.added) == 2 and report.extra_columns == []
    assert stored(conn)["per@ofk.no"].theme == 2
    assert extras.diet_of(conn, stored(conn)["kari@nfk.no"].id) == "nuts"


def test_english_headers_in_any_case_and_unknown_columns_listed(conn, event, at):
    data = csv_file(
        "utf-8",
        ",",
        header=("NAME", "email", "County", "ROLE", "theme", "Phone"),
        rows=[r + ("99",) for r in ROWS],
    )
    report = run(conn, event, at, data)
    assert len(report.added) == 3 and report.extra_columns == ["Phone"]


def test_only_a_row_without_a_name_or_with_a_bad_email_is_rejected_the_rest_are_warnings(conn, event, at):
    rows = [
        ("Kari", "kari@nfk.no", "Nordland", "", "1"),
        ("", "tom@nfk.no", "Nordland", "", ""),  # line 3
        ("Per", "per(at)nfk.no", "Nordland", "", ""),  # line 4
        ("Lise", "lise@nfk.no", "Nordland", "", "3"),  # line 5
        ("Kari igjen", "KARI@nfk.no", "Nordland", "", ""),  # line 6
        ("Ola", "ola@nfk.no", "Nordland", "konge", ""),  # line 7
    ]
    report = run(conn, event, at, csv_file("utf-8", ";", rows=rows))
    assert [(r.line, r.reason) for r in report.rejected] == [(3, "no_name"), (4, "bad_email")]
    assert [(w.line, w.code, w.name) for w in report.row_warnings] == [
        (5, "unknown_theme", "Lise"),
        (6, "duplicate_email", "Kari igjen"),
        (7, "unknown_role", "Ola"),
    ]
    assert report.added == ["Kari igjen", "Lise", "Ola"]
    got = stored(conn)
    assert got["KARI@nfk.no"].name == "Kari igjen" and got["lise@nfk.no"].theme is None
    assert got["ola@nfk.no"].role == "other"


def test_theme_by_name_or_unambiguous_start_in_either_language(event):
    assert importing.match_theme("FNs bærekraftsmål og regional utvikling", event) == 1
    assert importing.match_theme("rural", event) == 2
    assert importing.match_theme("fns", event) == 1
    with pytest.raises(ValueError, match="unknown_theme"):
        importing.match_theme("Helse", event)


def test_an_ambiguous_theme_start_imports_without_a_theme_and_a_warning(conn, event, at):
    third = Theme(3, Text("Distriktsmedisin", "Rural medicine"), Text("", ""))
    wider = dataclasses.replace(event, themes=event.themes + (third,))
    report = run(conn, wider, at, csv_file("utf-8", ",", rows=[("Kari", "kari@nfk.no", "", "", "distrikts")]))
    assert report.rejected == [] and [(w.line, w.code) for w in report.row_warnings] == [(2, "ambiguous_theme")]
    assert stored(conn)["kari@nfk.no"].theme is None


def test_a_county_over_the_limit_is_a_warning_not_a_rejection(conn, event, at):
    rows = [(f"P{i}", f"p{i}@nfk.no", "Nordland", "", "") for i in range(event.max_per_county + 1)]
    report = run(conn, event, at, csv_file("utf-8", ",", rows=rows))
    assert len(report.added) == event.max_per_county + 1 and report.rejected == []
    assert [(w.code, w.county, w.count) for w in report.warnings] == [
        ("county_over_max", "Nordland", event.max_per_county + 1)
    ]


def test_reimport_updates_by_email_and_keeps_token_group_and_check_in(conn, event, at):
    run(conn, event, at, csv_file("utf-8", ","))
    kari = stored(conn)["kari@nfk.no"]
    with db.write_tx(conn):
        gid = conn.execute("INSERT INTO groups (theme, number, room) VALUES (1, 1, 'Ibsen')").lastrowid
        conn.execute("INSERT INTO group_members (participant_id, group_id) VALUES (?, ?)", (kari.id, gid))
    checkin.check_in(conn, kari.code, now=at("08:40"))
    changed = [("Kari Nordmann-Olsen", "KARI@NFK.NO", "Nordland", "leder", "1")] + ROWS[1:]
    report = run(conn, event, at, csv_file("utf-8", ",", rows=changed))
    assert report.updated == ["Kari Nordmann-Olsen"] and report.added == [] and len(report.unchanged) == 2
    again = stored(conn)["kari@nfk.no"]
    assert (again.id, again.token, again.code, again.name) == (kari.id, kari.token, kari.code, "Kari Nordmann-Olsen")
    assert checkin.placement(conn, kari.id).room == "Ibsen"
    assert checkin.active_check_in(conn, kari.id) is not None


def test_reimport_with_an_empty_theme_keeps_the_theme_chosen_in_the_app(conn, event, at):
    run(conn, event, at, csv_file("utf-8", ","))
    with db.write_tx(conn):
        conn.execute("UPDATE participants SET theme = 1 WHERE email = 'ase@vfk.no'")
    run(conn, event, at, csv_file("utf-8", ","))
    assert stored(conn)["ase@vfk.no"].theme == 1


def test_import_is_one_transaction(conn, event, at, monkeypatch):
    calls = []

    def failing_add(db_, **kw):
        calls.append(kw["name"])
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_add(db_, **kw)

    real_add = people.add_participant
    monkeypatch.setattr(people, "add_participant", failing_add)
    with pytest.raises(RuntimeError):
        run(conn, event, at, csv_file("utf-8", ","))
    assert people.all_participants(conn) == []


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "x.csv", "empty_file"),
        (b"Telefon,Adresse\n99,Storgata 1\n", "x.csv", "no_name_column"),
        (b"PK\x03\x04 not really a zip", "x.xlsx", "bad_xlsx"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.csv", "not_a_table"),
    ],
)
def test_unreadable_files_raise_with_a_code_and_change_nothing(conn, event, at, data, name, code):
    with pytest.raises(ImportFileError) as err:
        run(conn, event, at, data, name)
    assert err.value.code == code
    assert people.all_participants(conn) == []


def test_the_demo_list_imports_cleanly(conn, event, at):
    from tests.conftest import DATA

    report = run(conn, event, at, (DATA / "participants_demo.csv").read_bytes())
    assert len(report.added) == 85 and report.rejected == [] and report.warnings == []


@pytest.mark.parametrize(
    ("written", "county"),
    [
        ("Finnmárkku fylkkasuohkan", "Finnmark"),
        ("Finmarkku", "Finnmark"),
        ("Finnmark fylkeskommune / Finnmárkku fylkkasuohkan", "Finnmark"),
        ("Romsa", "Troms"),
        ("Tromssa", "Troms"),
        ("Trööndelagen fylhkentjïelte", "Trøndelag"),
        ("Nordlánnda", "Nordland"),
        ("møre & romsdal fylkeskommune", "Møre og Romsdal"),
        ("Aust Agder", "Aust-Agder"),
        ("Oslo kommune", "Oslo"),
        ("Nordlandsforskning", "Nordlandsforskning"),
        ("Kommunal- og moderniseringsdepartementet", "Kommunal- og moderniseringsdepartementet"),
    ],
)
def test_a_county_by_its_official_norwegian_sami_or_kven_name_or_kept_as_written(event, written, county):
    assert importing.match_county(written, event) == county


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("Seniorrådgiver", "caseworker"),
        ("Spesialrådgiver", "caseworker"),
        ("Avdelingsdirektør", "leader"),
        ("Seksjonssjef", "leader"),
        ("Ekspedisjonssjef i departementet", "ministry"),
        ("Professor", "researcher"),
        ("Seniorforsker", "researcher"),
    ],
)
def test_a_role_by_keyword_in_the_job_title(written, role):
    assert importing.match_role(written) == role


@pytest.mark.parametrize(
    ("written", "theme"),
    [("Tema 1", 1), ("Theme 2", 2), ("tema 1: FNs bærekraftsmål", 1), ("Distriktsutvikling.", 2), ("2", 2)],
)
def test_a_theme_as_people_write_it(event, written, theme):
    assert importing.match_theme(written, event) == theme


@pytest.mark.parametrize(
    "written", ["Tema 1, Tema 2", "1 og 2", "FNs bærekraftsmål og regional utvikling;Distriktsutvikling og kompetanse;"]
)
def test_both_themes_is_no_theme(event, written):
    with pytest.raises(ValueError, match="both_themes"):
        importing.match_theme(written, event)
