"""The workshop report: a whole seeded day, written in all three formats and read back with each
format's own library; an empty day; no personal data unless asked; typed text stays plain."""

import html
import io
import re
import zipfile

import docx
import openpyxl
import pytest

from companion.i18n import t
from companion.report import gather, layout, make_report, render
from companion.report.evaluation import evaluation_stats
from tests.report_day import HOSTILE, add_evaluation, seed_day


def L(key: str) -> str:
    return t(f"report.{key}", "nb")


@pytest.fixture
def day(conn, event, at):
    seeded = seed_day(conn, event, at)
    answers = [
        {"overall": 5, "theme_useful": 3, "differently": "=1+1"},
        {"overall": 4, "theme_useful": 3},
        {"overall": 4, "theme_useful": 2, "differently": ""},
    ]
    add_evaluation(conn, event, seeded["arriving"][:3], answers, at("16:40"))
    return seeded


def one(conn, sql, params=()):
    return conn.execute(sql, params).fetchone()[0]


def expected_numbers(conn) -> dict[str, int]:
    """The day's numbers straight from the tables, without the report's code."""
    active = "EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = p.id AND c.undone_at IS NULL)"
    return {
        "registered": one(conn, "SELECT count(*) FROM participants WHERE walk_in = 0 AND deleted_at IS NULL"),
        "arrived": one(conn, "SELECT count(*) FROM checkins WHERE undone_at IS NULL"),
        "walk_ins": one(conn, "SELECT count(*) FROM participants WHERE walk_in = 1"),
        "no_shows": one(conn, f"SELECT count(*) FROM participants p WHERE walk_in = 0 AND NOT {active}"),
        "asked": one(conn, "SELECT count(*) FROM questions"),
        "published": one(conn, "SELECT count(*) FROM questions WHERE status IN ('published', 'answered')"),
        "answered": one(conn, "SELECT count(*) FROM questions WHERE status = 'answered'"),
        "votes": one(conn, "SELECT count(*) FROM votes"),
        "group_count": one(conn, "SELECT count(*) FROM groups"),
        "placed": one(conn, "SELECT count(*) FROM group_members"),
    }


def expected_by_county(conn) -> list[tuple]:
    rows = conn.execute(
        "SELECT county, sum(walk_in = 0), sum(arrived), sum(walk_in), sum(walk_in = 0 AND NOT arrived) FROM ("
        " SELECT p.county, p.walk_in, EXISTS (SELECT 1 FROM checkins c WHERE c.participant_id = p.id"
        " AND c.undone_at IS NULL) AS arrived FROM participants p) GROUP BY county"
    ).fetchall()
    return sorted((county or L("not_given"), *counts) for county, *counts in rows)


def docx_rows(data: bytes) -> list[list[str]]:
    document = docx.Document(io.BytesIO(data))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def xlsx_sheets(data: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)] for sheet in book}


@pytest.fixture
def files(day, conn, event, at):
    doc = layout(gather(conn, event, now=at("16:40")), event, "nb")
    return {fmt: render(doc, fmt) for fmt in ("html", "docx", "xlsx")}


def test_the_report_of_a_seeded_day_holds_the_database_numbers_in_all_three_formats(files, conn):
    numbers = expected_numbers(conn)
    assert numbers["walk_ins"] == 2 and numbers["arrived"] > 40 and numbers["no_shows"] > 10  # a real day
    by_county = expected_by_county(conn)

    rows = docx_rows(files["docx"])
    for key, value in numbers.items():
        assert [L(key), str(value)] in rows, key
    for county, *counts in by_county:
        assert [county, *map(str, counts)] in rows

    sheets = xlsx_sheets(files["xlsx"])
    overview = next(iter(sheets.values()))
    for key, value in numbers.items():
        assert (L(key), value) in [row[:2] for row in overview], key
    assert sorted(sheets[L("by_county")][1:]) == by_county
    assert sum(n for _, n in sheets[L("arrivals")][1:]) == numbers["arrived"]

    page = files["html"].decode("utf-8")
    for key, value in numbers.items():
        assert f"<dt>{L(key)}</dt><dd>{value}</dd>" in page, key
    assert page.count('src="data:image/png;base64,') >= 3  # arrivals, counties, evaluation


