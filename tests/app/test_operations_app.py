"""AppTest of what going live shows the organizer: links to this machine refused on Deltakere, the
copy off the machine on Sikkerhet, and a malformed base URL stopping every page."""

from companion import backup

from .conftest import APP, texts
from .test_organizer_safety_app import signed_in

LINK_KEYS = ("org.dl_links", "org.dl_badges")


def downloads(at):
    return {b.key: b for b in at.get("download_button") if b.key and b.key.startswith("org.dl_")}


def test_links_to_localhost_are_refused_on_deltakere_until_the_test_box_is_ticked(runner):
    runner.monkeypatch.setenv("COMPANION_BASE_URL", "http://localhost:8501")
    at = signed_in(runner)
    assert "Sett COMPANION_BASE_URL" in texts(at)
    found = downloads(at)
    assert all(found[k].proto.disabled for k in LINK_KEYS)
    assert not found["org.dl_people_csv"].proto.disabled
    at.checkbox(key="org_local_links").check().run()
    assert not any(downloads(at)[k].proto.disabled for k in LINK_KEYS)


def test_links_to_the_public_address_are_offered_without_a_warning(runner):
    runner.monkeypatch.setenv("COMPANION_BASE_URL", "https://verksted.example.no")
    at = signed_in(runner)
    assert "COMPANION_BASE_URL" not in texts(at)
    assert not any(downloads(at)[k].proto.disabled for k in LINK_KEYS)


def test_sikkerhet_says_where_the_copies_go_and_shows_a_failed_copy(runner, tmp_path):
    at = signed_in(runner)
    assert "Sett COMPANION_BACKUP_COPY_TO" in texts(at)
    runner.monkeypatch.setenv("COMPANION_BACKUP_COPY_TO", str(tmp_path / "unplugged"))
    at = signed_in(runner)
    at.button(key="safety_take_now").click().run()
    assert not at.exception
    assert backup.list_snapshots(backup.snapshot_dir(runner.db_path))  # the snapshot itself was taken
    assert any("Kopien til" in e.value and "unplugged" in e.value for e in at.error)


def test_a_malformed_base_url_stops_every_page_naming_it(runner):
    runner.monkeypatch.setenv("COMPANION_BASE_URL", "verksted.example.no/?x=1")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=30).run()
    (error,) = at.error
    assert error.value.startswith("Appen kan ikke starte:") and "COMPANION_BASE_URL" in error.value
