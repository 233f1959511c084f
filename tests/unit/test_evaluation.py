"""The evaluation: its questions from data/evaluation.toml (validated), when it opens (with the
summing-up slot, following a delay), one changeable answer per person, closed by the organizer."""

import shutil
from pathlib import Path

import pytest

from companion import audit, db, evaluation, people, schedule
from companion.errors import EvaluationError, EventDataError

DATA = Path(__file__).resolve().parents[2] / "data"
GOOD = {"overall": 4, "theme_useful": 5, "differently": "  Lengre lunsj  "}


@pytest.fixture
def form(event):
    return evaluation.load_form(DATA, event.programme)


@pytest.fixture
def kari(conn, at):
    with db.write_tx(conn):
        return people.add_participant(conn, name="Kari", theme=2, now=at("08:00"))


def submit(conn, form, event, person, at, answers=GOOD, clock="16:05", nonce=None):
    return evaluation.submit(
        conn,
        form,
        event.programme,
        participant_id=person.id,
        theme=person.theme,
        answers=answers,
        now=at(clock),
        nonce=nonce,
    )


def test_the_form_has_two_scales_and_a_text_of_500_characters(form):
    assert [(q.key, q.kind) for q in form.questions] == [
        ("overall", "scale"),
        ("theme_useful", "scale"),
        ("differently", "text"),
    ]
    assert form.max_chars == 500 and form.opens_with == "closing"
    assert form.questions[0].label("en") == "What did you think of the day overall?"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            (
                'kind = "scale"\nrequired = true\nlabel_nb = "Hva synes',
                'kind = "stars"\nrequired = true\nlabel_nb = "Hva synes',
            ),
            "kind 'stars'",
        ),
        (('key = "theme_useful"', 'key = "overall"'), "key 'overall' appears twice"),
        (('opens_with = "closing"', 'opens_with = "dinner"'), "opens_with 'dinner'"),
        (("max_chars = 500", "max_chars = 0"), "max_chars must be"),
        (('label_nb = "Hva bør vi gjøre annerledes neste gang?"', ""), "needs label_nb"),
        (('key = "differently"', 'key = "Different ly"'), "key 'Different ly'"),
        (("[evaluation]", "[evaluation"), "evaluation.toml"),
    ],
)
def test_a_broken_file_stops_with_the_file_and_the_problem(tmp_path, event, change, problem):
    text = (DATA / "evaluation.toml").read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "evaluation.toml").write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(EventDataError) as broken:
        evaluation.load_form(tmp_path, event.programme)
    assert problem in broken.value.message and "evaluation.toml" in broken.value.message


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(EventDataError, match="file is missing"):
        evaluation.load_form(tmp_path)


def test_a_programme_without_the_opening_slot_is_refused(tmp_path, event):
    shutil.copy(DATA / "evaluation.toml", tmp_path)
    without = [item for item in event.programme if item.kind != "closing"]
    with pytest.raises(EventDataError, match="no slot of that kind"):
        evaluation.load_form(tmp_path, without)


def test_it_opens_at_the_summing_up_and_follows_a_delay(conn, form, event, at):
    assert evaluation.phase(conn, form, event.programme, at("15:59")) == "before"
    assert evaluation.phase(conn, form, event.programme, at("16:00")) == "open"
    schedule.set_delay(conn, 15, now=at("15:00"))
    assert evaluation.opens_at(form, event.programme, schedule.get_shifts(conn)) == at("16:15")
    assert evaluation.phase(conn, form, event.programme, at("16:05")) == "before"


def test_one_answer_per_person_which_they_can_change(conn, form, event, at, kari):
    first = submit(conn, form, event, kari, at)
    assert first.status == "saved" and first.answers["differently"] == "Lengre lunsj"
    changed = submit(conn, form, event, kari, at, answers={**GOOD, "overall": 2})
    assert changed.status == "updated"
    assert evaluation.answer_of(conn, kari.id) == {"overall": 2, "theme_useful": 5, "differently": "Lengre lunsj"}
    assert evaluation.count(conn) == 1