def test_the_most_voted_question_and_its_votes_match_the_votes_table(files, conn):
    text, votes = conn.execute(
        "SELECT q.text, count(*) AS n FROM votes v JOIN questions q ON q.id = v.question_id"
        " GROUP BY q.id ORDER BY n DESC, q.id LIMIT 1"
    ).fetchone()
    top = xlsx_sheets(files["xlsx"])[L("top")]
    assert top[1][:2] == (votes, text)
    rows = docx_rows(files["docx"])
    header = rows.index([L("votes"), L("question"), L("theme"), L("status")])
    assert rows[header + 1][:2] == [str(votes), text]


def test_the_programme_shows_each_delay_as_it_was_set_and_the_slots_it_moved(files, conn):
    sheets = xlsx_sheets(files["xlsx"])
    shifts = conn.execute("SELECT delta_minutes FROM schedule_shifts ORDER BY id").fetchall()
    assert [row[1] for row in sheets[L("delays")][1:]] == [d for (d,) in shifts]
    assert sheets[L("delays")][-1][2] == sum(d for (d,) in shifts)
    slots = {row[0]: row for row in sheets[L("slots")][1:]}
    assert slots["Registrering"][2:4] == ("08:30–09:00", 0)
    assert slots["Panelsamtale om dagens tema"][2:4] == ("15:30–16:15", 15)


def test_the_evaluation_distribution_counts_each_score(files):
    scores = xlsx_sheets(files["xlsx"])[L("scores")]
    assert scores[1] == (L("eval.overall"), 0, 0, 0, 2, 1, 3, 4.33)
    assert xlsx_sheets(files["xlsx"])[L("free_text")][1] == (L("eval.differently"), "'=1+1")


def test_an_empty_day_still_renders_in_every_format(conn, event, at):
    assert evaluation_stats(conn) is None  # nobody has answered the evaluation
    for fmt in ("html", "docx", "xlsx"):
        data = make_report(conn, event, fmt, now=at("08:00"))
        assert data
    assert L("no_evaluation") in make_report(conn, event, "html", now=at("08:00")).decode()
    assert [L("registered"), "0"] in docx_rows(make_report(conn, event, "docx", now=at("08:00")))
    assert (L("arrived"), 0) in next(iter(xlsx_sheets(make_report(conn, event, "xlsx", now=at("08:00"))).values()))


def _all_text(data: bytes) -> str:
    """Every byte of the file as text: a DOCX or XLSX is a zip, so its parts are unpacked, and XML
    may write "ø" as "&#248;", so character references are decoded too."""
    if data[:2] != b"PK":
        return html.unescape(data.decode("utf-8"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(html.unescape(archive.read(name).decode("utf-8", "replace")) for name in archive.namelist())


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_no_name_or_email_in_the_file_unless_the_organizer_asks(day, conn, event, at, fmt):
    people = conn.execute("SELECT name, email FROM participants").fetchall()
    secrets = [v for row in people for v in row if v] + [w.name for w in day["walk_ins"]]
    plain = _all_text(make_report(conn, event, fmt, now=at("16:40")))
    assert [s for s in secrets if s in plain] == []
    personal = _all_text(make_report(conn, event, fmt, now=at("16:40"), include_personal=True))
    assert all(name in personal for name, _ in people)


def test_typed_text_stays_plain_text_in_every_format(files):
    page = files["html"].decode()
    assert "<script>" not in page and "&lt;script&gt;alert(" in page
    assert "&amp;amp;" in page  # "&amp;" as typed, not an entity
    assert HOSTILE in [cell for row in docx_rows(files["docx"]) for cell in row]
    top = xlsx_sheets(files["xlsx"])[L("top")]
    assert "'" + HOSTILE in [row[1] for row in top]  # never a formula


def test_an_unknown_format_is_refused_with_a_code(conn, event, at):
    from companion.errors import CompanionError

    with pytest.raises(CompanionError) as raised:
        make_report(conn, event, "pdf", now=at("16:40"))
    assert raised.value.code == "unknown_format"


def test_english_labels_follow_the_language(day, conn, event, at):
    page = make_report(conn, event, "html", now=at("16:40"), lang="en").decode()
    assert '<html lang="en">' in page and "The day in numbers" in page
    assert re.search(r"<dt>Arrived</dt><dd>\d+</dd>", page)
