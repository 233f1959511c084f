"""Questions for the panel: asking and its limits, votes, moderation, merging, queue, export."""

import threading
from datetime import timedelta

import pytest

from companion import audit, db, people, questions, schedule, spreadsheet
from companion.errors import QuestionError
from companion.questions import Filters


@pytest.fixture
def person(conn, at):
    def make(name="Kari Nordmann", county="Nordland"):
        with db.write_tx(conn):
            return people.add_participant(conn, name=name, county=county, now=at("08:45"))

    return make


@pytest.fixture
def ask(conn, event, at):
    def make(who, text, when="10:00", **kw):
        return questions.ask(
            conn, programme=event.programme, participant_id=who.id, text=text, now=at(when), **kw
        ).question

    return make


def published(conn, at, q):
    return questions.moderate(conn, q.id, "approve", now=at("10:05"), role="moderator")


# --- asking and its limits


def test_a_new_question_waits_for_review_by_default(person, ask):
    q = ask(person(), "Hvordan rekrutterer vi unge?")
    assert (q.status, q.show_name, q.author, q.county) == ("pending", False, None, None)


def test_without_premoderation_a_question_is_published_at_once(conn, person, ask, at):
    questions.set_premoderation(conn, False, now=at("09:00"), role="moderator")
    assert ask(person(), "Hvordan rekrutterer vi unge?").status == "published"


def test_showing_name_and_county_is_the_askers_choice(person, ask):
    q = ask(person(), "Hvordan rekrutterer vi unge?", show_name=True)
    assert (q.author, q.county) == ("Kari Nordmann", "Nordland")


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \n", "\u200b\u200b"])
def test_empty_or_whitespace_text_is_refused(person, ask, text):
    with pytest.raises(QuestionError) as exc:
        ask(person(), text)
    assert exc.value.code == "empty_question"


def test_280_characters_are_allowed_and_281_refused(person, ask):
    kari = person()
    assert len(ask(kari, "x" * 280).text) == 280
    with pytest.raises(QuestionError) as exc:
        ask(kari, "y" * 281)
    assert exc.value.code == "question_too_long"


def test_the_same_question_twice_from_one_person_is_refused_whatever_the_case_and_punctuation(person, ask):
    kari = person()
    ask(kari, "Hvordan rekrutterer vi unge?")
    with pytest.raises(QuestionError) as exc:
        ask(kari, "  hvordan REKRUTTERER vi unge!! ")
    assert exc.value.code == "duplicate_question"


def test_two_people_may_ask_the_same_question(person, ask):
    ask(person("A"), "Hvordan rekrutterer vi unge?")
    assert ask(person("B"), "Hvordan rekrutterer vi unge?").id


def test_at_most_five_questions_per_ten_minutes(person, ask):
    kari = person()
    for i in range(5):
        ask(kari, f"Spørsmål nummer {i}", when=f"10:0{i}")
    with pytest.raises(QuestionError) as exc:
        ask(kari, "Ett til", when="10:05")
    assert exc.value.code == "too_many_questions"
    assert exc.value.details["minutes"] == 5  # the first one leaves the window at 10:10
    assert ask(kari, "Ett til", when="10:10").id


def test_a_repeated_nonce_stores_the_question_once(conn, person, ask):
    kari = person()
    first = ask(kari, "Hvordan rekrutterer vi unge?", nonce="n-1")
    again = ask(kari, "Hvordan rekrutterer vi unge?", nonce="n-1")
    assert again.id == first.id
    assert db.scalar(conn, "SELECT COUNT(*) FROM questions") == 1


def test_markup_is_stored_as_the_characters_typed(person, ask):
    texts = ["![x](http://example.org/t.png)", "<img src=x onerror=alert(1)>", "[klikk](javascript:alert(1))"]
    kari = person()
    assert [ask(kari, t).text for t in texts] == texts


# --- open and closed


