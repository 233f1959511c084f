"""What the simulated phones do, and a seeded database so each has its own personal link.

Scripts are `async def script(session, budget)` for `bench.load.run_load`; each session has
already opened its first page (Nå with `?t=TOKEN`, or Spørsmål for the panel mix).

- `participant_script`: the day as a phone lives it: Nå open (its clock iframe polls
  /api/version every 10 s), a look at Min gruppe and back, now and then a question or a vote.
- `panel_script`: the panel hour, everybody on Spørsmål asking and voting. As in a browser, the
  page's iframe does the work: a vote is a POST /api/vote, a question a POST /api/ask, and the
  list follows by GET /api/questions every 5 s with the version it shows.
- `idle_script`: a phone lying on the table with Nå open: only the /api/version polling.
"""

from __future__ import annotations

import importlib.util
import json
import random
import secrets
import sys
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from bench.load import Budget, Session  # noqa: E402
from companion import db, people  # noqa: E402
from companion.event import load_event  # noqa: E402
from companion.ui.hall_page import page_config  # noqa: E402
from companion.ui.live import CLOCK_POLL_SECONDS  # noqa: E402

PANEL_NOW = "2019-09-25T15:20"  # the panel (15:15-16:00): questions are open
MORNING_NOW = "2019-09-25T08:30"  # registration opens: everybody opens their personal link
DAY_NOW = "2019-09-25T10:45"  # group work: Nå has a slot running, Min gruppe has a group
PINS = {"COMPANION_DESK_PIN": "246813", "COMPANION_MODERATOR_PIN": "135724", "COMPANION_ORGANIZER_PIN": "975310"}
POLL_SECONDS = 5  # ui/live.py POLL_SECONDS: the Spørsmål iframe's fetch interval
SEEDED_QUESTIONS = 40  # published before the run, so there is something to vote on
ASK_LIMIT = 5  # questions.RATE_LIMIT: a phone's questions per ten minutes (a run is shorter)

TOPICS = [
    "kompetanse i distriktene",
    "samarbeid mellom fylkene",
    "bolyst for unge",
    "næringsutvikling langs kysten",
    "regionale forskningsfond",
    "samferdsel og bo- og arbeidsmarked",
    "grønn omstilling",
    "kommunesammenslåing",
]

HAS_QUESTIONS = importlib.util.find_spec("companion.questions") is not None


def question_text(person: int, n: int) -> str:
    """A question nobody else asks: near-duplicate grouping must not fold them all into one."""
    rng = random.Random(person * 1000 + n)
    return (
        f"Hvordan kan fylke nr. {person} arbeide med {rng.choice(TOPICS)} "
        f"når {rng.choice(TOPICS)} er runde {n} sin utfordring? Spørsmål {person}-{n}."
    )


def seed(path: Path, n: int, *, now: str = DAY_NOW, questions: bool = True) -> list[people.Participant]:
    """A fresh database with `n` participants spread over counties and themes, in groups when
    the groups module is there, and (for the panel) some published questions to vote on."""
    event = load_event(ROOT / "data")
    at = datetime.fromisoformat(now).replace(tzinfo=event.tz)
    path.unlink(missing_ok=True)
    with db.connect(path) as conn:
        db.migrate(conn)
        with db.write_tx(conn):
            everyone = [
                people.add_participant(
                    conn,
                    name=f"Deltaker {i:03d}",
                    email=f"deltaker{i}@example.no",
                    county=event.counties[i % len(event.counties)],
                    role=("leader", "caseworker", "caseworker", "other")[i % 4],
                    theme=event.themes[i % len(event.themes)].id,
                    now=at,
                )
                for i in range(n)
            ]
        _seed_groups(conn, event, at)
        if questions and HAS_QUESTIONS:
            # A quarter of an hour earlier: outside the ten minutes the asking limit counts.
            _seed_questions(conn, event, everyone, at - timedelta(minutes=15))
    return everyone


def _seed_groups(conn, event, at: datetime) -> None:
    from companion import groups

    try:
        groups.assign_groups(conn, event, now=at, role="organizer")
    except Exception as exc:  # more people than the rooms hold: Min gruppe then says "no group yet"
        print(f"(seed: no groups for {exc})", file=sys.stderr)


def _seed_questions(conn, event, everyone, at: datetime) -> None:
    from companion import questions

    questions.set_premoderation(conn, False, now=at, role="organizer")
    for i in range(min(SEEDED_QUESTIONS, len(everyone))):
        questions.ask(
            conn,
            programme=event.programme,
            participant_id=everyone[i].id,
            text=question_text(i, 0),
            theme=0,
            now=at,
            nonce=f"seed-{i}",
        )


def app_env(db_path: Path, now: str | None) -> dict[str, str]:
    """The app's settings for a bench run: its own database, a fixed clock, no snapshot thread
    (a snapshot every 5 minutes is real work, but not per phone; bench/snapshots.py prices it).
    Streamlit sends its own static files as they are, the case the simulator is calibrated for;
    what the app's compression saves a phone is bench/cold_visit.py's table."""
    env = {
        **PINS,
        "PYTHONPATH": str(ROOT / "src"),
        "COMPANION_DB": str(db_path),
        "COMPANION_BASE_URL": "http://127.0.0.1:8501",
        "COMPANION_BACKUP_MINUTES": "0",
        "COMPANION_COMPRESS": "0",
    }
    if now:
        env["COMPANION_NOW"] = now
    return env


