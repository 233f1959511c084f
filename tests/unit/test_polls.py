"""Live polls (polls.py): the file, one open at a time, one answer each, results and the word cloud."""

import pytest

from companion import audit, db, people, polls
from companion.errors import EventDataError, HallError
from tests.conftest import DATA


@pytest.fixture
def crowd(conn, at):
    with db.write_tx(conn):
        return [people.add_participant(conn, name=f"P{i}", now=at("07:00")) for i in range(5)]


def make(conn, at, kind="single", options=("Ja", "Nei"), **extra):
    spec = polls.PollSpec(kind, extra.pop("question", "Hva mener du?"), "What do you think?", options, **extra)
    return polls.create(conn, spec, now=at("10:00"), role="organizer")


def test_the_shipped_polls_file_is_valid_and_loads_once(conn, at):
    specs = polls.load_file(DATA / "polls.toml")
    assert {s.kind for s in specs} == set(polls.KINDS)
    assert polls.load_into(conn, specs, now=at("08:00"), role="organizer") == len(specs)
    assert polls.load_into(conn, specs, now=at("08:01"), role="organizer") == 0


@pytest.mark.parametrize(
    "text",
    [
        "[[poll]]\nkind = 'vote'\nquestion_nb = 'Hva?'\n",
        "[[poll]]\nkind = 'single'\nquestion_nb = 'Hva?'\noptions = ['Bare ett']\n",
        "[[poll]]\nkind = 'scale'\nquestion_nb = 'Hva?'\noptions = ['a', 'b']\n",
        "[[poll]]\nkind = 'words'\nquestion_nb = ''\n",
        "[[poll]]\nkind = 'words'\nquestion_nb = 5\n",
        "poll = 3\n",
        "[[poll]\n",
    ],
)
def test_a_broken_polls_file_names_the_problem(tmp_path, text):
    path = tmp_path / "polls.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EventDataError) as refused:
        polls.load_file(path)
    assert refused.value.code == "bad_polls_file" and "polls.toml" in refused.value.message


def test_one_poll_is_open_at_a_time(conn, at):
    first, second = make(conn, at), make(conn, at, kind="scale", options=())
    polls.set_state(conn, first.id, "open", now=at("10:00"), role="organizer")
    polls.set_state(conn, second.id, "open", now=at("10:05"), role="organizer")
    assert polls.open_poll(conn).id == second.id and polls.shown_poll(conn).id == second.id
    assert polls.get(conn, first.id).status == "closed"
    with pytest.raises(Exception, match="UNIQUE"):
        conn.execute("UPDATE polls SET status = 'open' WHERE id = ?", (first.id,))
    assert [r["action"] for r in audit.trail(conn)][:2] == ["poll.open", "poll.open"]


def test_one_answer_per_person_changeable_while_open(conn, at, crowd):
    poll = make(conn, at)
    with pytest.raises(HallError) as refused:
        polls.answer(conn, poll.id, crowd[0].id, [0], now=at("10:01"))
    assert refused.value.code == "poll_not_open"
    polls.set_state(conn, poll.id, "open", now=at("10:01"), role="organizer")
    assert polls.answer(conn, poll.id, crowd[0].id, [0], now=at("10:02")) == "saved"
    assert polls.answer(conn, poll.id, crowd[0].id, [1], now=at("10:03")) == "updated"
    polls.answer(conn, poll.id, crowd[1].id, [1], now=at("10:03"))
    assert polls.results(conn, polls.get(conn, poll.id)) == {"total": 2, "bars": [["Ja", 0], ["Nei", 2]]}
    polls.set_state(conn, poll.id, "close", now=at("10:04"), role="organizer")
    with pytest.raises(HallError):
        polls.answer(conn, poll.id, crowd[2].id, [0], now=at("10:05"))


@pytest.mark.parametrize(
    "kind, options, answer",
    [
        ("single", ("a", "b"), [0, 1]),
        ("single", ("a", "b"), [2]),
        ("single", ("a", "b"), []),
        ("single", ("a", "b"), "0"),
        ("single", ("a", "b"), [True]),
        ("multiple", ("a", "b"), [0, 5]),
        ("scale", (), [0]),
        ("scale", (), [6]),
        ("words", (), ["ord"]),
        ("words", (), "   "),
        ("words", (), "fire ord er for mange"),
    ],
)
def test_an_answer_that_does_not_fit_the_poll_is_refused(conn, at, crowd, kind, options, answer):
    poll = make(conn, at, kind=kind, options=options)
    polls.set_state(conn, poll.id, "open", now=at("10:01"), role="organizer")
    with pytest.raises(HallError) as refused:
        polls.answer(conn, poll.id, crowd[0].id, answer, now=at("10:02"))
    assert refused.value.code in {"bad_poll_answer", "too_many_words"}
    assert polls.results(conn, poll)["total"] == 0


