"""Text people type (names, counties, questions, notes): one rule for what is kept.

Control characters and lone surrogates are not text (SQLite cannot even store a surrogate): they
are removed. Direction and zero-width marks are invisible and can make a name read backwards or
hide a word break: each becomes a space. Both rules run on NFC text, so "é" typed as e + accent and
"é" typed as one character are the same text. The zero-width joiner (U+200D) stays: it holds emoji
like 👩‍💻 together.
"""

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_INVISIBLE_MARKS = re.compile(r"[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def visible(text: str | None) -> str:
    """The text with the rule applied and nothing else changed (line breaks and spacing kept)."""
    normal = unicodedata.normalize("NFC", text or "")
    return _INVISIBLE_MARKS.sub(" ", _CONTROL.sub("", normal))


def one_line(text: str | None) -> str:
    """A name or a cell: the rule, then every run of white space (line breaks too) as one space."""
    return " ".join(visible(text).split())


def lines(text: str | None) -> str:
    """A question or a note: the rule, spaces within each line collapsed, at most one blank line."""
    kept = "\n".join(" ".join(line.split()) for line in visible(text).strip().splitlines())
    return re.sub(r"\n{3,}", "\n\n", kept).strip()
