"""AppTest of what a walk-through of the day tripped on (issue 16): the personal card on Nå, a broken
personal link, theme names, staff menus and the small wording slips."""

import pytest

from companion import db, groups, questions, schedule
from companion.event import load_event
from companion.ui.question_card import question_html
from tests.conftest import DATA

from .conftest import texts

PROGRAMME = load_event(DATA).programme


def _person_in_a_group(runner, at):
    me = runner.add_person(name="Kari Nordmann", county="Nordland", role="leader", theme=1)
    for i in range(12):
        runner.add_person(name=f"Deltaker {i}", county=f"Fylke {i}", role="caseworker", theme=1 + i % 2)
    with db.connect(runner.db_path) as conn:
        groups.assign_groups(conn, runner.event, now=at("09:30"), role="organizer")
        mine = groups.group_of(conn, runner.event, me.id)
    return me, mine


def _links(at) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


# --- Nå with a personal link ---------------------------------------------------------------


def test_during_group_work_now_shows_the_own_group_and_room(runner, at):
    me, mine = _person_in_a_group(runner, at)
    page = runner.app(t=me.token).run()
    assert not page.exception
    assert f"Din gruppe: {mine.number} · rom {mine.room.name}" in texts(page)


def test_without_a_personal_link_now_shows_no_group_card(runner, at):
    _person_in_a_group(runner, at)
    page = runner.app().run()
    assert "Din gruppe" not in texts(page)


def test_during_the_panel_now_offers_to_ask_a_question(runner):
    runner.set_now("2019-09-25T15:20")
    me = runner.add_person(name="Kari Nordmann")
    page = runner.app(t=me.token).run()
    assert "Still et spørsmål" in _links(page)
    # Not during group work: there the card shows the group instead.
    runner.set_now("2019-09-25T10:45")
    assert "Still et spørsmål" not in _links(runner.app(t=me.token).run())


# --- a broken personal link ----------------------------------------------------------------


# The frame draws the warning above every page (AppTest reaches the frame on the start page only;
# tests/e2e/test_smooth.py opens every participant page with a broken link).
@pytest.mark.parametrize("token", ["wrong", "A" * 22])
def test_a_broken_personal_link_warns(runner, token):
    at = runner.app(t=token).run()
    assert not at.exception
    assert any("personlige lenken virker ikke" in w.value for w in at.warning)


def test_a_good_personal_link_gives_no_warning(runner):
    me = runner.add_person(name="Kari Nordmann")
    at = runner.app(t=me.token).run()
    assert not any("virker ikke" in w.value for w in at.warning)


def test_the_public_view_is_still_below_the_warning(runner):
    at = runner.app(t="wrong").run()
    assert at.header[0].value == "Oppstart av arbeid i grupper for begge tema"


# --- themes by name ------------------------------------------------------------------------


def test_the_screen_names_the_theme(runner):
    runner.set_now("2019-09-25T15:20")
    asker = runner.add_person(name="Ola")
    with db.connect(runner.db_path) as conn:
        q = questions.ask(
            conn, programme=PROGRAMME, participant_id=asker.id, text="Hva nå?", now=runner.now(), theme=1
        ).question
        questions.moderate(conn, q.id, "approve", now=runner.now(), role="moderator")
        questions.show_on_screen(conn, q.id, now=runner.now(), role="moderator")
    body = "\n".join(h.proto.body for h in runner.app("pages/screen.py").run().get("html"))
    assert "Bærekraftsmålene" in body and "Tema 1" not in body


def test_the_moderator_filters_by_theme_name(runner):
    at = runner.app("pages/moderator.py").run()
    at.text_input[0].input("135724")
    at.button[0].click().run()
    options = at.selectbox(key="mf_theme").options
    assert "Bærekraftsmålene" in options and "Distrikt og kompetanse" in options
    assert not any(o.startswith("Tema ") for o in options)


# --- staff menus ---------------------------------------------------------------------------


def _menu_for(runner, role):
    at = runner.app()
    if role:
        at.session_state["staff_role"] = role
    return _links(at.run())


def test_a_signed_in_desk_sees_its_own_page_not_the_participants_menu(runner):
    assert "Min billett" in _menu_for(runner, None)
    assert _menu_for(runner, "desk") == ["Registrering"]
    assert _menu_for(runner, "moderator") == ["Moderator"]


def test_the_organizer_sees_every_staff_page(runner):
    assert _menu_for(runner, "organizer") == ["Registrering", "Moderator", "Arrangør"]


# --- wording -------------------------------------------------------------------------------


def test_the_ticket_shows_the_code_once(runner):
    me = runner.add_person(name="Kari Nordmann")
    page = texts(runner.app("pages/ticket.py", t=me.token).run())
    assert page.count(me.code) == 1


def test_the_member_count_matches_the_names_listed(runner, at):
    me, mine = _person_in_a_group(runner, at)
    runner.set_now("2019-09-25T12:00")
    page = runner.app("pages/group.py", t=me.token).run()
    values = [m.value for m in page.markdown]
    at_heading = next(i for i, v in enumerate(values) if "i gruppen (" in v)
    heading, listed = values[at_heading], values[at_heading + 1]
    assert heading == f"**Andre i gruppen ({len(listed.splitlines())})**"


def test_setting_the_delay_back_to_zero_says_the_programme_is_on_schedule(runner, at):
    with db.connect(runner.db_path) as conn:
        schedule.set_delay(conn, 15, now=at("10:40"))
    at = runner.app("pages/organizer.py").run()
    at.text_input[0].input("975310")
    at.button[0].click().run()
    at.number_input[0].set_value(0)
    at.button(key="FormSubmitter:delay-Oppdater programmet").click().run()
    assert at.success[0].value == "Programmet følger planen igjen."


def test_a_merged_question_is_labelled_once_for_its_asker(runner):
    asker = runner.add_person(name="Ola")
    with db.connect(runner.db_path) as conn:
        ids = [
            questions.ask(conn, programme=PROGRAMME, participant_id=asker.id, text=text, now=runner.now()).question.id
            for text in ("Hvordan måler vi dette?", "Hvordan måler vi dette nå?")
        ]
        for qid in ids:
            questions.moderate(conn, qid, "approve", now=runner.now(), role="moderator")
        questions.merge(conn, ids[0], [ids[1]], now=runner.now(), role="moderator")
        merged = next(q for q in questions.my_questions(conn, asker.id) if q.id == ids[1])
    card = question_html(merged, runner.event, "nb", status=True)
    assert '<span class="qbadge published">Publisert (slått sammen med et likt spørsmål)</span>' in card
    assert card.count("slått sammen") == 1


def test_the_question_form_offers_the_themes_by_name(runner):
    from companion.ui.hall_page import hall_page_html

    page = hall_page_html("{}", runner.event, "nb", "", 0)
    assert "Bærekraftsmålene" in page and "Distrikt og kompetanse" in page and "Tema 1" not in page


def test_the_go_now_banner_names_the_session_and_its_time_without_a_second_verb(runner, at):
    me, _ = _person_in_a_group(runner, at)
    runner.set_now("2019-09-25T13:20")
    page = texts(runner.app("pages/group.py", t=me.token).run())
    assert "Arbeid i grupper fortsetter kl. 13:30." in page
    assert "fortsetter starter" not in page
