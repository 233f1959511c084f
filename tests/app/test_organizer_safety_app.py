"""AppTest of the organizer's Sikkerhet tab: snapshots, restore, audit trail, wrong PINs."""

from companion import backup, db, people

from .conftest import texts


def signed_in(runner, wrong_first=False):
    at = runner.app("pages/organizer.py").run()
    if wrong_first:
        at.text_input[0].input("0000")
        at.button[0].click().run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    assert not at.exception
    return at


def snapshot_names(runner):
    return [s.name for s in backup.list_snapshots(backup.snapshot_dir(runner.db_path))]


def test_the_tab_says_when_no_snapshot_has_been_taken(runner):
    at = signed_in(runner)
    assert "Ingen sikkerhetskopi er tatt ennå." in texts(at)
    assert "Automatisk hvert 5. minutt" in texts(at)


def test_take_a_snapshot_now_lists_it_and_writes_the_audit_trail(runner):
    at = signed_in(runner)
    at.button(key="safety_take_now").click().run()
    assert not at.exception
    [name] = snapshot_names(runner)
    assert name.endswith("-manual.db")
    assert any(name in s.value for s in at.success)
    assert "Siste sikkerhetskopi: kl." in texts(at) and "nå nettopp" in texts(at)
    tables = [d.value for d in at.dataframe]
    assert any(name in set(frame.iloc[:, -1]) for frame in tables)  # the snapshot list
    # The audit trail in words: the action, and its detail, never its code.
    trail = next(frame for frame in tables if "Handling" in frame.columns)
    assert trail["Handling"].iloc[0] == "Sikkerhetskopi tatt" and trail["Detaljer"].iloc[0] == f"fil: {name}"
    assert "backup.snapshot" not in trail.to_string()
    assert at.get("download_button")


def test_restore_needs_the_box_ticked_and_then_brings_the_snapshot_back(runner):
    runner.add_person(name="Kari Before")
    at = signed_in(runner)
    at.button(key="safety_take_now").click().run()
    runner.add_person(name="Ola After")
    at.button(key="FormSubmitter:safety_restore-Gjenopprett").click().run()
    assert "Kryss av for å bekrefte først." in texts(at)
    with db.connect(runner.db_path) as conn:
        assert len(people.all_participants(conn)) == 2
    at.checkbox[0].check()
    at.button(key="FormSubmitter:safety_restore-Gjenopprett").click().run()
    assert not at.exception
    assert any("Gjenopprettet fra" in s.value for s in at.success)
    with db.connect(runner.db_path) as conn:
        assert [p.name for p in people.all_participants(conn)] == ["Kari Before"]
    assert any(n.endswith("-before-restore.db") for n in snapshot_names(runner))


def test_wrong_pins_are_shown_to_the_organizer(runner):
    at = signed_in(runner, wrong_first=True)
    assert "1 feil PIN-forsøk i alt." in texts(at)
