"""AppTest of the Rapport tab and the desk's "Ikke kommet": downloads are offered, nothing breaks."""

from companion import checkin, db
from companion.i18n import t

from .conftest import texts


def _signed_in(runner, page: str, pin: str):
    at = runner.app(page).run()
    at.text_input[0].input(pin)
    at.button[0].click().run()
    assert not at.exception
    return at


def _downloads(at) -> list:
    """The download buttons of the Rapport tab and the no-show list (other tabs have their own)."""
    return [e for e in at.get("download_button") if e.key.startswith(("report_", "organizer_no_shows", "desk_no"))]


def test_the_report_tab_offers_three_formats_and_the_no_shows(runner):
    kari = runner.add_person(name="Kari Nordmann", county="Troms", email="kari@x.no")
    runner.add_person(name="Ola Nordmann", county="Troms")
    with db.connect(runner.db_path) as conn:
        checkin.check_in_person(conn, kari.id, now=runner.now())
    at = _signed_in(runner, "pages/organizer.py", "975310")
    labels = [b.proto.label for b in _downloads(at)]
    for key in ("report.dl_html", "report.dl_docx", "report.dl_xlsx", "noshow.dl_csv", "noshow.dl_xlsx"):
        assert t(key, "nb") in labels, key
    assert "1 påmeldte har ikke kommet." in texts(at)


def test_ticking_personal_data_warns_and_keeps_the_downloads(runner):
    at = _signed_in(runner, "pages/organizer.py", "975310")
    assert not any("navn og e-post" in w.value for w in at.warning)
    at.checkbox(key="report_personal").check().run()
    assert not at.exception
    assert any("navn og e-post" in w.value for w in at.warning)
    assert len(_downloads(at)) == 3  # the report's three (everyone has arrived: no no-show list)


def test_the_desk_shows_who_has_not_come(runner):
    runner.add_person(name="Ola Nordmann", county="Troms")
    at = _signed_in(runner, "pages/desk.py", "246813")
    assert "1 påmeldte har ikke kommet." in texts(at)
    assert len(_downloads(at)) == 2
