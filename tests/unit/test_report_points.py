"""Innspill fra gruppene in the workshop report: every group's points with the question they answer,
the starred ones marked, plain text in every format, and no author named."""

import pytest

from companion import group_notes
from companion.i18n import t
from companion.report import make_report
from tests.hall_day import small_day

from .test_report import _all_text, docx_rows


@pytest.fixture
def points(conn, event, at):
    day = small_day(conn, event, at)
    boss = day["facilitator"]
    first = group_notes.post(conn, event, boss.id, "Kompetanse må deles <b>nå</b>", guiding=0, now=at("11:00"))
    group_notes.post(conn, event, boss.id, "Mer tid til gruppene", guiding=1, now=at("11:05"))
    group_notes.star(conn, first.id, True, now=at("16:00"), role="moderator")
    return day


@pytest.mark.parametrize("fmt", ["html", "docx", "xlsx"])
def test_the_points_are_in_the_report_as_plain_text_without_their_author(points, conn, event, at, fmt):
    text = _all_text(make_report(conn, event, fmt, now=at("17:00")))
    assert t("report.points", "nb") in text
    assert "Kompetanse må deles <b>nå</b>" in text and "Mer tid til gruppene" in text
    assert event.theme(1).question.nb in text and event.cross_cutting.nb in text
    assert points["facilitator"].name not in text


def test_the_starred_point_is_marked(points, conn, event, at):
    rows = docx_rows(make_report(conn, event, "docx", now=at("17:00")))
    starred = [r for r in rows if "Kompetanse må deles <b>nå</b>" in r]
    plain = [r for r in rows if "Mer tid til gruppene" in r]
    assert starred and starred[0][-1] == t("report.yes", "nb") and plain[0][-1] == ""


def test_a_day_without_points_says_so(conn, event, at):
    assert t("report.no_points", "nb") in make_report(conn, event, "html", now=at("17:00")).decode()