def test_the_scale_and_multiple_choice_count_every_choice(conn, at, crowd):
    scale, multiple = make(conn, at, kind="scale", options=()), make(conn, at, kind="multiple", options=("a", "b", "c"))
    polls.set_state(conn, scale.id, "open", now=at("10:01"), role="organizer")
    for person, value in zip(crowd, [5, 5, 3, 1, 5], strict=True):
        polls.answer(conn, scale.id, person.id, [value], now=at("10:02"))
    assert [n for _, n in polls.results(conn, scale)["bars"]] == [1, 0, 1, 0, 3]
    polls.set_state(conn, multiple.id, "open", now=at("10:03"), role="organizer")
    polls.answer(conn, multiple.id, crowd[0].id, [0, 2, 2], now=at("10:04"))
    assert polls.results(conn, multiple)["bars"] == [["a", 1], ["b", 0], ["c", 1]]


def test_words_are_normalised_and_stop_words_left_out():
    assert polls.normalise_words("Samarbeid, og KOMPETANSE!") == ["samarbeid", "kompetanse"]
    assert polls.normalise_words("the Skills of") == ["skills"]
    assert polls.normalise_words("Økt  bo-lyst") == ["økt", "bo-lyst"]


def test_the_cloud_counts_a_word_once_per_person(conn, at, crowd):
    poll = make(conn, at, kind="words", options=())
    polls.set_state(conn, poll.id, "open", now=at("10:01"), role="organizer")
    for person, words in zip(
        crowd, ["Samarbeid", "samarbeid og tillit", "Tillit", "og", "samarbeid samarbeid"], strict=True
    ):
        polls.answer(conn, poll.id, person.id, words, now=at("10:02"))
    assert polls.results(conn, poll) == {"total": 5, "words": [["samarbeid", 3], ["tillit", 2]]}


def test_the_export_has_counts_and_no_person(conn, at, crowd):
    poll = make(conn, at)
    polls.set_state(conn, poll.id, "open", now=at("10:01"), role="organizer")
    polls.answer(conn, poll.id, crowd[0].id, [1], now=at("10:02"))
    columns, rows = polls.export_rows(conn)
    assert columns[3:5] == ("answer", "count")
    assert rows == [(poll.id, "Hva mener du?", "single", "Ja", 0, 1), (poll.id, "Hva mener du?", "single", "Nei", 1, 1)]
    assert "P0" not in repr(rows)


def test_choices_in_english_are_kept_and_shown_to_an_english_reader(conn, at):
    poll = make(conn, at, options=("Ja", "Nei", "Vet ikke"), options_en=("Yes", "No", "Don't know"))
    stored = polls.get(conn, poll.id)
    assert stored.labels("en") == ("Yes", "No", "Don't know")
    assert stored.labels("nb") == ("Ja", "Nei", "Vet ikke") == stored.labels()
    # Without English choices an English reader sees the Norwegian ones; a scale is numbers either way.
    assert polls.get(conn, make(conn, at).id).labels("en") == ("Ja", "Nei")
    assert polls.get(conn, make(conn, at, kind="scale", options=()).id).labels("en") == ("1", "2", "3", "4", "5")


@pytest.mark.parametrize("options_en", [("Yes",), ("Yes", "No", "Maybe"), ("Yes", " "), ("Yes", "x" * 81)])
def test_english_choices_that_do_not_match_one_for_one_are_refused(conn, at, options_en):
    with pytest.raises(HallError) as refused:
        make(conn, at, options_en=options_en)
    assert refused.value.code == "bad_poll_options_en"
    assert polls.all_polls(conn) == []


def test_the_polls_file_takes_english_choices(tmp_path):
    path = tmp_path / "polls.toml"
    path.write_text(
        "[[poll]]\nkind = 'single'\nquestion_nb = 'Hva?'\noptions = ['Ja', 'Nei']\noptions_en = ['Yes', 'No']\n",
        encoding="utf-8",
    )
    assert polls.load_file(path)[0].options_en == ("Yes", "No")
    path.write_text("[[poll]]\nkind = 'single'\nquestion_nb = 'Hva?'\noptions = ['Ja', 'Nei']\noptions_en = 'Yes'\n")
    with pytest.raises(EventDataError):
        polls.load_file(path)
