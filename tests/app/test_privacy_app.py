"""AppTest of the Personvern page, the evaluation on Nå, the evaluation switch and the purge
button on the Sikkerhet tab (confirmed by typing the event's name)."""

from companion import audit, backup, db, evaluation, people, purge, snapshots

from .conftest import texts

NAME = "Verksted for regional utvikling"
PURGE_BUTTON = "FormSubmitter:purge-Slett personopplysningene"


def organizer(runner):
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    assert not at.exception
    return at


def test_the_privacy_page_names_the_controller_retention_rights_and_contact(runner):
    at = runner.app("pages/privacy.py").run()
    assert not at.exception
    page = texts(at)
    assert "Kommunal- og moderniseringsdepartementet (KMD), Postboks 8112 Dep" in page
    assert "slettes 30 dager etter verkstedet, innen 25.10.2019" in page
    assert "Datatilsynet" in page and "verksted@kmd.dep.no" in page
    assert "Navn, e-post, fylke, rolle og tema" in page


def test_the_privacy_page_in_english(runner):
    at = runner.app("pages/privacy.py", lang="en").run()
    assert "The data controller for the personal data in this app is Ministry of Local Government" in texts(at)
    assert "deleted 30 days after the workshop, by 25.10.2019" in texts(at)


def test_the_participant_menu_links_to_the_privacy_page_with_the_personal_link(runner):
    # The menu is drawn by the frame (app.py) above every page but the big screen.
    kari = runner.add_person(name="Kari")
    at = runner.app(t=kari.token).run()
    [link] = [e for e in at.get("page_link") if e.proto.label == "Personvern"]
    assert link.proto.page.endswith("personvern") and f"t={kari.token}" in link.proto.query_string


def test_now_shows_the_evaluation_from_the_summing_up_with_a_personal_link(runner):
    kari = runner.add_person(name="Kari", theme=1)
    runner.set_now("2019-09-25T15:55")
    assert "/api/evaluation" not in texts_of_iframes(runner.app("pages/now.py", t=kari.token).run())
    runner.set_now("2019-09-25T16:05")
    at = runner.app("pages/now.py", t=kari.token).run()
    assert not at.exception
    assert "/api/evaluation" in texts_of_iframes(at)
    assert "/api/evaluation" not in texts_of_iframes(runner.app("pages/now.py").run())  # no link, no form


def texts_of_iframes(at) -> str:
    return "\n".join(str(e.proto) for e in at.get("iframe"))


def test_the_organizer_closes_the_evaluation_with_a_switch_and_it_is_logged(runner):
    kari = runner.add_person(name="Kari")
    runner.set_now("2019-09-25T16:20")
    at = organizer(runner)
    assert "Deltakerne får evalueringen på Nå fra kl. 16:00" in texts(at)
    at.toggle[0].set_value(True).run()
    assert not at.exception
    with db.connect(runner.db_path) as conn:
        assert evaluation.is_closed(conn)
        assert audit.trail(conn, 1)[0]["action"] == "evaluation.close"
    at = runner.app("pages/now.py", t=kari.token).run()
    assert "Evalueringen er stengt" in texts(at)


def test_the_purge_button_refuses_a_wrong_name_and_purges_with_the_right_one(runner):
    runner.monkeypatch.setenv("COMPANION_BACKUP_MINUTES", "0")  # no timer taking snapshots meanwhile
    kari = runner.add_person(name="Kari Kvalsund", email="kari.kvalsund@example.org")
    backup.take_snapshot(runner.db_path, now=snapshots.real_now(), kind="manual")
    runner.set_now("2019-09-25T18:00")
    at = organizer(runner)
    at.text_input(key="purge_name").input("Verksted")
    at.button(key=PURGE_BUTTON).click().run()
    assert "Skriv arrangementets navn nøyaktig for å bekrefte." in texts(at)
    with db.connect(runner.db_path) as conn:
        assert people.by_token(conn, kari.token) is not None
    at.text_input(key="purge_name").input(NAME)
    at.button(key=PURGE_BUTTON).click().run()
    assert not at.exception
    assert "Slettet: 1 personer anonymisert, 1 sikkerhetskopier slettet." in texts(at)
    with db.connect(runner.db_path) as conn:
        assert people.by_token(conn, kari.token) is None and purge.purged_at(conn) is not None
    assert kari.email.encode() not in runner.db_path.read_bytes()
    assert backup.list_snapshots(backup.snapshot_dir(runner.db_path)) == []
    # The personal link now says the event is over and its data deleted.
    at = runner.app(t=kari.token).run()
    assert "Verkstedet er over, og personopplysningene er slettet." in texts(at)


def test_the_purge_button_before_the_end_says_when_it_ends(runner):
    runner.set_now("2019-09-25T16:10")
    at = organizer(runner)
    at.text_input(key="purge_name").input(NAME)
    at.button(key=PURGE_BUTTON).click().run()
    assert "Verkstedet er ikke over: det slutter 25.09.2019 16:15." in texts(at)


def test_the_purge_button_says_when_the_copy_folder_was_out_of_reach(runner, tmp_path):
    runner.monkeypatch.setenv("COMPANION_BACKUP_MINUTES", "0")
    unplugged = tmp_path / "unplugged-stick"
    runner.monkeypatch.setenv("COMPANION_BACKUP_COPY_TO", str(unplugged))
    runner.add_person(name="Kari Kvalsund", email="kari.kvalsund@example.org")
    runner.set_now("2019-09-25T18:00")
    at = organizer(runner)
    at.text_input(key="purge_name").input(NAME)
    at.button(key=PURGE_BUTTON).click().run()
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(f"Kopiene i {unplugged} ble ikke slettet" in w and "for hånd" in w for w in warnings), warnings
