"""Exports in a hostile hall (issue 15, findings 6 and 7): no cell becomes a formula whatever
separator the spreadsheet splits on, and only the personal-links CSV holds tokens."""

import csv
import io
import re

import pytest

from companion import checkin, db, people, tickets
from companion.spreadsheet import csv_bytes

HOSTILE = ["Nordland;=1+2", 'Oslo,=HYPERLINK("http://x")', "Troms\t+47", "a|@SUM(A1)", "Ola\n-2+3", "  =1+1"]
STARTS = ("=", "+", "-", "@")


def pieces(text: str) -> list[str]:
    """Every cell any reader could see: quote-aware readers with each common separator, and naive
    ones that split on a separator or a line break and ignore quotes."""
    found = []
    for sep in (",", ";", "\t", "|"):
        found += [cell for row in csv.reader(io.StringIO(text), delimiter=sep) for cell in row]
        found += [piece.strip(' "') for line in text.splitlines() for piece in line.split(sep)]
    return found


@pytest.mark.parametrize("value", HOSTILE)
def test_no_piece_of_a_csv_cell_starts_a_formula_whatever_the_separator(value):
    text = csv_bytes(["county"], [[value]]).decode("utf-8-sig")
    assert not [p for p in pieces(text) if p.lstrip(" ").startswith(STARTS)]
    # A reader that honours the quotes gets the cell back whole.
    assert len(next(csv.reader(io.StringIO(text.split("\n", 1)[1]), delimiter=";"))) == 1


def test_the_participants_export_is_safe_for_a_semicolon_reader(conn, at):
    with db.write_tx(conn):
        people.add_participant(conn, name="Kari", county="Nordland;=1+2", now=at("08:00"))
    text = tickets.participants(conn).csv().decode("utf-8-sig")
    assert "Nordland;'=1+2" in text
    assert not [p for p in pieces(text) if p.startswith(STARTS)]


def test_the_scan_log_names_people_by_code_and_never_holds_a_token(conn, at):
    with db.write_tx(conn):
        kari = people.add_participant(conn, name="Kari", now=at("08:00"))
    checkin.check_in(conn, f"https://verksted.example/?t={kari.token}", now=at("09:00"), method="scanner")
    checkin.check_in(conn, f"https://evil.example/?t={'x' * 32}", now=at("09:01"), method="scanner")
    log = tickets.scan_log(conn)
    text = log.csv().decode("utf-8-sig")
    assert kari.token not in text and "x" * 32 not in text
    assert not re.search(r"[A-Za-z0-9_-]{32}", text)
    rows = [dict(zip(log.columns, row, strict=True)) for row in log.rows]
    assert rows[0]["code"] == kari.code and rows[0]["name"] == "Kari"
    assert rows[1]["scanned"] == "https://evil.example/?t=[token]"
    # The links CSV is the one file that holds the tokens.
    assert kari.token in tickets.links(conn, "https://verksted.example").csv().decode("utf-8-sig")