def personal_link(everyone: list[people.Participant]) -> Callable[[int], str]:
    """Session i opens participant i's own link (wrapping round if there are more phones)."""
    return lambda i: f"t={everyone[i % len(everyone)].token}"


# --- the scripts ----------------------------------------------------------------------------


async def idle_script(session: Session, budget: Budget) -> None:
    """Nå lies open: the browser clock ticks locally and only /api/version is fetched."""
    session.start_polling(interval_s=CLOCK_POLL_SECONDS)
    await budget.think(budget.time_left() * 2)  # sleeps to the end of the run


async def participant_script(session: Session, budget: Budget) -> None:
    """Nå open; now and then Min gruppe and back, a question or a vote, long idle spells."""
    rng = random.Random(session.query_string)
    session.start_polling(interval_s=CLOCK_POLL_SECONDS)
    asked = 0
    while await budget.think() and budget.spend():
        roll = rng.random()
        if roll < 0.35:
            await session.rerun(page="group", action="open Min gruppe")
            if await budget.think() and budget.spend():
                await session.rerun(page="", action="open Nå")
        elif roll < 0.55 and HAS_QUESTIONS:
            session.stop_polling()  # Spørsmål has no clock iframe, but its own poll
            await session.rerun(page="questions", action="open Spørsmål")
            follow_hall(session)
            if await budget.think() and budget.spend():
                if rng.random() < 0.3 and asked < ASK_LIMIT:
                    asked += 1
                    await ask(session, asked)
                else:
                    await vote(session, rng)
            session.stop_polling()
            await session.rerun(page="", action="open Nå")
            session.start_polling(interval_s=CLOCK_POLL_SECONDS)
        else:
            await session.rerun(action="rerun Nå")  # a tap on the language switch or a reload


async def panel_script(session: Session, budget: Budget) -> None:
    """The panel hour: on Spørsmål, mostly voting, one question in five actions (and no more than
    the app's limit of questions per ten minutes: a person who hit it is told so, and votes)."""
    rng = random.Random(session.query_string)
    follow_hall(session)
    asked = 0
    while await budget.think() and budget.spend():
        if rng.random() < 0.2 and asked < ASK_LIMIT:
            asked += 1
            await ask(session, asked)
        else:
            await vote(session, rng)


# --- what the Spørsmål iframe does -----------------------------------------------------------


def _token(session: Session) -> str:
    return session.query_string.partition("t=")[2].split("&")[0]


def follow_hall(session: Session) -> None:
    """Read the view the page handed its iframe, then poll GET /api/questions with the version
    shown, taking the new view when the answer is not {"same": true}."""
    frames = [
        proto.srcdoc for _, kind, proto in session.model.elements() if kind == "iframe" and 'id="cfg"' in proto.srcdoc
    ]
    session.hall = page_config(frames[0])["view"] if frames else None
    if session.hall is None:
        return

    def path() -> str:
        return f"/api/questions?t={_token(session)}&lang=nb&v={session.hall['v']}"

    def take(body: bytes) -> None:
        answer = json.loads(body)
        if not answer.get("same"):
            session.hall = answer

    session.start_polling(path, interval_s=POLL_SECONDS, on_answer=take)


async def ask(session: Session, n: int) -> None:
    """Tap "Send" in the iframe's form: a POST /api/ask; the answer brings the fresh view."""
    person = zlib.crc32(session.query_string.encode()) % 100_000
    body = {
        "token": _token(session),
        "text": question_text(person, n),
        "theme": 0,
        "show_name": False,
        "nonce": secrets.token_hex(16),
        "lang": "nb",
    }
    result = await session.post_json("/api/ask", body, action="ask")
    if result.ok and session.http is not None:
        session.hall = json.loads(session.http.last_body)["view"]


async def vote(session: Session, rng: random.Random) -> None:
    """Tap "vote" on a card in the iframe: a POST /api/vote (the iframe redraws the card itself).
    A question not yet voted for, else take a vote back; never one's own."""
    view = getattr(session, "hall", None)
    if not view:
        await session.rerun(action="rerun Spørsmål")
        return
    mine = {q["id"] for q in view["me"]["mine"]}
    voted = set(view["me"]["voted"])
    cards = [c["id"] for c in view["hall"]["list"] if c["id"] not in mine]
    if not cards:
        await session.rerun(action="rerun Spørsmål")
        return
    fresh = [qid for qid in cards if qid not in voted]
    qid = rng.choice(fresh or cards)
    wish = qid not in voted
    result = await session.post_json(
        "/api/vote", {"token": _token(session), "question_id": qid, "vote": wish, "lang": "nb"}, action="vote"
    )
    if result.ok:
        view["me"]["voted"] = sorted(voted | {qid}) if wish else sorted(voted - {qid})


SCRIPTS = {
    "idle": idle_script,
    "participant": participant_script,
    "panel": panel_script,
}
