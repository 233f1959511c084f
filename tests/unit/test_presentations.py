"""Presentations (presentations.py): the checks on a PDF, storage, and when Nå shows them."""

import pytest

from companion import audit, presentations, schedule
from companion.errors import HallError

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add(conn, db_path, event, at, data=PDF, name="Innledning.pdf", slot="09:00"):
    return presentations.add_pdf(conn, db_path, event, slot, data, name, now=at("08:00"), role="organizer")


def test_a_pdf_is_stored_beside_the_database_and_audit_logged(conn, db_path, event, at):
    added = add(conn, db_path, event, at)
    assert presentations.pdf_path(db_path, added.id).read_bytes() == PDF
    assert presentations.get(conn, added.id)[1] == "Innledning.pdf"
    assert audit.trail(conn)[0]["action"] == "presentation.add"


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "not_a_pdf"),
        (b"<html>%PDF-", "not_a_pdf"),
        (b"\x89PNG\r\n", "not_a_pdf"),
        (b"%PDF-" + b"0" * (50 * 2**20), "pdf_too_large"),
    ],
    ids=["empty", "html", "png", "51 MB"],
)
def test_anything_but_a_pdf_of_at_most_50_mb_is_refused(conn, db_path, event, at, data, code):
    with pytest.raises(HallError) as refused:
        add(conn, db_path, event, at, data=data)
    assert refused.value.code == code and presentations.all_presentations(conn) == []


def test_an_unknown_slot_and_a_bad_link_are_refused(conn, db_path, event, at):
    with pytest.raises(HallError) as refused:
        add(conn, db_path, event, at, slot="07:13")
    assert refused.value.code == "unknown_slot"
    for url in ("javascript:alert(1)", "https://", "ftp://x.no/a.pdf", "https://x.no/a b"):
        with pytest.raises(HallError) as refused:
            presentations.add_link(conn, event, "09:00", url, "Lenke", now=at("08:00"), role="organizer")
        assert refused.value.code == "bad_link"


@pytest.mark.parametrize(
    "name, safe",
    [
        ("Innledning.pdf", "Innledning.pdf"),
        ('a"b;c\r\n.pdf', "a_b_c.pdf"),
        ("Bærekraft ÆØÅ.pdf", "Baerekraft_AeOA.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("....pdf", "presentation.pdf"),
    ],
)
def test_the_download_name_is_safe(name, safe):
    assert presentations.safe_filename(name) == safe


def test_nå_shows_a_presentation_from_the_start_of_its_item_following_a_delay(conn, db_path, event, at):
    added = add(conn, db_path, event, at, slot="09:00")
    assert presentations.started(conn, event, at("08:59")) == []
    assert presentations.started(conn, event, at("09:00")) == [("09:00", added)]
    schedule.set_delay(conn, 10, now=at("08:30"), role="organizer")
    assert presentations.started(conn, event, at("09:05"), schedule.get_shifts(conn)) == []
    presentations.remove(conn, added.id, now=at("12:00"), role="organizer")
    assert presentations.started(conn, event, at("12:00")) == []
