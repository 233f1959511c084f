"""300 phones answering the evaluation within a minute, through the real app's POST /api/evaluation.

Starts the app (`streamlit run app.py`, the clock at 16:05, the summing-up) on its own core with
a seeded database, and compares in one run:

- baseline: the same 300 answers stored one after another by the domain function, no HTTP;
- the minute: each phone sends its answer at a random moment within `--seconds` (own connection);
- the burst: every phone changes its answer at the same moment (300 requests at once).

Checks what must hold: every request answered 200, one stored answer per phone, none lost.
Prints a table (median and p95 per request, in ms) and exits 1 on any error.

    python bench/evaluation.py [--phones 300] [--seconds 60]
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from bench import scripts, serve  # noqa: E402
from companion import db, evaluation  # noqa: E402
from companion.clock import make_clock  # noqa: E402
from companion.event import load_event  # noqa: E402

NOW = "2019-09-25T16:05"
SERVER_CPU = 0


def _answers(rng: random.Random) -> dict:
    return {
        "overall": rng.randint(1, 5),
        "theme_useful": rng.randint(1, 5),
        "differently": rng.choice(["", "Mer tid i gruppene.", "Lengre lunsj, takk! " * rng.randint(1, 20)])[:500],
    }


def _post(host: str, port: int, body: dict) -> tuple[int, float, str]:
    """One phone's request on its own connection: status, seconds, and the error code if any."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            data = json.dumps(body).encode()
            conn.request("POST", "/api/evaluation", data, {"Content-Type": "application/json"})
            response = conn.getresponse()
            payload = response.read()
            status = response.status
        finally:
            conn.close()
    except OSError as exc:
        return 0, time.perf_counter() - started, type(exc).__name__
    error = "" if status == 200 else str(json.loads(payload or b"{}").get("error", status))
    return status, time.perf_counter() - started, error


def route_row(mode: str, results: list[tuple[int, float, str]], wall: float, stored: int | None) -> dict:
    """One table row for requests to a small route: (status, seconds, error code) each."""
    times = sorted(t for _, t, _ in results)
    errors: dict[str, int] = {}
    for status, _, error in results:
        if status != 200:
            errors[error] = errors.get(error, 0) + 1
    return {
        "mode": mode,
        "requests": len(results),
        "ok": sum(1 for s, _, _ in results if s == 200),
        "errors": errors,
        "stored": stored,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": statistics.quantiles(times, n=20)[-1] * 1000,
        "max_ms": times[-1] * 1000,
        "wall_s": wall,
    }


def _stored(path: Path) -> int:
    with db.connect(path) as conn:
        return evaluation.count(conn)


def baseline(phones: int, tmp: Path) -> dict:
    path = tmp / "baseline.db"
    everyone = scripts.seed(path, phones, now=NOW, questions=False)
    event = load_event(ROOT / "data")
    form = evaluation.load_form(ROOT / "data", event.programme)
    now = make_clock(event.date, event.tz, NOW).now()
    rng = random.Random(1)
    results = []
    start = time.perf_counter()
    with db.connect(path) as conn:
        for person in everyone:
            answers = _answers(rng)
            t0 = time.perf_counter()
            evaluation.submit(
                conn, form, event.programme, participant_id=person.id, theme=person.theme, answers=answers, now=now
            )
            results.append((200, time.perf_counter() - t0, ""))
    return route_row("baseline: domain, one by one", results, time.perf_counter() - start, _stored(path))


def over_the_app(phones: int, seconds: float, tmp: Path) -> list[dict]:
    path = tmp / "app.db"
    everyone = scripts.seed(path, phones, now=NOW, questions=False)
    rows = []
    with serve.serve(ROOT / "app.py", cpu=SERVER_CPU, env=scripts.app_env(path, NOW)) as srv:
        host, port = serve.HOST, srv.port
        _post(host, port, {"token": "warm-up", "answers": {}})  # the first request loads the route's modules
        rng = random.Random(2)
        plans = [(rng.uniform(0, seconds), p.token, _answers(rng)) for p in everyone]
        results: list[tuple[int, float, str]] = []
        lock = threading.Lock()
        start = time.perf_counter()

        def phone(at: float, token: str, answers: dict) -> None:
            time.sleep(max(0.0, start + at - time.perf_counter()))
            result = _post(host, port, {"token": token, "answers": answers, "nonce": f"{random.getrandbits(128):032x}"})
            with lock:
                results.append(result)

        threads = [threading.Thread(target=phone, args=plan) for plan in plans]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        rows.append(
            route_row(f"{phones} phones within {seconds:g} s", results, time.perf_counter() - start, _stored(path))
        )

        barrier = threading.Barrier(phones)

        def burst(token: str) -> tuple[int, float, str]:
            barrier.wait()
            return _post(host, port, {"token": token, "answers": _answers(random.Random(token))})

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=phones) as pool:
            burst_results = list(pool.map(burst, [p.token for p in everyone]))
        rows.append(
            route_row(f"{phones} changes at once (burst)", burst_results, time.perf_counter() - start, _stored(path))
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    if not 2 <= args.phones <= 2000 or not 0 < args.seconds <= 600:
        parser.error("--phones 2..2000, --seconds up to 600")
    with tempfile.TemporaryDirectory(prefix="evaluation-") as tmp_name:
        tmp = Path(tmp_name)
        rows = [baseline(args.phones, tmp), *over_the_app(args.phones, args.seconds, tmp)]
    base = rows[0]["median_ms"]
    print(f"{args.phones} phones; server on core {SERVER_CPU}; clock {NOW} (the summing-up)")
    print(
        f"{'mode':<34} {'requests':>8} {'ok':>5} {'stored':>6} {'errors':>6} {'median ms':>9} "
        f"{'x base':>7} {'p95 ms':>7} {'max ms':>7} {'wall s':>7}"
    )
    for r in rows:
        print(
            f"{r['mode']:<34} {r['requests']:>8} {r['ok']:>5} {r['stored']:>6} {sum(r['errors'].values()):>6} "
            f"{r['median_ms']:>9.1f} {r['median_ms'] / base:>7.1f} {r['p95_ms']:>7.1f} {r['max_ms']:>7.1f} "
            f"{r['wall_s']:>7.1f}"
        )
    failed = [r for r in rows if r["errors"] or r["ok"] != r["requests"] or r["stored"] != args.phones]
    for r in failed:
        print(f"FAILED {r['mode']}: errors {r['errors']}, stored {r['stored']} of {args.phones}")
    if not failed:
        print("OK: every phone's answer stored once, no request refused or lost")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
