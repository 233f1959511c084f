"""`make bench`: can one small server carry the day? Our app against bare Streamlit, in one run.

    python bench/run_all.py                # calibration, morning peak, comparison, idle, other benches
    python bench/run_all.py --soak         # also the 10-minute memory soak (make soak)
    python bench/run_all.py --sizes 100 --block-seconds 15 --no-others   # a quick look

First, 20 real Chromium phones against 20 simulated ones (bench/calibrate.py), so every table after
it is known to be honest; then the morning peak (100 phones within 2 minutes, 500 within 60 s, cold
cache, with and without the static files; `--base-url` points it at a running front instead), and
the same peaks through deploy/Caddyfile in front of one app process per core, with Caddy passing
the static files to the app and serving them itself (`--no-caddy-peak` skips it).

Method: the server is pinned to core 0 and this client to core 1. For every N the bare page
(bench/bare_page.py: a title and a 20-row table) and the app run in A-B-B-A blocks, each on a
fresh server and port with the same settings, and the table shows p95 latency per interaction
and server CPU-ms per interaction (from /proc: robust to other work on the machine) for both,
and their ratio. Only 127.0.0.1 is contacted; every server started here is stopped again.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

import streamlit  # noqa: E402

from bench import calibrate, scripts, serve  # noqa: E402
from bench.load import (  # noqa: E402
    POLL_ACTION,
    Browser,
    LoadResult,
    ServerCost,
    Session,
    bare_script,
    measure_load,
    percentile,
    run_load,
)

LOAD_ACTION = "load"  # Session.connect's first run
BARE_PAGE = ROOT / "bench" / "bare_page.py"
APP = ROOT / "app.py"
SERVER_CPU, CLIENT_CPU = 0, 1
OTHER_BENCHES = [
    ("Group assignment, 1,000 people", ["bench/bench_groups.py"]),
    ("Photo to check-in", ["bench/bench_checkin.py", "--photos", "60"]),
    ("The desk's live camera: badge in view to banner", ["bench/desk_scan.py", "--people", "20"]),
    ("Snapshots and restore", ["bench/snapshots.py", "--rounds", "15"]),
    ("Votes from many threads and processes", ["bench/votes.py"]),
    ("The evaluation: 300 phones answering within a minute", ["bench/evaluation.py"]),
    ("A live poll: 300 phones answering within 30 s, against the bare page", ["bench/polls.py"]),
    ("Moderator list over 5,000 questions", ["bench/moderator_list.py", "--repeat", "15"]),
    ("A cold first visit at 2 s / 50 kbit/s", ["bench/cold_visit.py"]),
]


def pin_client() -> bool:
    """This process (the load client) on core 1, away from the server on core 0."""
    if len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {CLIENT_CPU})
        return True
    return False


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.machine(),
    )
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} cores ({model}), Python {platform.python_version()}, Streamlit {streamlit.__version__}, "
        f"load average at start {load[0]:.2f}"
    )


# --- one block: a fresh server, N sessions, one script ----------------------------------------


@dataclass
class Side:
    """All blocks of one side (bare or app) at one N, pooled."""

    latencies: list[float] = field(default_factory=list)  # interactions after the first load, seconds
    loads: list[float] = field(default_factory=list)  # each phone's first page load, seconds
    by_action: dict[str, list[float]] = field(default_factory=dict)
    completed: int = 0
    cpu_s: float = 0.0
    wall_s: float = 0.0
    wait_s: float = 0.0
    client_cpu_s: float = 0.0
    errors: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)

    def add(self, result: LoadResult, cost: ServerCost) -> None:
        for action, values in result.latencies.items():
            self.by_action.setdefault(action, []).extend(values)
            # The first page load of each phone happens once, during the ramp: it is reported on
            # its own (load_p), not mixed into the per-interaction p95 the comparison is about.
            if action == LOAD_ACTION:
                self.loads.extend(values)
            elif action != POLL_ACTION:
                self.latencies.extend(values)
        self.completed += result.completed
        self.cpu_s += cost.cpu_s
        self.wall_s += cost.wall_s
        self.wait_s += cost.cpu_wait_s
        self.client_cpu_s += result.client_cpu_s
        for kind, n in result.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + n
        for kind, text in result.examples.items():
            self.examples.setdefault(kind, text)

    def p(self, q: float) -> float:
        return 1000 * percentile(sorted(self.latencies), q)

    def load_p(self, q: float) -> float:
        return 1000 * percentile(sorted(self.loads), q)

    @property
    def cpu_ms(self) -> float:
        return 1000 * self.cpu_s / self.completed if self.completed else float("nan")

    @property
    def n_errors(self) -> int:
        return sum(self.errors.values())


def run_block(kind: str, n: int, args: argparse.Namespace, tmp: Path) -> tuple[LoadResult, ServerCost]:
    common = dict(
        n_sessions=n, duration_s=args.block_seconds, ramp_s=args.ramp, think_s=args.think, timeout_s=args.timeout
    )
    if kind == "bare":
        with serve.serve(BARE_PAGE, cpu=SERVER_CPU) as srv:
            return asyncio.run(measure_load(srv.url, srv.pid, script=bare_script, **common))
    db_path = tmp / f"app-{n}.db"
    everyone = scripts.seed(db_path, n, now=args.app_now)
    mix = scripts.panel_script if scripts.HAS_QUESTIONS else scripts.participant_script
    page = "questions" if scripts.HAS_QUESTIONS else ""
    with serve.serve(APP, cpu=SERVER_CPU, env=scripts.app_env(db_path, args.app_now)) as srv:
        return asyncio.run(
            measure_load(
                srv.url, srv.pid, script=mix, query_string=scripts.personal_link(everyone), page=page, **common
            )
        )


def comparison(args: argparse.Namespace, tmp: Path) -> list[tuple[int, Side, Side]]:
    rows = []
    for n in args.sizes:
        sides = {"bare": Side(), "app": Side()}
        for letter in args.blocks:
            kind = "bare" if letter == "A" else "app"
            started = time.monotonic()
            result, cost = run_block(kind, n, args, tmp)
            sides[kind].add(result, cost)
            print(
                f"  N={n} {kind:<4} block: {result.completed} runs, {sum(result.errors.values())} errors, "
                f"{100 * cost.cpu_s / cost.wall_s:.0f}% of core 0, server waited {cost.cpu_wait_s:.1f} s, "
                f"client {100 * result.client_cpu_s / result.wall_s:.0f}% of core 1 "
                f"({time.monotonic() - started:.0f} s)",
                flush=True,
            )
        rows.append((n, sides["bare"], sides["app"]))
    return rows


def comparison_table(rows: list[tuple[int, Side, Side]], mix: str) -> str:
    lines = [
        "| N | p95 bare ms | p95 app ms | p95 ratio | CPU-ms/interaction bare | app | CPU ratio | runs bare / app | "
        "errors bare / app | first load p95 bare / app ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, bare, app in rows:
        lines.append(
            f"| {n} | {bare.p(95):.0f} | {app.p(95):.0f} | {app.p(95) / bare.p(95):.2f}x | {bare.cpu_ms:.1f} | "
            f"{app.cpu_ms:.1f} | {app.cpu_ms / bare.cpu_ms:.2f}x | {bare.completed} / {app.completed} | "
            f"{bare.n_errors} / {app.n_errors} | {bare.load_p(95):.0f} / {app.load_p(95):.0f} |"
        )
    lines.append(
        f"\nApp mix: {mix}. Bare page: a rerun after every think pause. p95 is over interactions after "
        "each phone's first page load (that load is the last column); CPU-ms divides the server's "
        "whole CPU, loads included, by all runs, loads included."
    )
    return "\n".join(lines)


def where_time_goes(rows: list[tuple[int, Side, Side]]) -> str:
    lines = ["| N | side | action | n | p50 ms | p95 ms | p99 ms |", "|---:|---|---|---:|---:|---:|---:|"]
    for n, bare, app in rows:
        for name, side in (("bare", bare), ("app", app)):
            for action, values in sorted(side.by_action.items()):
                xs = sorted(1000 * v for v in values)
                lines.append(
                    f"| {n} | {name} | {action} | {len(xs)} | {percentile(xs, 50):.0f} | {percentile(xs, 95):.0f} | "
                    f"{percentile(xs, 99):.0f} |"
                )
    busy = [
        f"N={n} {name}: server waited {side.wait_s:.1f} s for its core in {side.wall_s:.0f} s, "
        f"used {100 * side.cpu_s / max(side.wall_s, 1e-9):.0f}% of it; client used "
        f"{100 * side.client_cpu_s / max(side.wall_s, 1e-9):.0f}% of core 1"
        for n, bare, app in rows
        for name, side in (("bare", bare), ("app", app))
    ]
    errors = [
        f"N={n} {name}: {kind} x{count}, e.g. {side.examples.get(kind, '')[:140]!r}"
        for n, bare, app in rows
        for name, side in (("bare", bare), ("app", app))
        for kind, count in side.errors.items()
    ]
    return "\n".join(lines + [""] + busy + (["", "Errors:"] + errors if errors else []))


# --- idle phones -------------------------------------------------------------------------------


async def _idle(url: str, pid: int, tokens: list[str], seconds: float, settle_s: float, poll_s: float) -> dict:
    before = serve.sample(pid)
    sessions = [Session(timeout_s=60) for _ in tokens]
    errors: dict[str, int] = {}
    try:
        for i, (session, token) in enumerate(zip(sessions, tokens, strict=False)):
            result = await session.connect(url, f"t={token}")
            for kind, _ in result.errors:
                errors[kind] = errors.get(kind, 0) + 1
            if poll_s > 0:
                session.start_polling(interval_s=poll_s)
            await asyncio.sleep(0.05 if i % 10 else 0.2)
        await asyncio.sleep(settle_s)  # connection work done, pollers in step
        pollers = [s.poller for s in sessions if s.poller]
        counts = lambda: (sum(len(p.results) for p in pollers), sum(p.connections for p in pollers))  # noqa: E731
        start, (polls_before, conns_before) = serve.sample(pid), counts()
        await asyncio.sleep(seconds)
        end, (polls_after, conns_after) = serve.sample(pid), counts()
    finally:
        await asyncio.gather(*(s.close() for s in sessions))
    polls = [r for s in sessions if s.poller for r in s.poller.results]
    for r in polls:
        for kind, _ in r.errors:
            errors[kind] = errors.get(kind, 0) + 1
    runs = sum(1 for s in sessions for r in s.results if r.action == "auto_rerun")
    return {
        "cpu_pct": 100 * (end.cpu_s - start.cpu_s) / (end.at - start.at),
        "rss_per_session_mb": (start.rss_mb - before.rss_mb) / len(tokens),
        "rss_before_mb": before.rss_mb,
        "rss_mb": end.rss_mb,
        "polls": len(polls),
        "polls_per_s": (polls_after - polls_before) / (end.at - start.at),
        "connections_per_s": (conns_after - conns_before) / (end.at - start.at),
        "poll_p95_ms": 1000 * percentile(sorted(r.latency_s for r in polls), 95),
        "fragment_runs": runs,
        "errors": errors,
        "seconds": end.at - start.at,
    }


def idle_cost(args: argparse.Namespace, tmp: Path) -> dict:
    db_path = tmp / "idle.db"
    everyone = scripts.seed(db_path, args.idle_phones, now=scripts.DAY_NOW, questions=False)
    with serve.serve(APP, cpu=SERVER_CPU, env=scripts.app_env(db_path, scripts.DAY_NOW)) as srv:
        asyncio.run(_warm(srv.url))
        tokens = [p.token for p in everyone]
        # Settle until every phone has made its first poll: opening its connection is not idle work.
        settle_s = 6 + max(0.0, args.idle_poll_seconds)
        return asyncio.run(_idle(srv.url, srv.pid, tokens, args.idle_seconds, settle_s, args.idle_poll_seconds))


async def _warm(url: str, query_string: str = "", times: int = 1) -> None:
    """Load a page `times` times first, so the measured phones do not pay for the first imports."""
    for _ in range(times):
        first = Session()
        try:
            await first.connect(url, query_string)
        finally:
            await first.close()


# --- the morning peak ---------------------------------------------------------------------------


@dataclass
class Peak:
    phones: int
    within_s: float
    static: str  # "from the app" or "by a proxy (left out)"
    errors: int
    load_p50_ms: float
    load_p95_ms: float
    cpu_ms_per_load: float
    core_pct: float
    client_pct: float  # of core 1: near 100 means the client, not the server, set the latencies
    wait_pct: float  # the server ready to run but without a CPU: other work on the machine held it
    example: str = ""
    proxy_cpu_ms_per_load: float | None = None  # Caddy's own, when the phones came through it


def _tokens_from(db_path: Path) -> list[str]:
    import sqlite3

    with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as conn:
        return [row[0] for row in conn.execute("SELECT token FROM participants ORDER BY id")]


def morning_peak_once(
    url: str,
    pids: list[int],
    tokens: list[str],
    phones: int,
    within_s: float,
    browser: Browser,
    tail_s: float,
    cached_share: float = 0.0,
    proxy_pid: int | None = None,
    static: str = "",
) -> Peak:
    """`phones` phones open their personal link (Nå) spread over `within_s` seconds, then lie idle
    (the clock's poll) until `tail_s` after the last one opened. Server CPU over the whole window
    divided by the phones: a first load with its share of the idle polling that follows."""

    def cpu() -> float:
        return sum(serve.sample(pid).cpu_s for pid in pids)

    def wait() -> float:
        return sum(serve.sample(pid).cpu_wait_s for pid in pids)

    cpu0, wait0, proxy0, t0 = cpu(), wait(), _cpu_s([proxy_pid] if proxy_pid else []), time.monotonic()
    result = asyncio.run(
        run_load(
            url,
            phones,
            scripts.idle_script,
            within_s + tail_s,
            ramp_s=within_s,
            query_string=lambda i: f"t={tokens[i % len(tokens)]}",
            timeout_s=30,
            browser=browser,
            cached_share=cached_share,
        )
    )
    cpu1, wait1, proxy1, t1 = cpu(), wait(), _cpu_s([proxy_pid] if proxy_pid else []), time.monotonic()
    loads = sorted(1000 * v for v in result.latencies.get(LOAD_ACTION, []))
    return Peak(
        phones=phones,
        within_s=within_s,
        static=static or ("from the app" if browser.static else "by a proxy (left out)"),
        errors=sum(result.errors.values()) + phones - len(loads),
        load_p50_ms=percentile(loads, 50),
        load_p95_ms=percentile(loads, 95),
        cpu_ms_per_load=1000 * (cpu1 - cpu0) / phones,
        core_pct=100 * (cpu1 - cpu0) / (t1 - t0),
        client_pct=100 * result.client_cpu_s / result.wall_s,
        wait_pct=100 * (wait1 - wait0) / (t1 - t0),
        example=next(iter(result.examples.values()), ""),
        proxy_cpu_ms_per_load=1000 * (proxy1 - proxy0) / phones if proxy_pid else None,
    )


AS_SHIPPED = "by Caddy, from disk"


def morning_peak_through_caddy(args: argparse.Namespace, tmp: Path) -> list[Peak]:
    """Each (phones, within) of --peaks through deploy/Caddyfile in front of `--processes` app
    processes (as `make serve`), cold cache, every phone fetching everything through Caddy: once
    with Caddy passing the static files on to the app, once with Caddy serving them from disk (as
    shipped). Both on a fresh database and a fresh front, in one run."""
    rows = []
    for spec in args.peaks:
        phones, within_s = (int(x) for x in spec.split("/"))
        for static_by_caddy in (False, True):
            db_path = tmp / f"peak-caddy-{phones}-{int(static_by_caddy)}.db"
            everyone = scripts.seed(db_path, phones, now=scripts.MORNING_NOW, questions=False)
            env = scripts.app_env(db_path, scripts.MORNING_NOW)
            with _behind_caddy(args.processes, env, tmp, static_by_caddy=static_by_caddy) as (url, pids, caddy):
                # Caddy sends a phone without its cookie to any process: a few loads warm them all.
                asyncio.run(_warm(url, f"t={everyone[0].token}", times=4 * args.processes))
                label = AS_SHIPPED if static_by_caddy else "from the app, through Caddy"
                tokens = [p.token for p in everyone]
                rows.append(
                    morning_peak_once(
                        url, pids, tokens, phones, within_s, Browser(), args.peak_tail, args.cached_share, caddy, label
                    )
                )
            print(f"  {phones} phones in {within_s} s, static {label}: done", flush=True)
    return rows


def morning_peak(args: argparse.Namespace, tmp: Path) -> list[Peak]:
    """Each (phones, within) of --peaks, cold cache, static files from the app and without them;
    on a fresh app per run, or against --base-url (a running front: proxy or `make serve`)."""
    rows = []
    for spec in args.peaks:
        phones, within_s = (int(x) for x in spec.split("/"))
        for browser in (Browser(), Browser(static=False)):
            if args.base_url:
                tokens = _tokens_from(args.base_db)
                rows.append(
                    morning_peak_once(
                        args.base_url,
                        args.base_pid,
                        tokens,
                        phones,
                        within_s,
                        browser,
                        args.peak_tail,
                        args.cached_share,
                    )
                )
                continue
            db_path = tmp / f"peak-{phones}.db"
            everyone = scripts.seed(db_path, phones, now=scripts.MORNING_NOW, questions=False)
            env = scripts.app_env(db_path, scripts.MORNING_NOW)
            with serve.serve(APP, cpu=SERVER_CPU, env=env) as srv:
                asyncio.run(_warm(srv.url))
                tokens = [p.token for p in everyone]
                rows.append(
                    morning_peak_once(
                        srv.url, [srv.pid], tokens, phones, within_s, browser, args.peak_tail, args.cached_share
                    )
                )
            print(f"  {phones} phones in {within_s} s, static {rows[-1].static}: done", flush=True)
    return rows


def peak_table(rows: list[Peak]) -> str:
    proxied = any(r.proxy_cpu_ms_per_load is not None for r in rows)
    lines = [
        "| phones | within s | static files | errors | first load p50 ms | p95 ms | server CPU-ms per first load | "
        "server core % | server waiting for a core % | client core % |"
        + (" Caddy CPU-ms per first load |" if proxied else ""),
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if proxied else ""),
    ]
    for r in rows:
        lines.append(
            f"| {r.phones} | {r.within_s:g} | {r.static} | {r.errors} | {r.load_p50_ms:.0f} | {r.load_p95_ms:.0f} | "
            f"{r.cpu_ms_per_load:.1f} | {r.core_pct:.0f} | {r.wait_pct:.0f} | {r.client_pct:.0f} |"
            + (f" {r.proxy_cpu_ms_per_load or 0:.1f} |" if proxied else "")
        )
    errors = [f"{r.phones}/{r.within_s:g} {r.static}: {r.example[:160]!r}" for r in rows if r.errors]
    return "\n".join(lines + (["", "Errors, e.g.:"] + errors if errors else []))


# --- the soak ----------------------------------------------------------------------------------


async def _soak(url: str, pid: int, everyone, seconds: float, warmup_s: float, every_s: float) -> dict:
    from bench.load import run_load

    samples: list[tuple[float, float]] = []
    stop = asyncio.Event()

    async def watch() -> None:
        t0 = time.monotonic()
        for _ in range(int(seconds / every_s) + 100):
            samples.append((time.monotonic() - t0, serve.sample(pid).rss_mb))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), every_s)
            if stop.is_set():
                return

    watcher = asyncio.create_task(watch())
    cpu0 = serve.sample(pid).cpu_s
    try:
        result = await run_load(
            url,
            len(everyone),
            scripts.participant_script,
            seconds,
            ramp_s=10,
            query_string=scripts.personal_link(everyone),
            think_s=3.0,
            timeout_s=60,
        )
    finally:
        stop.set()
        await watcher
    after_warmup = [rss for at, rss in samples if at >= warmup_s]
    base = after_warmup[0] if after_warmup else float("nan")
    last_minute = [rss for at, rss in samples if at >= seconds - 60] or [base]
    end = sum(last_minute) / len(last_minute)
    return {
        "samples": samples,
        "base_mb": base,
        "end_mb": end,
        "max_mb": max(after_warmup or [base]),
        "growth_pct": 100 * (end - base) / base,
        "completed": result.completed,
        "errors": dict(result.errors),
        "examples": result.examples,
        "cpu_pct": 100 * (serve.sample(pid).cpu_s - cpu0) / seconds,
    }


def soak(args: argparse.Namespace, tmp: Path) -> dict:
    db_path = tmp / "soak.db"
    everyone = scripts.seed(db_path, args.soak_phones, now=scripts.DAY_NOW)
    with serve.serve(APP, cpu=SERVER_CPU, env=scripts.app_env(db_path, scripts.DAY_NOW)) as srv:
        asyncio.run(_warm(srv.url))
        return asyncio.run(_soak(srv.url, srv.pid, everyone, args.soak_seconds, args.soak_warmup, every_s=10))


# --- 1 process against N behind the proxy ---------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            out += [int(x) for x in task.read_text().split()]
    return out


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (deploy/serve.py takes them in a row)."""
    import socket

    for _ in range(50):
        first = serve.free_port()
        try:
            for port in range(first, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports on 127.0.0.1")


def _cpu_s(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            total += serve.sample(pid).cpu_s
    return total


@contextlib.contextmanager
def _behind_caddy(processes: int, env: dict[str, str], tmp: Path, static_by_caddy: bool = True):
    """deploy/serve.py (as `make serve`) on consecutive loopback ports, deploy/Caddyfile in front
    on plain HTTP (auto_https off through VERKSTED_GLOBAL). Yields (proxy url, app pids, caddy pid).
    `static_by_caddy=False`: the Caddyfile without its static-file block, so the app sends them."""
    import shutil
    import signal

    caddy_bin = shutil.which("caddy") or "/usr/bin/caddy"
    first = _free_ports(processes)
    ports = [first + i for i in range(processes)]
    proxy_port = serve.free_port()
    static = tmp / "static"
    if not static.exists():
        subprocess.run([sys.executable, str(ROOT / "deploy" / "precompress.py"), "--to", str(static)], check=True)
    log = (tmp / "serve.log").open("ab")
    app = subprocess.Popen(
        [sys.executable, str(ROOT / "deploy" / "serve.py"), "--processes", str(processes), "--port", str(first)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    home = tmp / "caddy"
    home.mkdir(exist_ok=True)
    caddy_env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "VERKSTED_ADMIN": "off",
        "VERKSTED_GLOBAL": "auto_https off\ndefault_bind 127.0.0.1",
        "VERKSTED_SITE": f"http://127.0.0.1:{proxy_port}",
        "VERKSTED_TLS": "",
        "VERKSTED_PREFIX": "",
        "VERKSTED_UPSTREAMS": " ".join(f"127.0.0.1:{port}" for port in ports),
        "VERKSTED_STATIC": str(static),
    }
    config = ROOT / "deploy" / "Caddyfile"
    if not static_by_caddy:
        config = tmp / "Caddyfile.static-from-app"
        config.write_text(_without_static_block((ROOT / "deploy" / "Caddyfile").read_text()))
    caddy = subprocess.Popen(
        [caddy_bin, "run", "--config", str(config), "--adapter", "caddyfile"],
        env=caddy_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        for port in ports:
            _wait_url(f"http://127.0.0.1:{port}/_stcore/health", deadline, app)
        _wait_url(f"http://127.0.0.1:{proxy_port}/_stcore/health", deadline, caddy)
        yield f"http://127.0.0.1:{proxy_port}", _children(app.pid), caddy.pid
    finally:
        for proc in (caddy, app):
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        log.close()


def _without_static_block(caddyfile: str) -> str:
    """deploy/Caddyfile as it was before it served Streamlit's files itself."""
    start = caddyfile.index("\thandle @static {")
    end = caddyfile.index("\n\t}\n", start) + len("\n\t}\n")
    return caddyfile[:start] + caddyfile[end:]


def _wait_url(url: str, deadline: float, proc: subprocess.Popen) -> None:
    import urllib.request

    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode} before {url} answered")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in time")


def _serve_block(url: str, pids: list[int], proxy: int | None, n: int, args, everyone) -> dict:
    from bench.load import run_load

    mix = scripts.panel_script if scripts.HAS_QUESTIONS else scripts.participant_script
    page = "questions" if scripts.HAS_QUESTIONS else ""
    asyncio.run(_warm(url))
    cpu0, proxy0, t0 = _cpu_s(pids), _cpu_s([proxy] if proxy else []), time.monotonic()
    result = asyncio.run(
        run_load(
            url,
            n,
            mix,
            args.block_seconds,
            ramp_s=args.ramp,
            query_string=scripts.personal_link(everyone),
            page=page,
            think_s=args.think,
            timeout_s=args.timeout,
        )
    )
    wall = time.monotonic() - t0
    side = Side()
    app_cpu = _cpu_s(pids) - cpu0
    side.add(result, ServerCost(app_cpu, wall, 0, 0, 0, 0))
    proxy_cpu = _cpu_s([proxy] if proxy else []) - proxy0
    return {"side": side, "proxy_cpu_s": proxy_cpu, "client_pct": 100 * result.client_cpu_s / max(wall, 1e-9)}


def processes_section(args: argparse.Namespace, tmp: Path) -> list[tuple[int, str, dict]]:
    """The app alone (1 process, as `make run`) against `--processes` N behind Caddy (as `make
    serve`), at each of `--serve-sizes` phones, each on a fresh database; nothing pinned."""
    rows = []
    for n in args.serve_sizes:
        for label in ("1 process", f"{args.processes} behind Caddy"):
            db_path = tmp / f"serve-{n}-{label[0]}.db"
            everyone = scripts.seed(db_path, n, now=args.app_now)
            env = scripts.app_env(db_path, args.app_now)
            started = time.monotonic()
            if label == "1 process":
                with serve.serve(APP, env=env) as srv:
                    row = _serve_block(srv.url, [srv.pid], None, n, args, everyone)
            else:
                with _behind_caddy(args.processes, env, tmp) as (url, pids, caddy_pid):
                    if len(pids) != args.processes:
                        raise RuntimeError(f"deploy/serve.py started {len(pids)} processes, not {args.processes}")
                    row = _serve_block(url, pids, caddy_pid, n, args, everyone)
            side = row["side"]
            print(
                f"  N={n} {label}: {side.completed} runs, {side.n_errors} errors, "
                f"client {row['client_pct']:.0f}% of a core ({time.monotonic() - started:.0f} s)",
                flush=True,
            )
            rows.append((n, label, row))
    return rows


def processes_table(rows: list[tuple[int, str, dict]]) -> str:
    lines = [
        "| phones | servers | p95 ms | runs | errors | server CPU-ms/interaction | proxy CPU-ms/interaction | "
        "first load p95 ms |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, label, row in rows:
        side = row["side"]
        proxy = f"{1000 * row['proxy_cpu_s'] / side.completed:.1f}" if side.completed and row["proxy_cpu_s"] else "-"
        lines.append(
            f"| {n} | {label} | {side.p(95):.0f} | {side.completed} | {side.n_errors} | {side.cpu_ms:.1f} | "
            f"{proxy} | {side.load_p(95):.0f} |"
        )
    errors = [
        f"{n} phones, {label}: {kind} x{count}, e.g. {row['side'].examples.get(kind, '')[:140]!r}"
        for n, label, row in rows
        for kind, count in row["side"].errors.items()
    ]
    note = (
        "\nServer CPU sums every app process from /proc (user + system); the proxy's is its own column. "
        "p95 is over interactions after each phone's first page load (the last column)."
    )
    return "\n".join(lines + [note] + (["", "Errors:"] + errors if errors else []))


# --- the rest of bench/ -------------------------------------------------------------------------


def other_benches() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    for title, cmd in OTHER_BENCHES:
        print(f"\n### {title} (`{' '.join(cmd)}`)\n", flush=True)
        try:
            done = subprocess.run(
                [sys.executable, *cmd], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
            )
            print(done.stdout.rstrip() or done.stderr[-2000:])
        except subprocess.TimeoutExpired:
            print("(did not finish within 600 s)")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 500])
    ap.add_argument("--blocks", default="ABBA", help="A = bare page, B = app, in this order")
    ap.add_argument("--block-seconds", type=float, default=30.0)
    ap.add_argument("--ramp", type=float, default=5.0, help="seconds to open all sessions")
    ap.add_argument("--think", type=float, default=2.0, help="mean pause between a phone's actions, s")
    ap.add_argument("--timeout", type=float, default=30.0, help="per action, s")
    ap.add_argument("--app-now", default=scripts.PANEL_NOW, help="COMPANION_NOW for the comparison")
    ap.add_argument("--idle-phones", type=int, default=100)
    ap.add_argument("--idle-seconds", type=float, default=60.0)
    ap.add_argument(
        "--idle-poll-seconds",
        type=float,
        default=scripts.CLOCK_POLL_SECONDS,
        help="the idle phones' /api/version interval (default: the Nå clock's); 0 = no polling, websockets only",
    )
    ap.add_argument("--calibrate-phones", type=int, default=20, help="real Chromium and simulated phones each")
    ap.add_argument("--no-calibration", action="store_true", help="skip real Chromium against the simulator")
    ap.add_argument(
        "--peaks",
        nargs="*",
        default=["100/120", "500/60"],
        metavar="PHONES/SECONDS",
        help="morning peaks: PHONES open their link within SECONDS, cold cache (none: skip)",
    )
    ap.add_argument("--peak-tail", type=float, default=5.0, help="seconds after the last phone opened")
    ap.add_argument(
        "--cached-share",
        type=float,
        default=0.0,
        help="share of the peak's phones with the static files already cached (default 0: the first load of the day)",
    )
    ap.add_argument(
        "--base-url",
        default="",
        help="run the morning peak against this running front (a proxy, `make serve`) instead of a fresh app",
    )
    ap.add_argument("--base-db", type=Path, help="with --base-url: the database it serves, to read tokens from")
    ap.add_argument(
        "--base-pid", type=int, action="append", default=[], help="with --base-url: a server pid to bill (repeat)"
    )
    ap.add_argument("--no-caddy-peak", action="store_true", help="skip the morning peak through Caddy")
    ap.add_argument("--no-comparison", action="store_true")
    ap.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="app processes behind Caddy (default: one per core)"
    )
    ap.add_argument("--serve-sizes", type=int, nargs="+", default=[500, 1000], help="phones, 1 process against N")
    ap.add_argument("--no-serve", action="store_true", help="skip 1 process against N behind the proxy")
    ap.add_argument("--no-idle", action="store_true")
    ap.add_argument("--no-others", action="store_true", help="skip the other benchmarks in bench/")
    ap.add_argument("--soak", action="store_true", help="also the memory soak (10 minutes)")
    ap.add_argument("--soak-only", action="store_true")
    ap.add_argument("--soak-phones", type=int, default=100)
    ap.add_argument("--soak-seconds", type=float, default=600.0)
    ap.add_argument("--soak-warmup", type=float, default=120.0)
    args = ap.parse_args(argv)
    if not all(1 <= n <= 2000 for n in args.sizes) or set(args.blocks) - {"A", "B"}:
        ap.error("--sizes must be 1..2000 and --blocks only A and B")
    if not 0 < args.block_seconds <= 600 or not 0 < args.soak_seconds <= 3600 or not 0 < args.idle_seconds <= 600:
        ap.error("durations: blocks up to 600 s, idle up to 600 s, soak up to 3600 s")
    if args.base_url and (not args.base_db or not args.base_pid):
        ap.error("--base-url needs --base-db (for the tokens) and --base-pid (to read the server's CPU)")
    if args.processes < 1 or not all(1 <= n <= 2000 for n in args.serve_sizes):
        ap.error("--processes must be at least 1 and --serve-sizes 1..2000")
    if args.soak_only:
        args.soak, args.no_comparison, args.no_idle, args.no_others = True, True, True, True
        args.no_calibration, args.peaks, args.no_serve, args.no_caddy_peak = True, [], True, True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    pinned = pin_client()
    print(f"## Capacity run {time.strftime('%Y-%m-%d %H:%M')}\n\nMachine: {machine()}")
    print(f"Server pinned to core {SERVER_CPU}, client to core {CLIENT_CPU}: {'yes' if pinned else 'no (one core)'}\n")
    failed = False
    with tempfile.TemporaryDirectory(prefix="capacity-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.no_calibration:
            print(
                f"### Real Chromium against the simulator: {args.calibrate_phones} phones each, in turn, "
                "Spørsmål, cold cache\n",
                flush=True,
            )
            cal = calibrate.parse_args(
                ["--phones", str(args.calibrate_phones), "--server-cpu", str(SERVER_CPU)]
                + ["--idle-phones", str(args.calibrate_phones)]
            )
            real, sim = calibrate.calibrate(cal)
            print(calibrate.table(real, sim, args.calibrate_phones, cal.idle_phones))
            failed |= not (
                calibrate.within(sim.per_load, real.per_load) and calibrate.within(sim.per_vote, real.per_vote)
            )
            print()
        if args.peaks:
            where = args.base_url or "the app alone, one process"
            print(f"### Morning peak: personal links opened at 08:30, cold cache, against {where}\n", flush=True)
            peaks = morning_peak(args, tmp)
            print()
            print(peak_table(peaks))
            failed |= any(p.errors for p in peaks)
            print()
        if args.peaks and not args.base_url and not args.no_caddy_peak:
            print(
                f"### Morning peak through Caddy: {args.processes} app processes (`make serve`), deploy/Caddyfile, "
                "before and after Caddy serves the static files\n",
                flush=True,
            )
            peaks = morning_peak_through_caddy(args, tmp)
            print()
            print(peak_table(peaks))
            # The front as it was before is there to compare: its failures are the finding, not the run's.
            failed |= any(p.errors for p in peaks if p.static == AS_SHIPPED)
            print()
        if not args.no_comparison:
            mix = (
                "panel hour (Spørsmål: vote, ask one time in five)"
                if scripts.HAS_QUESTIONS
                else "participant day (Nå, Min gruppe)"
            )
            print(
                f"### Bare page against the app: {args.blocks} blocks of {args.block_seconds:g} s per N, "
                f"think {args.think:g} s, clock {args.app_now}\n",
                flush=True,
            )
            rows = comparison(args, tmp)
            print()
            print(comparison_table(rows, mix))
            print("\nWhere the time goes (per action, all blocks pooled):\n")
            print(where_time_goes(rows))
            failed |= any(app.n_errors for n, bare, app in rows if n <= 300)
        if not args.no_serve:
            print(
                f"\n### 1 process against {args.processes} behind Caddy (deploy/serve.py, deploy/Caddyfile on plain "
                f"HTTP): blocks of {args.block_seconds:g} s, think {args.think:g} s, panel mix\n",
                flush=True,
            )
            serve_rows = processes_section(args, tmp)
            print()
            print(processes_table(serve_rows))
        if not args.no_idle:
            polling = (
                f"polling /api/version every {args.idle_poll_seconds:g} s"
                if args.idle_poll_seconds > 0
                else "not polling"
            )
            print(f"\n### Idle: {args.idle_phones} phones on Nå for {args.idle_seconds:g} s, {polling}\n", flush=True)
            idle = idle_cost(args, tmp)
            print(
                "| phones | server CPU % of one core | RSS MB per session | polls | polls/s | new connections/s | "
                "poll p95 ms | fragment runs | errors |"
            )
            print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            print(
                f"| {args.idle_phones} | {idle['cpu_pct']:.2f} | {idle['rss_per_session_mb']:.2f} | {idle['polls']} | "
                f"{idle['polls_per_s']:.1f} | {idle['connections_per_s']:.1f} | {idle['poll_p95_ms']:.1f} | "
                f"{idle['fragment_runs']} | {sum(idle['errors'].values())} |"
            )
            print(f"\nServer RSS {idle['rss_before_mb']:.0f} MB before the phones, {idle['rss_mb']:.0f} MB with them.")
            failed |= idle["cpu_pct"] >= 2.0 or bool(idle["errors"])
        if args.soak:
            print(f"\n### Soak: {args.soak_phones} phones, participant day, {args.soak_seconds:g} s\n", flush=True)
            result = soak(args, tmp)
            every = max(1, len(result["samples"]) // 12)
            print("RSS MB over time: " + ", ".join(f"{at:.0f}s {rss:.0f}" for at, rss in result["samples"][::every]))
            verdict = "FLAT" if result["growth_pct"] <= 10 else "GROWING (over 10%)"
            print(
                f"\nAfter {args.soak_warmup:g} s warm-up: {result['base_mb']:.0f} MB; last minute "
                f"{result['end_mb']:.0f} MB "
                f"(max {result['max_mb']:.0f}): {result['growth_pct']:+.1f}% -> {verdict}. "
                f"{result['completed']} runs, errors {result['errors'] or 'none'}, "
                f"server {result['cpu_pct']:.0f}% of a core."
            )
            failed |= result["growth_pct"] > 10 or bool(result["errors"])
    if not args.no_others:
        print("\n### The other benchmarks in bench/")
        other_benches()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