def test_questions_open_at_nine_and_close_when_the_panel_ends(person, ask):
    kari = person()
    with pytest.raises(QuestionError) as exc:
        ask(kari, "For tidlig", when="08:59")
    assert exc.value.code == "questions_closed" and exc.value.details["opens"] == "09:00"
    assert ask(kari, "Akkurat tidsnok", when="09:00").id
    assert ask(kari, "Siste liten", when="15:59").id
    with pytest.raises(QuestionError):
        ask(kari, "For sent", when="16:00")


def test_a_delay_keeps_questions_open_until_the_late_panel_ends(conn, person, ask, at):
    schedule.set_delay(conn, 20, now=at("11:00"))
    assert ask(person(), "Fortsatt åpent?", when="16:10").id


def test_the_organizer_can_close_and_open_questions_whatever_the_time(conn, person, ask, at, event):
    kari = person()
    questions.set_override(conn, "closed", now=at("10:00"), role="organizer")
    with pytest.raises(QuestionError) as exc:
        ask(kari, "Stengt?", when="10:01")
    assert exc.value.details["reason"] == "closed_by_organizer"
    questions.set_override(conn, "open", now=at("16:30"), role="organizer")
    assert ask(kari, "Åpnet igjen", when="16:31").id
    assert [r["action"] for r in audit.trail(conn)] == ["questions.override", "questions.override"]


# --- votes


def test_vote_once_and_take_it_back(conn, person, ask, at):
    q = published(conn, at, ask(person("A"), "Hvordan rekrutterer vi unge?"))
    b = person("B")
    assert questions.set_vote(conn, question_id=q.id, participant_id=b.id, vote=True, now=at("10:10")) == 1
    assert questions.set_vote(conn, question_id=q.id, participant_id=b.id, vote=True, now=at("10:10")) == 1
    assert questions.set_vote(conn, question_id=q.id, participant_id=b.id, vote=False, now=at("10:11")) == 0


def test_nobody_votes_for_their_own_question(conn, person, ask, at):
    a = person("A")
    q = published(conn, at, ask(a, "Hvordan rekrutterer vi unge?"))
    with pytest.raises(QuestionError) as exc:
        questions.set_vote(conn, question_id=q.id, participant_id=a.id, vote=True, now=at("10:10"))
    assert exc.value.code == "own_question"


def test_a_question_waiting_for_review_takes_no_votes_and_is_not_there_for_others(conn, person, ask, at):
    q = ask(person("A"), "Hvordan rekrutterer vi unge?")
    for vote in (True, False):
        with pytest.raises(QuestionError) as exc:
            questions.set_vote(conn, question_id=q.id, participant_id=person("B").id, vote=vote, now=at("10:10"))
        assert exc.value.code == "question_not_found"


def test_concurrent_votes_from_threads_lose_nothing_and_never_count_twice(db_path, event, at):
    with db.connect(db_path) as conn:
        with db.write_tx(conn):
            voters = [people.add_participant(conn, name=f"P{i}", now=at("08:45")).id for i in range(20)]
            asker = people.add_participant(conn, name="Asker", now=at("08:45")).id
        questions.set_premoderation(conn, False, now=at("09:00"), role="moderator")
        qs = [
            questions.ask(
                conn, programme=event.programme, participant_id=asker, text=f"Spørsmål {i}", now=at("10:00")
            ).question.id
            for i in range(4)
        ]
    errors = []

    def voter(pid):
        try:
            with db.connect(db_path) as conn:
                for _ in range(3):  # every vote repeated: a double tap must not count twice
                    for qid in qs:
                        questions.set_vote(conn, question_id=qid, participant_id=pid, vote=True, now=at("10:10"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=voter, args=(pid,)) for pid in voters]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.connect(db_path) as conn:
        assert [questions.get(conn, qid).votes for qid in qs] == [20] * 4


# --- moderation and status transitions


