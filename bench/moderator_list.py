"""The moderator's list over 5,000 questions: filter, sort and group near-duplicates.

Prints median and p95 (ms) of the server-side work per refresh, against a baseline from the
same run (the bare read of every question), and of a whole AppTest run of the moderator page.
Target: p95 under 100 ms for the list with filters.

    python bench/moderator_list.py [--questions 5000] [--repeat 30] [--no-apptest]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from companion import db, people, questions  # noqa: E402
from companion.clock import to_iso  # noqa: E402
from companion.event import load_event  # noqa: E402
from companion.questions import Filters  # noqa: E402

EVENT = load_event(ROOT / "data")
STARTS = ["Hvordan kan", "Hva gjør", "Hvorfor klarer ikke", "Hvilke verktøy har", "Når vil", "Kan panelet si om"]
WHO = ["fylkeskommunene", "kommunene", "departementet", "regionene", "forskerne", "næringslivet", "distriktene"]
WHAT = [
    "rekruttere unge fagfolk",
    "styrke samarbeidet på tvers",
    "bruke bærekraftsmålene",
    "beholde kompetanse",
    "finansiere omstilling",
    "utvikle samfunnsutviklerrollen",
    "dele data",
    "lære av hverandre",
    "planlegge regionalt",
]
WHERE = ["i Nordland", "i Troms", "i Viken", "i distriktene", "i byene", "fram mot 2030", "etter regionreformen", ""]


def _text(rng: random.Random, i: int) -> str:
    return f"{rng.choice(STARTS)} {rng.choice(WHO)} {rng.choice(WHAT)} {rng.choice(WHERE)} (spørsmål {i})?".replace(
        "  ", " "
    )


def build(path: Path, n: int, seed: int = 7) -> None:
    """n questions from 100 people, a realistic mix of statuses, themes and votes; bulk-inserted."""
    rng = random.Random(seed)
    start = datetime.combine(EVENT.date, datetime.min.time(), EVENT.tz).replace(hour=9)
    with db.connect(path) as conn:
        db.migrate(conn)
        with db.write_tx(conn):
            ids = [
                people.add_participant(
                    conn, name=f"Deltaker {i}", county=EVENT.counties[i % len(EVENT.counties)], now=start
                ).id
                for i in range(100)
            ]
            for i in range(n):
                text = _text(rng, i)
                conn.execute(
                    "INSERT INTO questions (participant_id, text, original_text, text_key, theme, show_name, status, "
                    "created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        ids[i % 100],
                        text,
                        text,
                        questions.text_key(text),
                        rng.choice([0, 1, 2]),
                        int(rng.random() < 0.3),
                        rng.choices(questions.STATUSES, weights=[3, 6, 1, 1])[0],
                        to_iso(start + timedelta(seconds=i * 5)),
                    ),
                )
            qids = [r[0] for r in conn.execute("SELECT id FROM questions")]
            for voter in ids:
                for qid in rng.sample(qids, 40):
                    conn.execute("INSERT OR IGNORE INTO votes VALUES (?, ?, ?)", (qid, voter, to_iso(start)))


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm caches, like a moderator page that has been open a while
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def row(name: str, samples: list[float], base: float) -> str:
    med = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[-1]
    return f"{name:<44} {med:>9.1f} {p95:>8.1f} {med / base:>9.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-apptest", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        build(path, args.questions)
        now = datetime.combine(EVENT.date, datetime.min.time(), EVENT.tz).replace(hour=15, minute=20)
        typical = Filters(statuses=("pending", "published"), sort="votes")
        combined = Filters(
            statuses=("published",),
            theme=1,
            text="kompetanse",
            min_votes=1,
            since=now.replace(hour=9, minute=30),
            until=now.replace(hour=15),
            sort="newest",
        )

        def bare():
            with db.connect(path) as conn:
                list(conn.execute("SELECT * FROM questions"))

        def view(filters):
            def run():
                with db.connect(path) as conn:
                    return questions.moderator_view(conn, filters, programme=EVENT.programme, now=now)

            return run

        sizes = {name: view(f)().total for name, f in (("typical", typical), ("combined", combined))}
        results = [("baseline: read every question row", timed(bare, args.repeat))]
        results.append((f"list+group, pending+published ({sizes['typical']})", timed(view(typical), args.repeat)))
        results.append((f"list+group, five filters combined ({sizes['combined']})", timed(view(combined), args.repeat)))
        cold = view(typical)

        def after_new_question():
            questions._clusters.cache_clear()  # what a new question in the window does
            cold()

        results.append(("  same, right after a new question (no cache)", timed(after_new_question, args.repeat)))
        results.append(("list only, no grouping (all statuses)", timed(lambda: _list_only(path), args.repeat)))
        if not args.no_apptest:
            results.append(("AppTest: whole moderator page run", _apptest(path, max(5, args.repeat // 3))))

    base = statistics.median(results[0][1])
    print(f"{args.questions} questions, {args.repeat} runs each (ms)")
    print(f"{'what':<44} {'median':>9} {'p95':>8} {'x base':>9}")
    for name, samples in results:
        print(row(name, samples, base))
    worst = max(statistics.quantiles(s, n=20)[-1] for name, s in results[1:4])
    print(f"list with filters p95 {worst:.1f} ms: {'under' if worst < 100 else 'OVER'} the 100 ms target")
    return 0


def _list_only(path: Path):
    with db.connect(path) as conn:
        return questions.list_questions(conn, Filters())


def _apptest(path: Path, repeat: int) -> list[float]:
    """The moderator page in AppTest (one thread, no browser): script run time, signed in."""
    from streamlit.testing.v1 import AppTest

    os.environ.update(
        COMPANION_DB=str(path),
        COMPANION_DATA=str(ROOT / "data"),
        COMPANION_NOW="2019-09-25T15:20",
        COMPANION_MODERATOR_PIN="135724",
        COMPANION_DESK_PIN="246813",
        COMPANION_ORGANIZER_PIN="975310",
    )
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/moderator.py")
    at.run()
    at.text_input[0].input("135724")
    at.button[0].click().run()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        at.run()
        out.append((time.perf_counter() - t0) * 1000)
    return out


if __name__ == "__main__":
    sys.exit(main())
