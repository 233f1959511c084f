"""300 phones answering a live poll within 30 s, through the real app's POST /api/poll, against the
bare Streamlit page (bench/bare_page.py) opened by 300 phones within the same 30 s, in one run.

Both servers are started the same way (`streamlit run`, pinned to one core, bench/serve.py), one
after the other:

- bare: each phone opens the bare page (a websocket and one script run) at a random moment;
- poll: each phone sends its answer at a random moment, on its own connection, as Nå's iframe does;
- burst: every phone changes its answer at the same moment (300 requests at once).

Checks what must hold: every request answered 200, one stored answer per phone, and the poll's
p95 no worse than the bare page's. Prints a table (median and p95 per request, in ms); exits 1 on
any error or a worse p95.

    python bench/polls.py [--phones 300] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench import scripts, serve  # noqa: E402
from bench.evaluation import route_row  # noqa: E402
from bench.load import Session  # noqa: E402
from companion import db, polls  # noqa: E402
from companion.clock import make_clock  # noqa: E402
from companion.event import load_event  # noqa: E402

NOW = "2019-09-25T16:05"
SERVER_CPU = 0
CHOICES = ("Utdanning i fylket", "Rekruttering utenfra", "Etter- og videreutdanning", "Vet ikke")
Result = tuple[int, float, str]  # status, seconds, error code


def bare(phones: int, seconds: float) -> dict:
    """The bare Streamlit page, opened by every phone at a random moment within `seconds`."""
    rng = random.Random(1)
    plans = sorted(rng.uniform(0, seconds) for _ in range(phones))

    async def run(url: str) -> list[Result]:
        first = Session()
        try:
            await first.connect(url)  # the first run imports Streamlit's page modules
        finally:
            await first.close()
        start = time.perf_counter()

        async def phone(at: float) -> Result:
            await asyncio.sleep(max(0.0, start + at - time.perf_counter()))
            session = Session(timeout_s=30)
            began = time.perf_counter()
            try:
                result = await session.connect(url)
            except OSError as exc:
                return 0, time.perf_counter() - began, type(exc).__name__
            finally:
                await session.close()
            return (200 if result.ok else 0), result.latency_s, "" if result.ok else result.status

        return list(await asyncio.gather(*(phone(at) for at in plans)))

    with serve.serve(ROOT / "bench" / "bare_page.py", cpu=SERVER_CPU) as srv:
        start = time.perf_counter()
        results = asyncio.run(run(srv.url))
    return route_row(f"bare page: {phones} phones in {seconds:g} s", results, time.perf_counter() - start, None)


def _post(host: str, port: int, body: dict) -> Result:
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request("POST", "/api/poll", json.dumps(body).encode(), {"Content-Type": "application/json"})
            response = conn.getresponse()
            payload, status = response.read(), response.status
        finally:
            conn.close()
    except OSError as exc:
        return 0, time.perf_counter() - started, type(exc).__name__
    error = "" if status == 200 else str(json.loads(payload or b"{}").get("error", status))
    return status, time.perf_counter() - started, error


def _seed(path: Path, phones: int) -> tuple[list, int]:
    everyone = scripts.seed(path, phones, now=NOW, questions=False)
    event = load_event(ROOT / "data")
    now = make_clock(event.date, event.tz, NOW).now()
    with db.connect(path) as conn:
        poll = polls.create(
            conn, polls.PollSpec("single", "Hvor finner fylket kompetansen?", "", CHOICES), now=now, role="o"
        )
        polls.set_state(conn, poll.id, "open", now=now, role="organizer")
    return everyone, poll.id


def _stored(path: Path, poll_id: int) -> int:
    with db.connect(path) as conn:
        return int(db.scalar(conn, "SELECT count(*) FROM poll_answers WHERE poll_id = ?", (poll_id,)))


def over_the_app(phones: int, seconds: float, tmp: Path) -> list[dict]:
    path = tmp / "app.db"
    everyone, poll_id = _seed(path, phones)
    rows = []
    with serve.serve(ROOT / "app.py", cpu=SERVER_CPU, env=scripts.app_env(path, NOW)) as srv:
        host, port = serve.HOST, srv.port
        _post(host, port, {"token": "warm-up", "poll_id": poll_id, "answer": [0]})  # loads the route's modules
        rng = random.Random(2)
        plans = [(rng.uniform(0, seconds), p.token, [rng.randrange(len(CHOICES))]) for p in everyone]
        results: list[Result] = []
        lock = threading.Lock()
        start = time.perf_counter()

        def phone(at: float, token: str, answer: list[int]) -> None:
            time.sleep(max(0.0, start + at - time.perf_counter()))
            result = _post(host, port, {"token": token, "poll_id": poll_id, "answer": answer})
            with lock:
                results.append(result)

        threads = [threading.Thread(target=phone, args=plan) for plan in plans]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - start
        rows.append(route_row(f"poll: {phones} phones in {seconds:g} s", results, wall, _stored(path, poll_id)))

        barrier = threading.Barrier(phones)

        def burst(token: str) -> Result:
            barrier.wait()
            return _post(host, port, {"token": token, "poll_id": poll_id, "answer": [0]})

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=phones) as pool:
            burst_results = list(pool.map(burst, [p.token for p in everyone]))
        wall = time.perf_counter() - start
        rows.append(route_row(f"poll: {phones} changes at once", burst_results, wall, _stored(path, poll_id)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    if not 2 <= args.phones <= 2000 or not 0 < args.seconds <= 600:
        parser.error("--phones 2..2000, --seconds up to 600")
    with tempfile.TemporaryDirectory(prefix="polls-") as tmp_name:
        rows = [bare(args.phones, args.seconds), *over_the_app(args.phones, args.seconds, Path(tmp_name))]
    print(f"{args.phones} phones; each server alone on core {SERVER_CPU}; clock {NOW}")
    print(
        f"| {'mode':<34} | requests | ok | stored | errors | median ms | p95 ms | max ms | wall s |\n"
        f"| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for r in rows:
        stored = "" if r["stored"] is None else r["stored"]
        print(
            f"| {r['mode']:<34} | {r['requests']} | {r['ok']} | {stored} | {sum(r['errors'].values())} | "
            f"{r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} | {r['wall_s']:.1f} |"
        )
    base, spread = rows[0], rows[1]
    failed = [r for r in rows if r["errors"] or r["ok"] != r["requests"]]
    failed += [r for r in rows[1:] if r["stored"] != args.phones]
    for r in failed:
        print(f"FAILED {r['mode']}: errors {r['errors']}, stored {r['stored']} of {args.phones}")
    worse = spread["p95_ms"] > base["p95_ms"]
    ratio = spread["p95_ms"] / base["p95_ms"]
    print(f"p95: poll {spread['p95_ms']:.1f} ms, bare page {base['p95_ms']:.1f} ms ({ratio:.2f}x)")
    if worse:
        print("FAILED: the poll's p95 is worse than the bare page's")
    if not failed and not worse:
        print("OK: every phone's answer stored once, none refused, p95 no worse than the bare page")
    return 1 if failed or worse else 0


if __name__ == "__main__":
    sys.exit(main())