def test_the_stored_row_holds_no_participant_id_name_or_time(conn, form, event, at, kari):
    submit(conn, form, event, kari, at)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(evaluation_answers)")]
    assert columns == ["id", "voter_key", "theme", "answers", "nonce"]
    [row] = conn.execute("SELECT voter_key, theme, answers FROM evaluation_answers").fetchall()
    assert row[0] not in {str(kari.id), kari.token} and len(row[0]) == 64 and row[1] == 2
    assert "Kari" not in row[2]


def test_a_repeated_request_with_its_nonce_changes_nothing(conn, form, event, at, kari):
    submit(conn, form, event, kari, at, nonce="a" * 32)
    submit(conn, form, event, kari, at, answers={**GOOD, "overall": 1}, nonce="b" * 32)
    again = submit(conn, form, event, kari, at, nonce="b" * 32)
    assert again.status == "same" and evaluation.answer_of(conn, kari.id)["overall"] == 1


def test_before_the_summing_up_and_after_closing_nothing_is_stored(conn, form, event, at, kari):
    with pytest.raises(EvaluationError) as early:
        submit(conn, form, event, kari, at, clock="15:30")
    assert early.value.code == "evaluation_not_open"
    submit(conn, form, event, kari, at)
    evaluation.set_closed(conn, True, now=at("16:30"), role="organizer", desk="org")
    with pytest.raises(EvaluationError) as closed:
        submit(conn, form, event, kari, at, answers={**GOOD, "overall": 1}, clock="16:31")
    assert closed.value.code == "evaluation_closed"
    assert evaluation.answer_of(conn, kari.id)["overall"] == 4
    evaluation.set_closed(conn, False, now=at("16:32"), role="organizer")
    assert [r["action"] for r in audit.trail(conn)][:2] == ["evaluation.open", "evaluation.close"]


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"overall": 6, "theme_useful": 3}, "bad_answer"),
        ({"overall": 0, "theme_useful": 3}, "bad_answer"),
        ({"overall": True, "theme_useful": 3}, "bad_answer"),
        ({"overall": 3.0, "theme_useful": 3}, "bad_answer"),
        ({"overall": "3", "theme_useful": 3}, "bad_answer"),
        ({"theme_useful": 3}, "missing_answer"),
        ({"overall": 3, "theme_useful": 3, "differently": 5}, "bad_answer"),
        ({"overall": 3, "theme_useful": 3, "colour": "blue"}, "bad_answer"),
        ({"overall": 3, "theme_useful": 3, "differently": "x" * 501}, "answer_too_long"),
    ],
)
def test_bad_answers_are_refused_with_their_code(conn, form, event, at, kari, answers, code):
    with pytest.raises(EvaluationError) as refused:
        submit(conn, form, event, kari, at, answers=answers)
    assert refused.value.code == code
    assert evaluation.count(conn) == 0


def test_500_characters_are_fine_and_control_characters_go(form):
    clean = evaluation.clean_answers(form, {"overall": 1, "theme_useful": 1, "differently": "a\x00\u202e" + "x" * 499})
    assert clean["differently"] == "a" + "x" * 499


def test_the_summary_counts_each_scale_per_theme_and_lists_the_texts(conn, form, event, at, kari):
    with db.write_tx(conn):
        ola = people.add_participant(conn, name="Ola", theme=1, now=at("08:00"))
    submit(conn, form, event, kari, at)
    submit(conn, form, event, ola, at, answers={"overall": 4, "theme_useful": 2})
    found = evaluation.summary(conn, form)
    assert found.answered == 2 and found.scales["overall"] == {1: 0, 2: 0, 3: 0, 4: 2, 5: 0}
    assert found.by_theme["theme_useful"] == {2: {1: 0, 2: 0, 3: 0, 4: 0, 5: 1}, 1: {1: 0, 2: 1, 3: 0, 4: 0, 5: 0}}
    assert found.texts == {"differently": ["Lengre lunsj"]}
