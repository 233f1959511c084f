"""The evaluation's answers for the report: score distributions and the free-text answers.

The evaluation (evaluation.py) stores one row per person in `evaluation_answers`, its answers as
one JSON object keyed by the question's key in data/evaluation.toml: a whole number 1-5 for a score
("overall", "theme_useful"), any text for a free-text question ("differently"). Scores become a
distribution; text is kept as typed (plain text; the writers escape it). A database without the
table, or with no answers, gives None.
"""

import json
from dataclasses import dataclass

import sqlite_utils

SCALE = (1, 2, 3, 4, 5)
TABLE = "evaluation_answers"


@dataclass(frozen=True)
class Distribution:
    question: str
    counts: tuple[int, ...]  # how many answered 1, 2, 3, 4, 5

    @property
    def answers(self) -> int:
        return sum(self.counts)

    @property
    def mean(self) -> float | None:
        if not self.answers:
            return None
        return sum(score * n for score, n in zip(SCALE, self.counts, strict=True)) / self.answers


@dataclass(frozen=True)
class FreeText:
    question: str
    answers: tuple[str, ...]


@dataclass(frozen=True)
class EvaluationStats:
    scores: tuple[Distribution, ...]
    texts: tuple[FreeText, ...]


def _score(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value in SCALE else None
    if isinstance(value, str) and value.strip().isdigit() and int(value.strip()) in SCALE:
        return int(value.strip())
    return None


def read_answers(db: sqlite_utils.Database) -> list[tuple[str, object]] | None:
    """(question, value) for every answer, or None when the table is not there."""
    if not db[TABLE].exists():
        return None
    found: list[tuple[str, object]] = []
    for (text,) in db.execute(f"SELECT answers FROM {TABLE} ORDER BY id"):
        try:
            answers = json.loads(text)
        except (TypeError, ValueError):
            continue  # an unreadable row is no answer, never a broken report
        if isinstance(answers, dict):
            found.extend((str(key), value) for key, value in answers.items())
    return found


def summarize(answers: list[tuple[str, object]]) -> EvaluationStats | None:
    """Questions whose every answer is a score 1-5 are scores; the rest are free text."""
    by_question: dict[str, list[object]] = {}
    for question, value in answers:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        by_question.setdefault(question, []).append(value)
    if not by_question:
        return None
    scores, texts = [], []
    for question, values in by_question.items():
        as_scores = [_score(v) for v in values]
        if all(s is not None for s in as_scores):
            scores.append(Distribution(question, tuple(as_scores.count(s) for s in SCALE)))
        else:
            texts.append(FreeText(question, tuple(str(v).strip() for v in values)))
    return EvaluationStats(tuple(scores), tuple(texts))


def evaluation_stats(db: sqlite_utils.Database) -> EvaluationStats | None:
    answers = read_answers(db)
    return summarize(answers) if answers is not None else None
