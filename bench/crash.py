"""Kill writers and the app server with SIGKILL at random moments, then count what survived.

Writer processes call the domain functions (check-in by link, by id, undo, import, ask, vote) on one SQLite
file. Desk sessions check people in through a real `streamlit run app.py` server, as the desk
page does. Every writer appends an "ack" line to its own log, flushed and fsync'd, only after
the domain function returned (or the page showed the result): that is what a user was told.
Workers and the server are killed with SIGKILL at random moments and restarted, round after
round. Afterwards every acknowledged write must be in the database, `PRAGMA integrity_check`
must say ok, and nobody may have two active check-ins or two votes for one question.

    PYTHONPATH=src python bench/crash.py --rounds 10 --seconds 6 --workers 3 --desks 2

The test suite runs small versions: tests/unit/test_crash_safety.py (writers only) and
tests/e2e/test_crash_server.py (with the server).
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import multiprocessing.forkserver
import os
import random
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a file: make `bench.*` and `companion` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from companion import checkin, db, importing, questions
from companion.errors import QuestionError
from companion.event import load_event

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA = REPO_ROOT / "data"
DESK_PIN = "246813"
# The pages' url paths in app.py.
TICKET_PAGE = "ticket"
# Loaded once at import, so the fork server holds it and a restarted worker starts writing at once.
EVENT = load_event(DATA)


# --- the acknowledgement log ---------------------------------------------------


class AckLog:
    """One JSON line per event, on disk before the next action starts (O_APPEND + fsync)."""

    def __init__(self, path: Path | str) -> None:
        self.fd = os.open(str(path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, **record) -> None:
        os.write(self.fd, (json.dumps(record, sort_keys=True) + "\n").encode())
        os.fsync(self.fd)

    def close(self) -> None:
        os.close(self.fd)


def read_logs(folder: Path) -> list[dict]:
    """Every complete line of every log; a line cut by SIGKILL mid-write is not a record."""
    records = []
    for path in sorted(folder.glob("*.log")):
        for line in path.read_text().splitlines():
            with contextlib.suppress(ValueError):
                records.append(json.loads(line))
    return records


# --- preparing a database ------------------------------------------------------


def prepare(db_path: Path) -> int:
    """A fresh database with the demo participants. Returns how many there are."""
    event = EVENT
    with db.connect(db_path) as conn:
        db.migrate(conn)
        data = (DATA / "participants_demo.csv").read_bytes()
        now = datetime.now(event.tz)
        importing.import_participants(conn, data, "participants_demo.csv", event=event, now=now)
        # Questions open whatever the clock says, and published at once, so they can be voted for.
        questions.set_override(conn, "open", now=now, role="organizer")
        questions.set_premoderation(conn, False, now=now, role="organizer")
        return db.scalar(conn, "SELECT count(*) FROM participants")


def _people(db_path: Path) -> list[dict]:
    with db.connect(db_path) as conn:
        return list(conn.query("SELECT id, token, code FROM participants WHERE deleted_at IS NULL ORDER BY id"))


# --- one writer process --------------------------------------------------------


def run_worker(db_path: Path, log_path: Path, seed: int, everyone: list[dict]) -> None:
    """Write for ever (until killed): check-ins, repeats, undos, imports, questions and votes, each
    acknowledged after it returned. A clean refusal (a question error) is logged as such: nothing was written."""
    rng = random.Random(seed)
    event = EVENT
    log = AckLog(log_path)
    desk = f"worker {seed}"
    step = 0
    last_nonce = None
    while True:
        step += 1
        now = datetime.now(event.tz)
        person = rng.choice(everyone)
        kind = rng.choices(
            ("checkin", "repeat", "by_id", "undo", "import", "ask", "vote"), weights=(5, 1, 2, 3, 1, 3, 5)
        )[0]
        if kind == "repeat" and last_nonce is None:
            kind = "checkin"
        nonce = last_nonce if kind == "repeat" else f"w{seed}-{step}"
        log.write(phase="attempt", op=kind, worker=seed, step=step)
        with db.connect(db_path) as conn:
            if kind in ("ask", "vote"):
                try:
                    _question_or_vote(conn, log, kind, rng, person, nonce, now, step)
                except QuestionError as exc:
                    log.write(phase="noop", op=kind, code=exc.code, worker=seed, step=step)
            elif kind in ("checkin", "repeat"):
                raw = rng.choice((person["token"], person["code"], f"http://testserver/?t={person['token']}"))
                result = checkin.check_in(conn, raw, now=now, desk=desk, nonce=nonce, method="scanner")
                last_nonce = nonce
                log.write(phase="ack", op="checkin", nonce=nonce, pid=result.participant.id, result=result.code)
            elif kind == "by_id":
                result = checkin.check_in_person(conn, person["id"], now=now, desk=desk, nonce=nonce)
                log.write(phase="ack", op="checkin", nonce=nonce, pid=person["id"], result=result.code)
            elif kind == "undo":
                # A unique desk name per undo, so its row can be found again exactly.
                undo_desk = f"{desk} undo {step}"
                try:
                    checkin.undo_check_in(conn, person["id"], now=now, desk=undo_desk)
                except checkin.CheckInError:
                    log.write(phase="noop", op="undo", worker=seed, step=step)  # nothing was written
                else:
                    log.write(phase="ack", op="undo", pid=person["id"], desk=undo_desk)
            else:
                emails = [f"w{seed}-{step}-{i}@crash.test" for i in range(2)]
                body = "navn;e-post;fylkeskommune\n" + "".join(f"Crash {e};{e};Viken\n" for e in emails)
                importing.import_participants(conn, body.encode(), "crash.csv", event=event, now=now, desk=desk)
                log.write(phase="ack", op="import", emails=emails)


def _question_or_vote(
    conn, log: AckLog, kind: str, rng: random.Random, person: dict, nonce: str, now: datetime, step: int
) -> None:
    if kind == "ask":
        # Each question at its own moment of a long stretch of days: the limit of five questions
        # per person per ten minutes would otherwise refuse nearly all of them.
        asked_at = now + timedelta(minutes=rng.randrange(1_000_000))
        text = f"Spørsmål {nonce}: hva betyr {rng.choice(('regionreformen', 'bærekraft', 'samskaping'))} for oss?"
        result = questions.ask(
            conn, programme=EVENT.programme, participant_id=person["id"], text=text, now=asked_at, nonce=nonce
        )
        log.write(phase="ack", op="ask", qid=result.question.id, nonce=nonce, pid=person["id"])
        return
    qid = db.scalar(
        conn,
        "SELECT id FROM questions WHERE status = 'published' AND participant_id != ? ORDER BY random() LIMIT 1",
        (person["id"],),
    )
    if qid is None:
        raise QuestionError("question_not_found")
    questions.set_vote(conn, question_id=qid, participant_id=person["id"], vote=True, now=now)
    if rng.random() < 0.2:  # a double tap
        questions.set_vote(conn, question_id=qid, participant_id=person["id"], vote=True, now=now)
    log.write(phase="ack", op="vote", qid=qid, pid=person["id"])


def _workers_context():
    """Workers are forked from a single-threaded fork server that has already imported this module,
    so a restarted worker writes within milliseconds instead of paying a second of imports."""
    # The fork server is a fresh interpreter that (in Python 3.11) ignores our sys.path: give it the path.
    paths = [str(REPO_ROOT / "src"), str(REPO_ROOT)]
    current = os.environ.get("PYTHONPATH", "").split(os.pathsep)
    os.environ["PYTHONPATH"] = os.pathsep.join(paths + [p for p in current if p and p not in paths])
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["bench.crash"])
    return context


def start_worker(db_path: Path, log_dir: Path, seed: int, everyone: list[dict]):
    proc = _workers_context().Process(
        target=run_worker, args=(db_path, log_dir / f"worker-{seed}.log", seed, everyone), daemon=True
    )
    proc.start()
    return proc


def kill(proc) -> None:
    """SIGKILL, then reap. A worker (multiprocessing) by its pid; the server by its own process group."""
    if isinstance(proc, subprocess.Popen):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    else:
        proc.kill()
        proc.join(10)


# --- the app server and its desk sessions ----------------------------------------


def start_server(db_path: Path, port: int | None = None):
    """`streamlit run app.py` on a loopback port, on this database; returns bench.serve's Server."""
    from bench.serve import DEFAULT_OPTIONS, Server, _wait_healthy, free_port

    port = port or free_port()
    options = {**DEFAULT_OPTIONS, "server.port": str(port)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py")]
    for key, value in options.items():
        cmd += [f"--{key}", value]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), str(REPO_ROOT)]),
        "COMPANION_DB": str(db_path),
        "COMPANION_DATA": str(DATA),
        "COMPANION_BASE_URL": "http://testserver",
        "COMPANION_DESK_PIN": DESK_PIN,
        "COMPANION_MODERATOR_PIN": "135724",
        "COMPANION_ORGANIZER_PIN": "975310",
        "COMPANION_BACKUP_MINUTES": "0",
    }
    log_path = db_path.parent / f"server-{port}.log"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(proc=proc, port=port, log_path=log_path)
    try:
        _wait_healthy(server, 60)
    except BaseException:
        kill(proc)
        raise
    return server


