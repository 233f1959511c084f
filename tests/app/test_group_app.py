"""AppTest of "Min gruppe": the personal link, the group and room, the theme chooser, "Gå til rom X nå"."""

import pytest

from companion import db, groups, people, schedule

from .conftest import texts

PAGE = "pages/group.py"
SECRET = "hemmelig.person@example.no"


def assign(runner, at):
    with db.connect(runner.db_path) as conn:
        groups.assign_groups(conn, runner.event, now=at("09:30"), role="organizer")


def group_of(runner, person):
    with db.connect(runner.db_path) as conn:
        return groups.group_of(conn, runner.event, person.id)


@pytest.fixture
def crowd(runner):
    """Two themes' worth of people; the first is the one who opens the page."""
    me = runner.add_person(name="Kari Nordmann", county="Nordland", role="leader", theme=1, email=SECRET)
    others = [
        runner.add_person(name=f"Deltaker {i}", county=f"Fylke {i}", role="caseworker", theme=1 + i % 2)
        for i in range(20)
    ]
    runner.add_person(name="Forsker Fasilitator", county=None, role="researcher", theme=1)
    return me, others


def test_a_missing_token_gets_a_friendly_page_and_nobody_s_data(runner, crowd, at):
    assign(runner, at)
    page = runner.app(PAGE).run()
    assert not page.exception
    assert "skann QR-koden på navneskiltet" in texts(page)
    assert "Kari Nordmann" not in texts(page) and "Deltaker" not in texts(page)
    assert [h.value for h in page.header] == ["Min gruppe"]  # the page's name; no group number


def test_an_unknown_token_gets_a_friendly_page_and_nobody_s_data(runner, crowd, at):
    assign(runner, at)
    page = runner.app(PAGE, t=people.new_token()).run()
    assert not page.exception
    assert "Vi kjenner ikke igjen denne lenken" in texts(page)
    assert "Kari Nordmann" not in texts(page) and "Deltaker" not in texts(page)


def test_a_malformed_token_is_treated_as_unknown(runner, crowd):
    page = runner.app(PAGE, t="<script>").run()
    assert not page.exception
    assert "Vi kjenner ikke igjen denne lenken" in texts(page)


def test_two_tokens_in_the_url_show_neither_person(runner, crowd, at):
    me, others = crowd
    assign(runner, at)
    app = runner.app(PAGE)
    app.query_params["t"] = [me.token, others[0].token]
    page = app.run()
    assert not page.exception
    assert "Vi kjenner ikke igjen denne lenken" in texts(page)
    assert "Kari Nordmann" not in texts(page) and "Deltaker 0" not in texts(page)


def test_a_valid_token_shows_group_room_location_theme_and_times(runner, crowd, at):
    me, _ = crowd
    assign(runner, at)
    mine = group_of(runner, me)
    page = runner.app(PAGE, t=me.token).run()
    assert not page.exception
    shown = texts(page)
    assert [h.value for h in page.header] == ["Min gruppe", f"Gruppe {mine.number}"]
    assert f"Rom {mine.room.name}" in shown and mine.room.location in shown
    assert "FNs bærekraftsmål og regional utvikling" in shown
    assert "Hvordan kan bærekraftsmålene bidra" in shown
    assert "10:30–12:30" in shown and "13:30–15:00" in shown


def test_the_group_shows_its_facilitator(runner, at):
    me = runner.add_person(name="Kari Nordmann", county="Nordland", theme=1)
    for i in range(4):
        runner.add_person(name=f"Deltaker {i}", county=f"Fylke {i}", theme=1)
    runner.add_person(name="Forsker Fasilitator", county=None, role="researcher", theme=1)
    assign(runner, at)
    page = runner.app(PAGE, t=me.token).run()
    assert "**Fasilitator:** Forsker Fasilitator" in [m.value for m in page.markdown]