def test_status_moves_through_review_answer_and_restore(conn, person, ask, at):
    q = ask(person(), "Hvordan rekrutterer vi unge?")
    assert questions.moderate(conn, q.id, "approve", now=at("10:01"), role="moderator").status == "published"
    answered = questions.moderate(conn, q.id, "answer", now=at("15:30"), role="moderator")
    assert (answered.status, answered.answered_at) == ("answered", at("15:30"))
    restored = questions.moderate(conn, q.id, "restore", now=at("15:31"), role="moderator")
    assert (restored.status, restored.answered_at) == ("published", None)
    assert questions.moderate(conn, q.id, "hide", now=at("15:32"), role="moderator").status == "hidden"
    assert questions.moderate(conn, q.id, "restore", now=at("15:33"), role="moderator").status == "published"


def test_a_pending_question_cannot_be_marked_answered(conn, person, ask, at):
    q = ask(person(), "Hvordan rekrutterer vi unge?")
    with pytest.raises(QuestionError) as exc:
        questions.moderate(conn, q.id, "answer", now=at("10:01"), role="moderator")
    assert exc.value.code == "bad_transition"


def test_approving_twice_is_harmless_and_audited_once(conn, person, ask, at):
    q = ask(person(), "Hvordan rekrutterer vi unge?")
    questions.moderate(conn, q.id, "approve", now=at("10:01"), role="moderator")
    questions.moderate(conn, q.id, "approve", now=at("10:01"), role="moderator")
    assert [r["action"] for r in audit.trail(conn)] == ["question.approve"]


def test_an_edit_keeps_the_original_text(conn, person, ask, at):
    q = ask(person(), "Hvordan rekruterer vi unge?")
    edited = questions.edit(conn, q.id, "Hvordan rekrutterer vi unge?", now=at("10:02"), role="moderator")
    assert (edited.text, edited.original_text, edited.edited) == (
        "Hvordan rekrutterer vi unge?",
        "Hvordan rekruterer vi unge?",
        True,
    )
    assert audit.trail(conn)[0]["action"] == "question.edit"


def test_one_question_on_screen_and_it_leaves_when_answered(conn, person, ask, at):
    a = published(conn, at, ask(person("A"), "Første spørsmål"))
    b = published(conn, at, ask(person("B"), "Andre spørsmål"))
    questions.show_on_screen(conn, a.id, now=at("15:20"), role="moderator")
    questions.show_on_screen(conn, b.id, now=at("15:21"), role="moderator")
    assert questions.current_on_screen(conn).id == b.id
    assert questions.get(conn, a.id).on_screen is False
    questions.moderate(conn, b.id, "answer", now=at("15:25"), role="moderator")
    assert questions.current_on_screen(conn) is None


def test_a_pending_question_cannot_go_on_screen(conn, person, ask, at):
    q = ask(person(), "Venter fortsatt")
    with pytest.raises(QuestionError) as exc:
        questions.show_on_screen(conn, q.id, now=at("15:20"), role="moderator")
    assert exc.value.code == "not_published"


def test_starred_questions_queue_in_the_order_set(conn, person, ask, at, event):
    qs = [published(conn, at, ask(person(f"P{i}"), f"Spørsmål {i}")) for i in range(3)]
    for q in qs:
        questions.star(conn, q.id, True, now=at("15:00"), role="moderator")
    assert questions.place_in_queue(conn, qs[2].id, 0, now=at("15:01"), role="moderator") == [
        qs[2].id,
        qs[0].id,
        qs[1].id,
    ]
    # The same tap again gives the same order.
    assert questions.place_in_queue(conn, qs[2].id, 0, now=at("15:01"), role="moderator") == [
        qs[2].id,
        qs[0].id,
        qs[1].id,
    ]
    view = questions.moderator_view(conn, Filters(), programme=event.programme, now=at("15:20"))
    assert [q.id for q in view.queue] == [qs[2].id, qs[0].id, qs[1].id]


# --- merging


