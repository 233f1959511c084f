"""AppTest of the organizer's Grupper tab: choices, assign with its summary, moves, door signs."""

import pytest

from companion import db, groups

from .conftest import texts


@pytest.fixture
def organizer(runner):
    def open_tab():
        at = runner.app("pages/organizer.py").run()
        at.text_input[0].input("9999")
        at.button[0].click().run()
        return at

    return open_tab


def test_the_tab_counts_themes_and_lists_who_has_not_chosen(runner, organizer):
    runner.add_person(name="Anne", county="Oslo", theme=1)
    runner.add_person(name="Berit", county="Troms", theme=None)
    at = organizer()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["FNs bærekraftsmål og regional utvikling"] == "1"
    assert metrics["Ikke valgt"] == "1"
    assert "- Berit (Troms)" in texts(at)


def test_lock_button_locks_choices(runner, organizer):
    at = organizer()
    at.button(key="groups_lock").click().run()
    with db.connect(runner.db_path) as conn:
        assert groups.themes_locked(conn)
    assert "Temavalget er låst." in texts(at)


def test_assign_button_assigns_and_shows_the_summary(runner, organizer):
    for i in range(12):
        runner.add_person(name=f"P{i}", county=f"Fylke {i}", theme=1 + i % 2)
    at = organizer()
    at.button(key="groups_assign").click().run()
    assert not at.exception
    assert "12 personer fordelt i" in at.success[0].value
    with db.connect(runner.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM group_members").fetchone()[0] == 12
    assert at.get("download_button")


def test_rooms_too_small_says_so_and_assigns_nobody(runner, organizer):
    with db.connect(runner.db_path) as conn, db.write_tx(conn):
        for i in range(sum(r.capacity for r in runner.event.rooms) + 1):
            conn.execute(
                "INSERT INTO participants (token, code, name, role, theme, created_at, updated_at) VALUES (?, ?, ?, 'caseworker', 1, '', '')",
                (f"tok{i}", f"code{i}", f"P{i}"),
            )
    at = organizer()
    at.button(key="groups_assign").click().run()
    assert not at.exception
    assert "Rommene har ikke plass til alle" in at.error[0].value
    with db.connect(runner.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM group_members").fetchone()[0] == 0
