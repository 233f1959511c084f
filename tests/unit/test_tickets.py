"""Tickets and exports: links CSV, the A4 badge sheet, participants and scan log, formulas neutralized."""

import csv
import io

import pytest
from openpyxl import load_workbook

from companion import checkin, db, people, tickets


@pytest.fixture
def kari(conn, at):
    with db.write_tx(conn):
        person = people.add_participant(
            conn, name='=HYPERLINK("http://evil")', county="Nordland", email="kari@nfk.no", theme=1, now=at("07:00")
        )
        gid = conn.execute("INSERT INTO groups (theme, number, room) VALUES (1, 2, 'Ibsen')").lastrowid
        conn.execute("INSERT INTO group_members (participant_id, group_id) VALUES (?, ?)", (person.id, gid))
    return person


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_links_csv_has_the_mail_merge_columns_and_personal_url(conn, kari):
    [row] = rows(tickets.links(conn, "https://verksted.example/").csv())
    assert list(row) == ["name", "email", "county", "code", "personal_url"]
    assert row["personal_url"] == f"https://verksted.example/?t={kari.token}"
    assert row["code"] == kari.code


def test_a_formula_in_a_name_is_neutralized_in_every_export(conn, kari, at):
    checkin.check_in(conn, kari.code, now=at("08:40"))
    assert rows(tickets.links(conn, "http://x").csv())[0]["name"].startswith("'=")
    assert rows(tickets.participants(conn).csv())[0]["name"].startswith("'=")
    assert rows(tickets.scan_log(conn).csv())[0]["name"].startswith("'=")
    sheet = load_workbook(io.BytesIO(tickets.participants(conn).xlsx())).active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("'=")


def test_participants_export_has_group_room_and_check_in_time(conn, kari, at):
    checkin.check_in(conn, kari.code, now=at("08:40"))
    [row] = rows(tickets.participants(conn).csv())
    assert list(row)[:9] == ["name", "email", "county", "role", "theme", "group", "room", "code", "checked_in_at"]
    assert (row["group"], row["room"], row["theme"]) == ("2", "Ibsen", "1")
    assert row["checked_in_at"].startswith("2019-09-25T08:40")


def test_scan_log_lists_failed_attempts_too(conn, kari, at):
    checkin.check_in(conn, "ZZZZZZ", now=at("08:40"), desk="desk 2")
    checkin.check_in(conn, kari.code, now=at("08:41"), desk="desk 2")
    log = rows(tickets.scan_log(conn).csv())
    assert [(r["result"], r["desk"]) for r in log] == [("unknown_code", "desk 2"), ("checked_in", "desk 2")]


def test_badge_sheet_is_self_contained_a4_with_inline_qr_and_room(conn, kari, event):
    sheet = tickets.badge_sheet(conn, event, "http://x")
    assert "@page { size: A4" in sheet
    assert sheet.count("<svg") == 1 and "<?xml" not in sheet
    assert "Grupperom: Ibsen" in sheet and kari.code in sheet and "Nordland" in sheet
    assert "=HYPERLINK(&#34;" in sheet and '=HYPERLINK("' not in sheet  # names are escaped, never markup
    assert "http" not in sheet.split("<body>")[0].replace("http://www.w3.org", "")  # nothing fetched from elsewhere


def test_badge_sheet_speaks_the_language_asked_for(conn, kari, event):
    english = tickets.badge_sheet(conn, event, "http://x", "en")
    assert 'lang="en"' in english and "Name badges" in english and "Group room: Ibsen" in english
    assert "Grupperom" not in english and "Navneskilt" not in english