def test_merged_votes_are_combined_without_counting_anyone_twice(conn, person, ask, at):
    a, b, x, y, z = (person(n) for n in "ABXYZ")
    keep = published(conn, at, ask(a, "Hvordan kan vi rekruttere flere unge til distriktene?"))
    other = published(conn, at, ask(b, "Hvordan rekruttere unge til distriktet?"))
    for voter, q in [(x, keep), (y, keep), (y, other), (z, other), (a, other)]:
        questions.set_vote(conn, question_id=q.id, participant_id=voter.id, vote=True, now=at("10:10"))
    merged = questions.merge(conn, keep.id, [other.id], now=at("10:20"), role="moderator")
    # X, Y, Z once each; A asked the kept question, so A's vote cannot count for it.
    assert merged.votes == 3
    assert questions.get(conn, other.id).merged_into == keep.id
    assert [q.id for q in questions.list_questions(conn)] == [keep.id]


def test_a_vote_for_a_merged_question_counts_for_the_one_it_joined(conn, person, ask, at):
    keep = published(conn, at, ask(person("A"), "Første formulering"))
    other = published(conn, at, ask(person("B"), "Andre formulering"))
    questions.merge(conn, keep.id, [other.id], now=at("10:20"), role="moderator")
    questions.set_vote(conn, question_id=other.id, participant_id=person("C").id, vote=True, now=at("10:21"))
    assert questions.get(conn, keep.id).votes == 1


def test_the_asker_of_a_merged_question_sees_the_state_of_the_one_it_joined(conn, person, ask, at):
    b = person("B")
    keep = published(conn, at, ask(person("A"), "Første formulering"))
    other = ask(b, "Andre formulering")
    questions.merge(conn, keep.id, [other.id], now=at("10:20"), role="moderator")
    questions.moderate(conn, keep.id, "answer", now=at("15:30"), role="moderator")
    mine = questions.my_questions(conn, b.id)
    assert [(q.id, q.status, q.merged_into) for q in mine] == [(other.id, "answered", keep.id)]


def test_near_duplicates_are_listed_together_most_voted_first(conn, person, ask, at):
    a = published(conn, at, ask(person("A"), "Hvordan kan vi rekruttere flere unge til distriktene?", when="10:00"))
    published(conn, at, ask(person("B"), "Hva gjør fylkene med klimaet?", when="10:01"))
    c = published(conn, at, ask(person("C"), "Hvordan rekruttere unge til distriktet?", when="10:02"))
    questions.set_vote(conn, question_id=c.id, participant_id=person("D").id, vote=True, now=at("10:10"))
    blocks = questions.with_near_duplicates(questions.list_questions(conn, Filters(sort="oldest")))
    assert [[q.id for q in block] for block in blocks][0] == [c.id, a.id]
    assert len(blocks) == 2


# --- filters and budget


def test_filters_combine(conn, person, ask, at):
    questions.set_premoderation(conn, False, now=at("09:00"), role="moderator")
    nord = person("N", county="Nordland")
    troms = person("T", county="Troms")
    hit = ask(nord, "Hva med kompetanse i kommunene?", when="10:00", theme=1, show_name=True)
    ask(nord, "Hva med kompetanse i regionene?", when="11:00", theme=2, show_name=True)
    ask(troms, "Hva med kompetanse i fylkene?", when="10:00", theme=1, show_name=True)
    ask(person("Anon", county="Nordland"), "Hva med kompetanse anonymt?", when="10:00", theme=1)
    questions.set_vote(conn, question_id=hit.id, participant_id=troms.id, vote=True, now=at("11:00"))
    found = questions.list_questions(
        conn,
        Filters(
            statuses=("published",),
            theme=1,
            county="Nordland",
            text="KOMPETANSE",
            min_votes=1,
            since=at("09:30"),
            until=at("10:30"),
        ),
    )
    assert [q.id for q in found] == [hit.id]


def test_sorting_by_votes_newest_and_oldest(conn, person, ask, at):
    questions.set_premoderation(conn, False, now=at("09:00"), role="moderator")
    old = ask(person("A"), "Gammelt", when="10:00")
    new = ask(person("B"), "Nytt", when="11:00")
    questions.set_vote(conn, question_id=old.id, participant_id=person("C").id, vote=True, now=at("11:00"))
    ids = lambda sort: [q.id for q in questions.list_questions(conn, Filters(sort=sort))]  # noqa: E731
    assert (ids("votes"), ids("newest"), ids("oldest")) == ([old.id, new.id], [new.id, old.id], [old.id, new.id])