def test_the_group_shows_other_members_with_county_and_nobody_else(runner, crowd, at):
    me, others = crowd
    assign(runner, at)
    mine = group_of(runner, me)
    page = runner.app(PAGE, t=me.token).run()
    shown = texts(page)
    assert mine.others(me.id)
    for other in mine.others(me.id):
        assert f"{other.name} ({other.county})" in shown
    strangers = [o for o in others if o.id not in {m.id for m in mine.members}]
    assert strangers and not any(f"{s.name} (" in shown for s in strangers)
    assert SECRET not in shown and me.token not in shown and me.code not in shown


def test_the_token_stays_in_the_url(runner, crowd, at):
    me, _ = crowd
    page = runner.app(PAGE, t=me.token).run()
    assert page.query_params["t"] == me.token


def test_without_a_group_the_page_says_when_groups_are_published(runner, crowd):
    me, _ = crowd
    runner.set_now("2019-09-25T09:00")
    page = runner.app(PAGE, t=me.token).run()
    assert not page.exception
    assert "Gruppene publiseres kl. 09:45" in texts(page)
    assert [h.value for h in page.header] == ["Min gruppe"]  # the page's name; no group number


def test_before_publishing_an_assigned_group_stays_hidden(runner, crowd, at):
    me, _ = crowd
    assign(runner, at)
    runner.set_now("2019-09-25T09:30")
    page = runner.app(PAGE, t=me.token).run()
    assert "Gruppene publiseres kl. 09:45" in texts(page)
    assert [h.value for h in page.header] == ["Min gruppe"]  # the page's name; no group number


def test_without_a_theme_the_chooser_stores_the_choice(runner):
    me = runner.add_person(name="Uten Tema", county="Troms", theme=None)
    page = runner.app(PAGE, t=me.token).run()
    assert page.subheader[0].value == "Velg tema"
    page.radio[0].set_value(2)
    next(b for b in page.button if b.label == "Velg dette temaet").click().run()
    assert not page.exception
    with db.connect(runner.db_path) as conn:
        assert people.get_participant(conn, me.id).theme == 2
    assert "Du har valgt tema: Distriktsutvikling og kompetanse" in texts(page)


def test_with_choices_locked_there_is_no_chooser(runner, at):
    me = runner.add_person(name="Uten Tema", county="Troms", theme=None)
    with db.connect(runner.db_path) as conn:
        groups.set_themes_locked(conn, True, now=at("09:00"), role="organizer")
    page = runner.app(PAGE, t=me.token).run()
    assert not page.radio
    assert "Temavalget er stengt" in texts(page)


@pytest.mark.parametrize("clock, shown", [("10:14", False), ("10:15", True), ("10:29", True), ("10:30", False)])
def test_go_to_your_room_from_15_minutes_before_until_the_start(runner, crowd, at, clock, shown):
    me, _ = crowd
    assign(runner, at)
    room = group_of(runner, me).room.name
    runner.set_now(f"2019-09-25T{clock}")
    page = runner.app(PAGE, t=me.token).run()
    assert (f"Gå til rom {room} nå" in texts(page)) is shown


@pytest.mark.parametrize("clock, shown", [("10:25", True), ("10:40", False)])
def test_go_to_your_room_follows_a_delay(runner, crowd, at, clock, shown):
    me, _ = crowd
    assign(runner, at)
    with db.connect(runner.db_path) as conn:
        schedule.set_delay(conn, 10, now=at("10:00"))
    room = group_of(runner, me).room.name
    runner.set_now(f"2019-09-25T{clock}")
    page = runner.app(PAGE, t=me.token).run()
    assert (f"Gå til rom {room} nå" in texts(page)) is shown
    assert "10:40–12:40" in texts(page)


def test_the_menu_on_the_personal_link_carries_the_token_to_min_gruppe(runner, crowd):
    me, _ = crowd
    page = runner.app(t=me.token).run()
    link = next(e for e in page.get("page_link") if e.proto.label == "Min gruppe")
    assert f"t={me.token}" in link.proto.query_string
