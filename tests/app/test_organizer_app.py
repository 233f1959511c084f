"""AppTest of the organizer page: the PIN gate and schedule slips."""

from companion import db, schedule


def test_organizer_page_asks_for_the_pin_and_shows_nothing_else(runner):
    at = runner.app("pages/organizer.py").run()
    assert not at.exception
    assert len(at.text_input) == 1 and at.text_input[0].proto.type == at.text_input[0].proto.PASSWORD
    assert not at.number_input


def test_a_desk_pin_does_not_open_the_organizer_page(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("246813")
    at.button[0].click().run()
    # A PIN is tried against the page's role only: the desk's PIN is simply wrong here.
    assert any("Feil PIN-kode." in e.value for e in at.error)
    assert not at.number_input


def test_organizer_sets_a_delay_that_every_view_follows(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    at.number_input[0].set_value(15)
    at.button(key="FormSubmitter:delay-Oppdater programmet").click().run()
    assert "15 min forsinket" in at.success[0].value
    with db.connect(runner.db_path) as conn:
        assert [r["action"] for r in conn.query("SELECT action FROM audit")] == ["schedule.delay"]
        assert schedule.get_shifts(conn)[0].delta.total_seconds() == 15 * 60
    now = runner.app().run()
    assert any("forsinket med 15 min" in i.value for i in now.info)


def test_organizer_closes_questions_and_the_hall_is_told(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    at.radio[0].set_value("closed")
    at.button(key="FormSubmitter:questions_settings-Lagre").click().run()
    assert not at.exception
    kari = runner.add_person(name="Kari")
    page = runner.app("pages/questions.py", t=kari.token).run()
    (frame,) = [f.proto.srcdoc for f in page.get("iframe") if 'id="cfg"' in f.proto.srcdoc]
    assert '"open":false' in frame and "stengt for nye spørsmål" in frame