def test_the_budget_counts_minutes_left_of_the_late_panel_and_starred_questions(conn, person, ask, at, event):
    schedule.set_delay(conn, 10, now=at("14:00"))
    q = published(conn, at, ask(person(), "Stjernespørsmål"))
    questions.star(conn, q.id, True, now=at("15:00"), role="moderator")
    budget = questions.panel_budget(conn, event.programme, at("15:35"))
    # The panel now runs 15:25-16:10.
    assert (budget.phase, budget.minutes_left, budget.starred_remaining) == ("during", 35, 1)
    questions.moderate(conn, q.id, "answer", now=at("15:40"), role="moderator")
    assert questions.panel_budget(conn, event.programme, at("15:40")).starred_remaining == 0


# --- export


def test_export_shows_county_only_when_shown_and_neutralizes_formulas(conn, person, ask, at, tmp_path):
    ask(person("A", county="Nordland"), '=HYPERLINK("http://evil")', show_name=True)
    ask(person("B", county="Troms"), "Anonymt spørsmål")
    columns, rows = questions.export_rows(conn)
    assert columns == ("id", "text", "theme", "county", "status", "votes", "created_at", "answered_at", "merged_into")
    assert [r[3] for r in rows] == ["Nordland", ""]
    path = spreadsheet.write_table(tmp_path / "q.csv", columns, rows)
    assert "'=HYPERLINK" in path.read_text(encoding="utf-8-sig")


def test_staff_actions_are_audited(conn, person, ask, at):
    q = ask(person(), "Revisjonsspor")
    questions.moderate(conn, q.id, "approve", now=at("10:00"), role="moderator")
    questions.star(conn, q.id, True, now=at("10:01"), role="moderator")
    questions.show_on_screen(conn, q.id, now=at("10:02"), role="moderator")
    questions.clear_screen(conn, now=at("10:03"), role="moderator")
    assert [r["action"] for r in reversed(audit.trail(conn))] == [
        "question.approve",
        "question.star",
        "question.screen",
        "question.unscreen",
    ]


def test_unknown_question_is_a_clear_error(conn, at):
    with pytest.raises(QuestionError) as exc:
        questions.moderate(conn, 999, "approve", now=at("10:00"), role="moderator")
    assert exc.value.code == "question_not_found"


def test_window_follows_a_delay_set_before_it_opens(conn, event, at):
    schedule.set_delay(conn, 15, now=at("08:00"))
    state = questions.open_state(conn, event.programme, at("09:10"))
    assert (state.is_open, state.opens_at) == (False, at("09:15"))
    assert state.closes_at - state.opens_at == timedelta(hours=7)


# --- reading


def test_a_question_read_alone_and_read_in_a_long_list_is_the_same(conn, person, ask, at):
    # get() counts one question's votes by a lookup, the lists count all votes in one pass:
    # two statements, one Question.
    kari, ola, per = person(), person("Ola", "Troms"), person("Per", "Agder")
    first = published(conn, at, ask(kari, "Hvordan rekrutterer vi unge?", show_name=True))
    second = published(conn, at, ask(ola, "Hva med bredbånd i distriktene?"))
    questions.edit(conn, second.id, "Hva med bredbånd i alle distrikter?", now=at("10:06"), role="moderator")
    questions.star(conn, first.id, True, now=at("10:07"), role="moderator")
    questions.moderate(conn, first.id, "answer", now=at("10:08"), role="moderator")
    for voter in (kari, per):
        questions.set_vote(conn, question_id=second.id, participant_id=voter.id, vote=True, now=at("10:09"))

    listed = {q.id: q for q in questions.list_questions(conn)}
    alone = {q_id: questions.get(conn, q_id) for q_id in listed}

    assert listed == alone
    assert (listed[second.id].votes, listed[second.id].edited_at is not None) == (2, True)
    assert (listed[first.id].author, listed[first.id].answered_at is not None) == ("Kari Nordmann", True)
