"""Find panel questions that ask the same thing in other words or spellings.

The moderator sees near-duplicates side by side instead of reading the same
question ten times. Everything here is plain string work so it runs on the
event laptop with no models and no network.

A score combines two views of a question:

* the overlap of its content words after light stemming, which catches
  reordering, inflection (kommunen/kommunene/kommunane), filler words and the
  commonest typos (double consonants, c for s/k: kompetance, rekrutere);
* the overlap of character trigrams of those words, which catches the other
  typos and compounds split differently (kompetanseutvikling / utvikling av
  kompetanse).

Two cheap checks then push apart questions that share every topic word but
still ask something else: a different question word (hvorfor vs hvordan), or a
different name or number (Nordland vs Troms, mål 11 vs mål 17).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

__all__ = ["DEFAULT_THRESHOLD", "normalize", "tokens", "similarity", "group_near_duplicates"]

# Chosen on the labelled corpus in tests/unit/test_similarity.py: same-question
# pairs score 0.80 and up, different questions that share all but one topic
# word reach 0.72. 0.76 sits in the middle, 0.04 from either side.
DEFAULT_THRESHOLD = 0.76

# Share of the score that comes from shared words; the rest is trigrams.
_WORD_WEIGHT = 0.6
# Multiplier when two questions contradict each other on question word or on
# a name/number. Small enough that even identical wording falls below any
# sensible threshold.
_CONTRADICTION = 0.6
# Grouping never compares pairs that share no word (they score at most the
# trigram share) or whose question words differ (at most _CONTRADICTION), so
# thresholds that such pairs could reach are refused.
_MIN_THRESHOLD = max(1 - _WORD_WEIGHT, _CONTRADICTION)

# Question scaffolding in bokmål, nynorsk and English: pronouns, auxiliaries,
# prepositions, question words and "what does the panel think" phrasing.
# Negations are in here too: "why not" and "why" are the same topic for a panel.
_STOPWORDS = frozenset(
    """
    å alle at av bare begge ble bli blir blitt bør burde både da de dei deira
    deim deires dem den denne dere deres det dette di din disse ditt du dykk
    dykkar då eg egentlig ein eit eitt eigentleg eller en enn er et ett etter
    for fordi fra frå før ha hadde han hans har henne hennar hennes her hjå ho
    hos hun hva hvem hver hvilke hvilken hvilket hvis hvor hvordan hvorfor i
    ikke ikkje ingen inn inni ja jeg kan kanskje korleis kunne kva kvar kven
    kvifor man me med medan meg mellom men mener meiner mi min mine mitt mot
    mykje må måtte ned no noe noen noko nokon nokre nå når og også om opp oss
    over panelet sin sine sitt sjøl skal skulle slik so som synes syns så samme
    seg selv si sia sidan sånn tenker tror til um uten ut var vart ved vere
    verte vi vil ville vår våre være vært gjøre gjør gjere gjer gjort
    a about an and are as at be by can could did do does for from how i if in
    into is it its not of on or our should so than that the their them then
    there they this to us we what when where which who why will with would you
    your think panel
    """.split()
)

# Spelling variants worth folding. Deliberately NOT folded: "aa" -> "å",
# because compounds such as "dataanalyse" and "ekstraarbeid" would break.
_FOLDS = (
    # bærekraftsmål / bærekraftmål / berekraftsmål (nynorsk) / baerekraft
    (re.compile(r"b(?:æ|ae|e)rekrafts?"), "bærekraft"),
    (re.compile(r"\bfns\b"), "fn"),
)

# A handful of everyday synonyms that come up in panel questions; kept short
# on purpose, every entry is a judgement call.
_SYNONYMS = {
    "unge": "ungdom",
    "ungdommen": "ungdom",
    "ungdommar": "ungdom",
    "nytte": "bruke",
    "nyttar": "bruke",
    "funke": "fungere",
    "funker": "fungere",
    "forskjellige": "ulike",
    "forskjellig": "ulik",
    "høgare": "høyere",
    "høgre": "høyere",
    "sdg": "bærekraftmål",
    "sdgs": "bærekraftmål",
}

# Longest first so "kommunene" loses "-ene", not just "-e". "-es" is the
# passive (brukes). The nynorsk plural "-ar" (kommunar, regionar) needs a
# longer stem so that "ansvar" and "pengar" keep their last letters.
_SUFFIXES = ("enes", "ane", "ene", "ens", "ers", "er", "es", "en", "et", "a", "e", "s")
_MIN_STEM = 4
_MIN_STEM_AR = 5

# Question words grouped by what they ask for. "how" and "what" are
# interchangeable in practice ("Hva kan fylket gjøre ..." ~ "Hvordan kan fylket ...").
_INTENTS = {
    "hvordan": "how",
    "korleis": "how",
    "how": "how",
    "hva": "how",
    "kva": "how",
    "what": "how",
    "hvilke": "how",
    "hvilken": "how",
    "hvilket": "how",
    "which": "how",
    "hvorfor": "why",
    "kvifor": "why",
    "why": "why",
    "hvem": "who",
    "kven": "who",
    "who": "who",
    "når": "when",
    "when": "when",
    "hvor": "where",
    "kvar": "where",
    "where": "where",
}
_COUNT_WORDS = frozenset({"mange", "mye", "mykje", "many", "much"})

_ACCENTS = re.compile("[\u0300-\u0309\u030b-\u036f]")  # combining marks except the ring
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLED = re.compile(r"([^\W\d_])\1+")  # letters only: "11" is not "1"
_SENTENCE_END = re.compile(r"[.!?:;\n]+")
_RAW_WORD = re.compile(r"\w+(?:[-‐‑]\w+)*")
_WORD = re.compile(r"[^\W_]+")  # letters and digits
_LINKED = re.compile(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])")  # hyphen between two letters


def normalize(text: str) -> str:
    """Lower-case, punctuation-free form of ``text`` with spelling variants folded.

    Digits are kept (they often carry meaning: "mål 11"). Hyphenated words are
    joined, so "bærekrafts-mål" and "bærekraftsmål" become the same word.
    """
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _strip_accents(text)
    text = _LINKED.sub("", text)
    text = " ".join(_WORD.findall(text))
    for pattern, replacement in _FOLDS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """Stemmed content words of ``text``, in order, stopwords removed.

    Matching compares these with double letters and c/s/k flattened as well.
    """
    return [_stem(_SYNONYMS.get(w, w)) for w in normalize(text).split() if w not in _STOPWORDS]


def similarity(a: str, b: str) -> float:
    """Score in [0, 1] for how likely ``a`` and ``b`` ask the same question.

    Texts with nothing left after normalization (empty, spaces, only emoji)
    score 0 against everything, themselves included.
    """
    return _score(_profile(a), _profile(b))


def group_near_duplicates(items: Sequence[tuple[int, str]], threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """Cluster question ids whose texts are near-duplicates.

    Returns clusters of two or more ids, each sorted, ordered by smallest id.
    Every member scores at least ``threshold`` against its cluster's centre
    (the question most similar to the most others), so a chain of small
    rewordings cannot drag unrelated questions into one cluster.
    """
    if not _MIN_THRESHOLD < threshold <= 1:
        raise ValueError(f"threshold must be in ({_MIN_THRESHOLD}, 1], got {threshold}")
    ids = [qid for qid, _ in items]
    if len(set(ids)) != len(ids):
        raise ValueError("question ids must be unique")

    # Questions that reduce to the same profile are one node: they score 1.0
    # with each other and alike against everything else. A node is named by
    # its smallest id, so nothing below depends on the order of ``items``.
    copies: dict[_Profile, list[int]] = defaultdict(list)
    for qid, text in items:
        profile = _profile(text)
        if profile.words:
            copies[profile].append(qid)
    nodes = {min(qids): profile for profile, qids in copies.items()}
    members = {min(qids): sorted(qids) for qids in copies.values()}
    neighbours = _edges(nodes, threshold)

    # Centres first: the node that would gather the most questions, then the
    # highest total score, then the lowest id.
    def centre_key(node: int) -> tuple[int, float, int]:
        near = neighbours.get(node, [])
        reach = len(members[node]) + sum(len(members[other]) for other, _ in near)
        weight = sum(len(members[other]) * score for other, score in near)
        return (-reach, -weight, node)

    clusters = []
    taken: set[int] = set()
    for centre in sorted(members, key=centre_key):
        if centre in taken:
            continue
        group = [centre] + [other for other, _ in neighbours.get(centre, ()) if other not in taken]
        qids = sorted(q for node in group for q in members[node])
        if len(qids) > 1:
            taken.update(group)
            clusters.append(qids)
    return sorted(clusters)


# --- internals -------------------------------------------------------------


class _Profile(NamedTuple):
    words: frozenset[str]  # stems of the content words' spelling keys
    grams: frozenset[str]  # character trigrams of those keys
    intent: str | None  # what the question word asks for, if there is one
    anchors: frozenset[str]  # names and numbers, in the same form as words


def _strip_accents(text: str) -> str:
    # "idé" and "ide" are the same word; å is a letter, not an accented a,
    # so the ring above (U+030A) survives. æ and ø do not decompose at all.
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", _ACCENTS.sub("", unicodedata.normalize("NFD", text)))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    if word.endswith("ar") and len(word) - 2 >= _MIN_STEM_AR:
        return word[:-2]
    return word


@lru_cache(maxsize=1 << 16)
def _match_form(word: str) -> str:
    # The form two words are compared in; cached because a question set
    # repeats the same few hundred words over and over.
    return _stem(_spelling_key(word))


def _spelling_key(word: str) -> str:
    # Double consonants and c/s/k are where Norwegian spelling slips most
    # (komune, rekrutere, kompetance); compare words with those flattened.
    word = _SOFT_C.sub("s", word).replace("c", "k")
    return _DOUBLED.sub(r"\1", word)


def _trigrams(words: list[str]) -> frozenset[str]:
    grams: set[str] = set()
    for w in words:
        padded = f" {w} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


def _intent(words: list[str]) -> str | None:
    # Only the opening words: "når" later in a sentence means "when/while".
    for i, w in enumerate(words[:3]):
        # "hvor mange" / "how many" asks for a number, not a place or a method.
        if w in ("hvor", "how") and words[i + 1 : i + 2] and words[i + 1] in _COUNT_WORDS:
            return "count"
        if w in _INTENTS:
            return _INTENTS[w]
    return None


def _anchors(text: str) -> frozenset[str]:
    # Numbers, and capitalised words inside a sentence (names: Nordland, FN).
    # The first word of a sentence is capitalised anyway, and text typed in
    # all capitals says nothing about names; there only numbers count.
    text = unicodedata.normalize("NFKC", text)
    names_visible = any(ch.islower() for ch in text)
    found = set()
    for sentence in _SENTENCE_END.split(text):
        for position, raw in enumerate(_RAW_WORD.findall(sentence)):
            is_name = names_visible and position > 0 and raw[0].isupper()
            if not (is_name or any(ch.isdigit() for ch in raw)):
                continue
            for word in normalize(raw).split():
                if word.isdigit() or (is_name and word not in _STOPWORDS):
                    found.add(_match_form(_SYNONYMS.get(word, word)))
    return frozenset(found)


def _profile(text: str) -> _Profile:
    norm = normalize(text)
    all_words = norm.split()
    content = [_SYNONYMS.get(w, w) for w in all_words if w not in _STOPWORDS]
    # A question made only of stopwords ("Hva nå?") is still compared on its words.
    if not content:
        content = all_words
    keys = [_match_form(w) for w in content]
    words = frozenset(keys)
    return _Profile(
        words=words,
        grams=_trigrams(keys),
        intent=_intent(all_words),
        # Kept only if they are words of the question, so a text never contradicts itself.
        anchors=_anchors(text) & words if norm else frozenset(),
    )


def _score(a: _Profile, b: _Profile) -> float:
    if not a.words or not b.words:
        return 0.0
    words = 2 * len(a.words & b.words) / (len(a.words) + len(b.words))
    grams = 2 * len(a.grams & b.grams) / (len(a.grams) + len(b.grams))
    score = _WORD_WEIGHT * words + (1 - _WORD_WEIGHT) * grams
    if a.intent and b.intent and a.intent != b.intent:
        score *= _CONTRADICTION
    # Each side names something the other does not mention at all.
    if a.anchors - b.words and b.anchors - a.words:
        score *= _CONTRADICTION
    return min(1.0, score)


def _edges(profiles: dict[int, _Profile], threshold: float) -> dict[int, list[tuple[int, float]]]:
    """All pairs scoring >= threshold, found without comparing every pair.

    A pair reaches the threshold only if its word overlap (Dice) is at least
    ``need``: for questions of n and m words, at least o = ceil(need*(n+m)/2)
    shared words. With every question's words sorted rarest first, such a pair
    must share a word among the first n-o+1 of one and the first m-o+1 of the
    other (prefix filtering). So each word is indexed with its question's
    intent, size and position, and a question looks up only its rarest words,
    only at positions that can still matter, only under compatible intents.
    Common words like "kommun" sit late in the order and rarely produce
    candidates.
    """
    need = (threshold - (1 - _WORD_WEIGHT)) / _WORD_WEIGHT

    def overlap(n: int, m: int) -> int:
        # The small epsilon only ever loosens the bound, never tightens it.
        return math.ceil(need * (n + m) / 2 - 1e-9)

    freq = Counter(w for p in profiles.values() for w in p.words)
    # word -> (intent, size) -> ids of questions holding the word, per position
    index: dict[str, dict[tuple[str | None, int], list[list[int]]]] = defaultdict(dict)
    neighbours: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for qid in sorted(profiles):
        p = profiles[qid]
        words = sorted(p.words, key=lambda w: (freq[w], w))
        n = len(words)
        candidates: set[int] = set()
        for i, w in enumerate(words[: n - overlap(n, 1) + 1]):
            for (intent, m), by_position in index.get(w, {}).items():
                if p.intent and intent and p.intent != intent:
                    continue
                o = overlap(n, m)
                if o > min(n, m) or i > n - o:
                    continue
                for ids in by_position[: m - o + 1]:
                    candidates.update(ids)
        for other in candidates:
            q = profiles[other]
            if 2 * len(p.words & q.words) < need * (n + len(q.words)) - 1e-9:
                continue
            score = _score(p, q)
            if score >= threshold:
                neighbours[qid].append((other, score))
                neighbours[other].append((qid, score))
        for position, w in enumerate(words):
            index[w].setdefault((p.intent, n), [[] for _ in range(n)])[position].append(qid)
    for qid in neighbours:
        neighbours[qid].sort()
    return neighbours
