"""AppTest of the moderator page: PIN, review, edit, filters, near-duplicates, queue, screen, export."""

from companion import audit, db, questions
from companion.event import load_event
from tests.conftest import DATA

from .conftest import texts

PROGRAMME = load_event(DATA).programme


def _ask(runner, text, name="Ola", approve=False, **kw):
    person = runner.add_person(name=name, county=kw.pop("county", "Nordland"))
    with db.connect(runner.db_path) as conn:
        q = questions.ask(
            conn, programme=PROGRAMME, participant_id=person.id, text=text, now=runner.now(), **kw
        ).question
        if approve:
            q = questions.moderate(conn, q.id, "approve", now=runner.now(), role="moderator")
    return q


def _signed_in(runner):
    at = runner.app("pages/moderator.py").run()
    at.text_input[0].input("135724")
    at.button[0].click().run()
    assert not at.exception
    return at


def _bodies(at) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def test_the_moderator_page_needs_the_moderator_pin(runner):
    _ask(runner, "Hemmelig før innlogging")
    at = runner.app("pages/moderator.py").run()
    assert "Hemmelig" not in _bodies(at)
    at.text_input[0].input("246813")  # the desk's PIN
    at.button[0].click().run()
    assert "Hemmelig" not in _bodies(at)


def test_approve_moves_a_question_from_review_to_the_hall(runner):
    q = _ask(runner, "Hvordan styrker vi samarbeidet?")
    at = _signed_in(runner)
    assert "Venter på godkjenning" in _bodies(at)
    at.button(key=f"approve_{q.id}_l").click().run()
    with db.connect(runner.db_path) as conn:
        assert questions.get(conn, q.id).status == "published"
        assert audit.trail(conn)[0]["action"] == "question.approve"


def test_edit_fixes_a_typo_and_keeps_the_original(runner):
    q = _ask(runner, "Hvordan styrker vi samarbiedet?")
    at = _signed_in(runner)
    at.button(key=f"edit_{q.id}_l").click().run()
    at.text_area(key=f"edit_text_{q.id}").input("Hvordan styrker vi samarbeidet?")
    at.button(key=f"FormSubmitter:edit_{q.id}-Lagre").click().run()
    assert not at.exception
    with db.connect(runner.db_path) as conn:
        stored = questions.get(conn, q.id)
    assert (stored.text, stored.original_text) == ("Hvordan styrker vi samarbeidet?", "Hvordan styrker vi samarbiedet?")
    assert "Opprinnelig:" in _bodies(at)


def test_filters_combine_and_stay_in_place_across_a_refresh(runner):
    _ask(runner, "Om kompetanse i kommunene", name="A", theme=1)
    _ask(runner, "Om kompetanse i fylkene", name="B", theme=2)
    _ask(runner, "Om samferdsel", name="C", theme=1)
    at = _signed_in(runner)
    at.selectbox(key="mf_theme").select(1).run()
    at.text_input(key="mf_text").input("kompetanse").run()
    assert "Om kompetanse i kommunene" in _bodies(at)
    assert "fylkene" not in _bodies(at) and "samferdsel" not in _bodies(at)
    _ask(runner, "Om kompetanse og ungdom", name="D", theme=1)
    at.run()  # what the live refresh does
    assert at.text_input(key="mf_text").value == "kompetanse"
    assert "Om kompetanse og ungdom" in _bodies(at) and "samferdsel" not in _bodies(at)


def test_near_duplicates_are_shown_together_and_merged_with_one_tap(runner):
    a = _ask(runner, "Hvordan kan vi rekruttere flere unge til distriktene?", name="A", approve=True)
    _ask(runner, "Hva med klima?", name="X", approve=True)
    b = _ask(runner, "Hvordan rekruttere unge til distriktet?", name="B", approve=True)
    at = _signed_in(runner)
    assert "2 like spørsmål" in texts(at)
    merge = next(btn for btn in at.button if btn.key and btn.key.startswith("merge_"))
    merge.click().run()
    with db.connect(runner.db_path) as conn:
        assert (questions.get(conn, a.id).merged_into, questions.get(conn, b.id).merged_into) == (None, a.id)
        assert len(questions.list_questions(conn)) == 2


def test_star_queue_and_put_on_screen_then_answer(runner):
    q = _ask(runner, "Til skjermen", approve=True)
    at = _signed_in(runner)
    at.button(key=f"star_{q.id}_l_0").click().run()
    assert "Kø (1)" in texts(at)
    at.button(key=f"screen_{q.id}_l").click().run()
    with db.connect(runner.db_path) as conn:
        assert questions.current_on_screen(conn).id == q.id
    at.button(key="screen_answer").click().run()
    with db.connect(runner.db_path) as conn:
        assert questions.get(conn, q.id).status == "answered"
        assert questions.current_on_screen(conn) is None


def test_the_time_budget_shows_minutes_left_in_the_panel(runner):
    runner.set_now("2019-09-25T15:30")
    at = _signed_in(runner)
    left = next(m for m in at.metric if m.label == "Igjen av panelet")
    assert left.value in ("30 min", "29 min")


def test_premoderation_can_be_switched_off(runner):
    at = _signed_in(runner)
    at.toggle(key="mod_premoderation").set_value(False).run()
    q = _ask(runner, "Rett ut i salen")
    assert q.status == "published"


def test_export_buttons_offer_csv_and_xlsx(runner):
    at = _signed_in(runner)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Last ned CSV", "Last ned XLSX"]


def test_question_text_reaches_the_moderator_as_plain_text(runner):
    _ask(runner, "<img src=x onerror=alert(1)> [klikk](javascript:alert(1))")
    at = _signed_in(runner)
    assert "&lt;img src=x onerror=alert(1)&gt; [klikk](javascript:alert(1))" in _bodies(at)
    assert "<img" not in _bodies(at)
