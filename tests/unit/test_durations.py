"""Durations in words: a countdown never looks like a time of day ("15:00")."""

import pytest

from companion.i18n import duration_words, in_words


@pytest.mark.parametrize(
    "seconds, nb, en",
    [
        (15 * 60, "om 15 min", "in 15 min"),
        (105 * 60, "om 1 t 45 min", "in 1 h 45 min"),
        (105 * 60 - 2, "om 1 t 45 min", "in 1 h 45 min"),  # minutes round up: 1:44:58 is "1 t 45 min"
        (40, "om 40 s", "in 40 s"),
        (60, "om 1 min", "in 1 min"),
        (2 * 3600, "om 2 t", "in 2 h"),
        (-5, "om 0 s", "in 0 s"),
    ],
)
def test_a_duration_reads_as_words(seconds, nb, en):
    assert in_words(seconds, "nb") == nb
    assert in_words(seconds, "en") == en


def test_no_duration_has_a_colon():
    assert not any(":" in duration_words(s) for s in range(0, 4 * 3600, 37))