def desk_cookie(db_path: Path) -> str:
    """The trusted-device cookie a desk laptop gets when it signs in with the PIN (auth.grant, then
    auth.redeem, as POST /api/staff/device does), made from the database's own secret."""
    from datetime import UTC

    from companion import auth
    from companion.config import load_settings

    settings = load_settings({"COMPANION_DESK_PIN": DESK_PIN})
    now = datetime.now(UTC)
    with db.connect(db_path) as conn:
        db.migrate(conn)
        cookie = auth.redeem(conn, settings, auth.grant(conn, settings, "desk", now=now), now=now)
    assert cookie is not None
    return cookie


def _post_scan(url: str, cookie: str, raw: str, nonce: str) -> dict:
    from companion.auth import COOKIE_NAME

    body = json.dumps({"text": raw, "nonce": nonce, "method": "scanner", "lang": "nb"}).encode()
    request = urllib.request.Request(
        f"{url}/api/desk/scan",
        data=body,
        headers={"Content-Type": "application/json", "Cookie": f"{COOKIE_NAME}={cookie}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=15) as answer:
        return json.loads(answer.read())


async def desk_session(
    url: str, cookie: str, log: AckLog, everyone: list[dict], seed: int, stop: threading.Event
) -> None:
    """One desk laptop, signed in (its device cookie): scan links through the desk's scan route, as
    its scanner frame does, until the server dies or time is up.

    Each scan carries a unique extra query parameter, which the scans table keeps in `raw`, so an
    acknowledged check-in can be found again exactly."""
    rng = random.Random(seed)
    step = 0
    try:
        while not stop.is_set():
            step += 1
            person = rng.choice(everyone)
            raw = f"http://testserver/?t={person['token']}&scan=d{seed}-{step}"
            log.write(phase="attempt", op="server_checkin", desk=seed, step=step)
            answer = await asyncio.to_thread(_post_scan, url, cookie, raw, f"d{seed}-{step}-{rng.randrange(10**9)}")
            if answer.get("colour") in ("green", "orange"):
                log.write(phase="ack", op="server_checkin", raw=raw, pid=person["id"])
    except (TimeoutError, OSError, ValueError):
        pass  # the server was killed under us: what was acknowledged before is what counts


async def phone_session(url: str, person: dict, stop: threading.Event) -> None:
    """A participant's phone on Min billett, reloading now and then: reads beside the desks' writes."""
    from bench.load import Session, SessionClosed

    session = Session(timeout_s=15, auto_rerun=False)
    try:
        await session.connect(url, f"t={person['token']}", page=TICKET_PAGE)
        while not stop.is_set():
            await asyncio.sleep(0.3)
            await session.rerun(action="reload")
    except (TimeoutError, SessionClosed, OSError):
        pass
    finally:
        await session.close()


def run_desks(
    url: str,
    cookie: str,
    log_dir: Path,
    everyone: list[dict],
    n: int,
    seed: int,
    stop: threading.Event,
    phones: int = 0,
) -> threading.Thread:
    """Desk (and phone) sessions on their own thread and event loop (the caller keeps killing things meanwhile)."""

    async def all_desks() -> None:
        logs = [AckLog(log_dir / f"desk-{seed}-{i}.log") for i in range(n)]
        rng = random.Random(seed)
        try:
            await asyncio.gather(
                *(desk_session(url, cookie, logs[i], everyone, seed * 100 + i, stop) for i in range(n)),
                *(phone_session(url, rng.choice(everyone), stop) for _ in range(phones)),
            )
        finally:
            for log in logs:
                log.close()

    thread = threading.Thread(target=asyncio.run, args=(all_desks(),), daemon=True)
    thread.start()
    return thread


# --- checking what survived -------------------------------------------------------


@dataclass
class Tally:
    attempted: int = 0
    acknowledged: int = 0
    found: int = 0
    lost: list[dict] = field(default_factory=list)
    by_op: Counter = field(default_factory=Counter)
    integrity: str = ""
    doubled_checkins: int = 0
    doubled_votes: int = 0
    unlogged_checkins: int = 0
    worker_kills: int = 0  # all SIGKILLs, the end-of-round stop included
    server_kills: int = 0
    # Per round, (workers, servers) killed at a random moment while the round ran, not at its end.
    kills_by_round: list[tuple[int, int]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return (
            not self.lost
            and self.integrity == "ok"
            and not (self.doubled_checkins or self.doubled_votes or self.unlogged_checkins)
        )


def _present(conn, record: dict) -> bool:
    op = record["op"]
    if op == "checkin":
        return (
            db.scalar(
                conn,
                "SELECT count(*) FROM scans WHERE nonce = ? AND participant_id = ?",
                (record["nonce"], record["pid"]),
            )
            == 1
        )
    if op == "server_checkin":
        return bool(
            db.scalar(
                conn,
                "SELECT count(*) FROM scans WHERE raw = ? AND participant_id = ? AND result IN ('checked_in', "
                "'already_checked_in')",
                (record["raw"], record["pid"]),
            )
        )
    if op == "undo":
        return bool(
            db.scalar(
                conn,
                "SELECT count(*) FROM checkins WHERE participant_id = ? AND undone_by = ?",
                (record["pid"], record["desk"]),
            )
        )
        # (and its audit row: checked below in the same way)
    if op == "ask":
        return (
            db.scalar(
                conn,
                "SELECT count(*) FROM questions WHERE id = ? AND nonce = ? AND participant_id = ?",
                (record["qid"], record["nonce"], record["pid"]),
            )
            == 1
        )
    if op == "vote":
        return (
            db.scalar(
                conn,
                "SELECT count(*) FROM votes WHERE question_id = ? AND participant_id = ?",
                (record["qid"], record["pid"]),
            )
            == 1
        )
    if op == "import":
        placeholders = ",".join("?" * len(record["emails"]))
        return db.scalar(
            conn, f"SELECT count(*) FROM participants WHERE email IN ({placeholders})", record["emails"]
        ) == len(record["emails"])
    raise ValueError(op)


def _ack_count(log_dir: Path) -> int:
    return sum(1 for r in read_logs(log_dir) if r.get("phase") == "ack")


def verify(db_path: Path, log_dir: Path) -> Tally:
    """Open the database as a restarted app would, and compare it with every acknowledgement."""
    tally = Tally()
    records = read_logs(log_dir)
    with db.connect(db_path) as conn:
        tally.integrity = db.scalar(conn, "PRAGMA integrity_check")
        for record in records:
            if record.get("phase") == "attempt":
                tally.attempted += 1
                continue
            if record.get("phase") == "noop":  # a clean refusal, or an undo with nothing to undo: nothing written
                tally.attempted -= 1
                continue
            tally.acknowledged += 1
            tally.by_op[record["op"]] += 1
            present = _present(conn, record)
            if present and record["op"] == "undo":
                present = bool(
                    db.scalar(
                        conn, "SELECT count(*) FROM audit WHERE action = 'checkin.undo' AND desk = ?", (record["desk"],)
                    )
                )
            if present:
                tally.found += 1
            else:
                tally.lost.append(record)
        tally.doubled_checkins = db.scalar(
            conn,
            "SELECT count(*) FROM (SELECT participant_id FROM checkins WHERE undone_at IS NULL GROUP BY participant_id "
            "HAVING count(*) > 1)",
        )
        tally.doubled_votes = db.scalar(
            conn, "SELECT count(*) FROM (SELECT 1 FROM votes GROUP BY question_id, participant_id HAVING count(*) > 1)"
        )
        # Every check-in row was made together with its scan: as many 'checked_in' scans as check-ins, per person.
        tally.unlogged_checkins = db.scalar(
            conn,
            """SELECT count(*) FROM (
                 SELECT c.participant_id, count(*) AS n FROM checkins c GROUP BY c.participant_id
               ) c LEFT JOIN (
                 SELECT participant_id, count(*) AS n FROM scans WHERE result = 'checked_in' GROUP BY participant_id
               ) s ON s.participant_id = c.participant_id
               WHERE s.n IS NULL OR s.n != c.n""",
        )
    return tally


# --- the rounds --------------------------------------------------------------------


def crash_rounds(
    db_path: Path,
    log_dir: Path,
    *,
    rounds: int,
    seconds: float,
    workers: int,
    desks: int = 0,
    phones: int = 0,
    seed: int = 1,
    min_acks: int = 0,
    on_round=None,
) -> Tally:
    """Run `rounds` rounds of writers (and a server with desk sessions if desks > 0), killing
    everything with SIGKILL at random moments; verify after each round and at the end. A round
    lasts `seconds`, or longer (up to eleven times) until it has `min_acks` acknowledged writes."""
    rng = random.Random(seed)
    log_dir.mkdir(parents=True, exist_ok=True)
    everyone = _people(db_path)
    _workers_context()
    multiprocessing.forkserver.ensure_running()  # its imports, once, before the clock starts
    worker_kills = server_kills = 0
    kills_by_round = []
    next_seed = seed * 1000
    for round_no in range(rounds):
        server = desk_thread = None
        stop = threading.Event()
        procs: list = []
        random_worker_kills = random_server_kills = 0
        try:
            if desks:
                server = start_server(db_path)
                desk_thread = run_desks(
                    server.url, desk_cookie(db_path), log_dir, everyone, desks, next_seed, stop, phones
                )
            for _ in range(workers):
                next_seed += 1
                procs.append(start_worker(db_path, log_dir, next_seed, everyone))
            end = time.monotonic() + seconds
            # The server dies at a random moment in the round; workers die and come back all the time.
            server_dies = time.monotonic() + rng.uniform(0.3, 1.0) * seconds
            acks_before = _ack_count(log_dir) if min_acks else 0
            while time.monotonic() < end or (
                # On a busy machine, go on until the round has done some work (within a bound).
                min_acks and _ack_count(log_dir) - acks_before < min_acks and time.monotonic() < end + 10 * seconds
            ):
                time.sleep(rng.uniform(0.1, 0.8))
                if server and time.monotonic() >= server_dies:
                    kill(server.proc)
                    server_kills += 1
                    random_server_kills += 1
                    server = None
                victim = rng.randrange(len(procs))
                kill(procs[victim])
                worker_kills += 1
                random_worker_kills += 1
                next_seed += 1
                procs[victim] = start_worker(db_path, log_dir, next_seed, everyone)
        finally:
            stop.set()
            for proc in procs:
                kill(proc)
            worker_kills += len(procs)
            if server:
                kill(server.proc)
                server_kills += 1
            if desk_thread:
                desk_thread.join(30)
            kills_by_round.append((random_worker_kills, random_server_kills))
        if on_round:
            on_round(round_no, verify(db_path, log_dir))
    tally = verify(db_path, log_dir)
    tally.worker_kills, tally.server_kills = worker_kills, server_kills
    tally.kills_by_round = kills_by_round
    return tally


def _report(tally: Tally, wall_s: float) -> str:
    lines = [
        "| what | count |",
        "| --- | --- |",
        f"| writes attempted | {tally.attempted} |",
        f"| acknowledged | {tally.acknowledged} |",
        f"| found after restart | {tally.found} |",
        f"| lost | {len(tally.lost)} |",
        f"| workers killed (SIGKILL) | {tally.worker_kills} |",
        f"| app servers killed (SIGKILL) | {tally.server_kills} |",
        f"| integrity_check | {tally.integrity} |",
        f"| people with two active check-ins | {tally.doubled_checkins} |",
        f"| check-ins without their scan | {tally.unlogged_checkins} |",
        f"| doubled votes | {tally.doubled_votes} |",
        "",
        "acknowledged by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(tally.by_op.items())),
        f"wall time: {wall_s:.1f} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--seconds", type=float, default=6.0, help="length of one round")
    ap.add_argument("--workers", type=int, default=3, help="writer processes at once")
    ap.add_argument("--desks", type=int, default=2, help="desk sessions on the app server (0: no server)")
    ap.add_argument("--phones", type=int, default=10, help="participant sessions reloading Min billett meanwhile")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dir", type=Path, default=None, help="keep the database and logs here")
    args = ap.parse_args(argv)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="crash-") as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db_path = folder / "companion.db"
        prepare(db_path)
        started = time.monotonic()

        def progress(round_no: int, tally: Tally) -> None:
            print(
                f"round {round_no + 1}/{args.rounds}: acknowledged {tally.acknowledged}, lost {len(tally.lost)}, "
                f"integrity {tally.integrity}",
                flush=True,
            )

        # Through the module, not __main__: the fork server imports workers' code by module name.
        from bench.crash import crash_rounds

        tally = crash_rounds(
            db_path,
            folder / "logs",
            rounds=args.rounds,
            seconds=args.seconds,
            workers=args.workers,
            desks=args.desks,
            phones=args.phones if args.desks else 0,
            seed=args.seed,
            on_round=progress,
        )
        print(_report(tally, time.monotonic() - started))
        for record in tally.lost[:10]:
            print("LOST", record)
        if args.desks and not tally.by_op["server_checkin"]:
            print("no desk session checked anyone in through the server: see the server log in", folder)
            return 1
    return 0 if tally.ok else 1


if __name__ == "__main__":
    sys.exit(main())
