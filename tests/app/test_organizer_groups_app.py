"""AppTest of the organizer's Grupper tab: choices, assign with its summary, moves, door signs."""

import pytest

from companion import db, groups

from .conftest import texts


@pytest.fixture
def organizer(runner):
    def open_tab():
        at = runner.app("pages/organizer.py").run()
        at.text_input[0].input("975310")
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
                "INSERT INTO participants (token, code, name, role, theme, created_at, updated_at) VALUES (?, ?, ?, "
                "'caseworker', 1, '', '')",
                (f"tok{i}", f"code{i}", f"P{i}"),
            )
    at = organizer()
    at.button(key="groups_assign").click().run()
    assert not at.exception
    assert "Rommene har ikke plass til alle" in at.error[0].value
    with db.connect(runner.db_path) as conn:
        assert conn.execute("SELECT count(*) FROM group_members").fetchone()[0] == 0


def _assigned(runner, n=24):
    people = [runner.add_person(name=f"P{i:02d}", county=f"Fylke {i % 9}", theme=1) for i in range(n)]
    with db.connect(runner.db_path) as conn:
        groups.assign_groups(conn, runner.event, now=runner.now(), role="organizer")
    return people


def test_moving_a_person_by_hand_pins_them_and_says_so(runner, organizer):
    people = _assigned(runner)
    with db.connect(runner.db_path) as conn:
        mine = groups.group_of(conn, runner.event, people[0].id).number
        other = next(g.number for g in groups.groups_overview(conn, runner.event) if g.number != mine)
    at = organizer()
    at.selectbox[0].set_value(people[0].id)
    at.selectbox[1].set_value(other)
    at.button(key="FormSubmitter:groups_move-Flytt").click().run()
    assert not at.exception
    assert f"P00 er flyttet til gruppe {other}." in at.success[0].value
    with db.connect(runner.db_path) as conn:
        assert groups.group_of(conn, runner.event, people[0].id).pinned_ids == {people[0].id}


def test_reassign_present_reports_who_moved(runner, organizer):
    people = _assigned(runner)
    with db.connect(runner.db_path) as conn, db.write_tx(conn):
        for p in people[:15]:
            conn.execute("INSERT INTO checkins (participant_id, at) VALUES (?, ?)", (p.id, runner.now().isoformat()))
    at = organizer()
    at.button(key="groups_present").click().run()
    assert not at.exception
    assert "15 personer fordelt i" in at.success[0].value
    with db.connect(runner.db_path) as conn:
        moved = conn.execute("SELECT detail FROM audit WHERE action = 'groups.reassign_present'").fetchone()[0]
    assert '"moves": 0' not in moved  # in this line-up somebody has to move
    assert "Flyttet: P" in texts(at)
