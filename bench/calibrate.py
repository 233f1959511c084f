"""Real Chromium phones against simulated ones on the same server: is bench/load.py honest?

    python bench/calibrate.py --phones 5        # the comparison `make test` and `make bench` make

One server (app.py, the panel's clock, a seeded database), then one phone at a time, in turn: a
phone in headless Chromium (Playwright, /usr/bin/chromium), then one simulated by bench/load.py,
N of each. Both are on the same phone network (round trip and bandwidth; Chromium's set over its
DevTools protocol). Each phone opens its personal link on Spørsmål (cold cache), and the server's
CPU is read from /proc over its first load; then it votes `--votes` times, one vote every
`--vote-gap` seconds, and the CPU over those votes is divided by their number. The windows are the
same length on both sides, so the idle server's own ticking (0.1-0.2% of a core) weighs the same
on each. `--idle-phones N` then leaves N tabs a side lying open on Nå and compares the server's
share of a core. Only 127.0.0.1 is contacted; the server is stopped again.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from bench import scripts, serve  # noqa: E402
from bench.load import Browser, Session  # noqa: E402
from tests.e2e.conftest import CHROMIUM_FLAGS, chromium_path  # noqa: E402

PAGE = "questions"
TOLERANCE = 0.25  # the simulator's cost must land within ±25% of Chromium's
FIRST_PHONE = 45  # participants from here on asked none of the seeded questions: every card has a vote button


@dataclass
class SideCost:
    """Server CPU-ms per first load and per interaction, one entry per phone."""

    load_ms: list[float] = field(default_factory=list)
    vote_ms: list[float] = field(default_factory=list)
    load_wall_s: list[float] = field(default_factory=list)
    errors: int = 0
    idle_pct: float | None = None  # server % of a core with --idle-phones lying open on Nå

    @property
    def per_load(self) -> float:
        return sum(self.load_ms) / len(self.load_ms) if self.load_ms else float("nan")

    @property
    def per_vote(self) -> float:
        return sum(self.vote_ms) / len(self.vote_ms) if self.vote_ms else float("nan")


async def _window(pid: int, start_cpu: float, until: float) -> float:
    """Wait until `until` (monotonic), then the server CPU-ms since `start_cpu` (/proc/PID/stat)."""
    await asyncio.sleep(max(0.0, until - time.monotonic()))
    return 1000 * (serve.sample(pid).cpu_s - start_cpu)


async def _threads_window(pid: int, start: dict[str, int], until: float) -> float:
    """The same from the threads' exact counters: a vote runs no script, so no thread ends."""
    await asyncio.sleep(max(0.0, until - time.monotonic()))
    return serve.threads_cpu_ms(start, serve.threads_cpu(pid))


async def on_phone_network(ctx, page, profile: Browser) -> None:  # type: ignore[no-untyped-def]
    """Give the tab the network the simulator gives its phones (bench/load.py `Browser`): each
    request a round trip later, the answers at the phone's bandwidth. Over bare loopback Chromium
    would load in a burst, and a burst costs the server less CPU than the same requests at a
    phone's pace: the two sides would be measured at different paces, not as different clients."""
    cdp = await ctx.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 1000 * profile.rtt_s,
            "downloadThroughput": profile.bandwidth_bps,
            "uploadThroughput": profile.bandwidth_bps,
        },
    )


async def chromium_phone(browser, url: str, pid: int, token: str, args: argparse.Namespace, cost: SideCost) -> None:  # type: ignore[no-untyped-def]
    """One real phone: a fresh tab (cold cache) on the phone's network, its load, its votes."""
    ctx = await browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = await ctx.new_page()
        await on_phone_network(ctx, page, Browser(cached=False))
        await asyncio.sleep(0.3)  # the new tab's own start is no server work
        t0, cpu0 = time.monotonic(), serve.sample(pid).cpu_s
        await page.goto(f"{url}/{PAGE}?t={token}", timeout=30_000)
        # The Spørsmål frame (the page has others: the page setup, the hall's banners).
        votes = page.frame_locator("iframe[srcdoc*='id=\"cfg\"']").locator("button.vote")
        await votes.first.wait_for(timeout=30_000)
        cost.load_wall_s.append(time.monotonic() - t0)
        cost.load_ms.append(await _window(pid, cpu0, max(t0 + args.load_window, time.monotonic() + 0.3)))
        t1, cpu1 = time.monotonic(), serve.threads_cpu(pid)
        for k in range(args.votes):
            await votes.nth(k).click(timeout=10_000)
            await asyncio.sleep(max(0.0, t1 + (k + 1) * args.vote_gap - time.monotonic()))
        cost.vote_ms.append(await _threads_window(pid, cpu1, t1 + args.votes * args.vote_gap) / args.votes)
    except Exception as exc:  # a phone that failed is counted, not hidden
        cost.errors += 1
        print(f"chromium phone: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)
    finally:
        await ctx.close()


async def simulated_phone(url: str, pid: int, token: str, args: argparse.Namespace, cost: SideCost) -> None:
    """One simulated phone (bench/load.py), the same steps at the same pace."""
    session = Session(timeout_s=30)
    rng = random.Random(token)
    t0, cpu0 = time.monotonic(), serve.sample(pid).cpu_s
    try:
        result = await session.connect(url, f"t={token}", page=PAGE, browser=Browser(cached=False))
        scripts.follow_hall(session)  # the iframe's poll of /api/questions, as the page runs it
        cost.errors += not result.ok
        cost.load_wall_s.append(time.monotonic() - t0)
        cost.load_ms.append(await _window(pid, cpu0, max(t0 + args.load_window, time.monotonic() + 0.3)))
        t1, cpu1 = time.monotonic(), serve.threads_cpu(pid)
        for k in range(args.votes):
            await scripts.vote(session, rng)
            await asyncio.sleep(max(0.0, t1 + (k + 1) * args.vote_gap - time.monotonic()))
        cost.vote_ms.append(await _threads_window(pid, cpu1, t1 + args.votes * args.vote_gap) / args.votes)
        cost.errors += sum(not r.ok for r in session.results)
    finally:
        await session.close()


async def phones_in_turn(url: str, pid: int, tokens: list[str], args: argparse.Namespace) -> tuple[SideCost, SideCost]:
    """A real phone, then a simulated one, and so on: whatever else the machine does meanwhile
    (another test's browser closing, a busy neighbour) falls on both sides alike, not on one."""
    from playwright.async_api import async_playwright

    real, sim = SideCost(), SideCost()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            await chromium_phone(browser, url, pid, tokens[0], args, SideCost())  # Chromium's own first start
            for real_token, sim_token in zip(tokens[1 : args.phones + 1], tokens[args.phones + 1 :], strict=True):
                await chromium_phone(browser, url, pid, real_token, args, real)
                await simulated_phone(url, pid, sim_token, args, sim)
        finally:
            await browser.close()
    return real, sim


async def idle_chromium(url: str, pid: int, tokens: list[str], args: argparse.Namespace) -> float:
    """Server % of a core while `tokens` real tabs lie open on Nå (the clock's poll, nothing else)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            for token in tokens:
                ctx = await browser.new_context(viewport={"width": 390, "height": 844})
                page = await ctx.new_page()
                await on_phone_network(ctx, page, Browser(cached=False))
                await page.goto(f"{url}/?t={token}", timeout=60_000)
            return await _idle_window(pid, args)
        finally:
            await browser.close()


async def idle_simulated(url: str, pid: int, tokens: list[str], args: argparse.Namespace) -> float:
    """The same with simulated phones: each loads Nå, then polls as the clock does."""
    sessions = [Session(timeout_s=60) for _ in tokens]
    try:
        for session, token in zip(sessions, tokens, strict=True):
            await session.connect(url, f"t={token}", browser=Browser(cached=False))
            session.start_polling(interval_s=scripts.CLOCK_POLL_SECONDS)
        return await _idle_window(pid, args)
    finally:
        await asyncio.gather(*(s.close() for s in sessions))


async def _idle_window(pid: int, args: argparse.Namespace) -> float:
    await asyncio.sleep(args.idle_settle)  # the last loads done, the polls in step
    start = serve.sample(pid)
    await asyncio.sleep(args.idle_seconds)
    end = serve.sample(pid)
    return 100 * (end.cpu_s - start.cpu_s) / (end.at - start.at)


def calibrate(args: argparse.Namespace) -> tuple[SideCost, SideCost]:
    """(chromium, simulated) on one fresh server; with --idle-phones also their idle cost."""
    with tempfile.TemporaryDirectory(prefix="calibrate-") as tmp:
        db_path = Path(tmp) / "calibrate.db"
        idle = args.idle_phones
        everyone = scripts.seed(db_path, FIRST_PHONE + 2 * args.phones + 1 + 2 * idle, now=scripts.PANEL_NOW)
        tokens = [p.token for p in everyone[FIRST_PHONE:]]
        cpu = args.server_cpu if args.server_cpu >= 0 else None
        with serve.serve(ROOT / "app.py", cpu=cpu, env=scripts.app_env(db_path, scripts.PANEL_NOW)) as srv:
            asyncio.run(_warm(srv.url, everyone[0].token))
            real, sim = asyncio.run(phones_in_turn(srv.url, srv.pid, tokens[: 2 * args.phones + 1], args))
            if idle:
                rest = tokens[2 * args.phones + 1 :]
                real.idle_pct = asyncio.run(idle_chromium(srv.url, srv.pid, rest[:idle], args))
                sim.idle_pct = asyncio.run(idle_simulated(srv.url, srv.pid, rest[idle:], args))
            return real, sim


async def _warm(url: str, token: str) -> None:
    """One load first, so neither side pays for the imports of the first run."""
    session = Session()
    try:
        await session.connect(url, f"t={token}", page=PAGE, browser=Browser())
    finally:
        await session.close()


def ratio(sim: float, real: float) -> float:
    return sim / real if real else float("nan")


def within(sim: float, real: float, tolerance: float = TOLERANCE) -> bool:
    return abs(ratio(sim, real) - 1) <= tolerance


def table(real: SideCost, sim: SideCost, phones: int, idle_phones: int = 0) -> str:
    rows = [
        ("server CPU-ms per first load (cold cache)", real.per_load, sim.per_load),
        ("server CPU-ms per vote", real.per_vote, sim.per_vote),
    ]
    if real.idle_pct is not None and sim.idle_pct is not None:
        rows.append((f"server % of a core, {idle_phones} phones lying open on Nå", real.idle_pct, sim.idle_pct))
    lines = [
        f"| {phones} phones each side, in turn, on a phone network | real Chromium | bench/load.py | simulated / real "
        "| within ±25% |",
        "|---|---:|---:|---:|---|",
    ]
    for name, r, s in rows:
        lines.append(f"| {name} | {r:.1f} | {s:.1f} | {ratio(s, r):.2f}x | {'yes' if within(s, r) else 'NO'} |")
    lines.append(
        f"| first load, wall s (median) | {_median(real.load_wall_s):.2f} | {_median(sim.load_wall_s):.2f} | | |"
    )
    lines.append(f"| phones with an error | {real.errors} | {sim.errors} | | |")
    return "\n".join(lines)


def _median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2] if xs else float("nan")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phones", type=int, default=5, help="phones on each side")
    ap.add_argument("--votes", type=int, default=4, help="votes per phone")
    ap.add_argument("--vote-gap", type=float, default=0.4, help="seconds between a phone's votes")
    ap.add_argument("--load-window", type=float, default=1.5, help="seconds of server CPU counted per first load")
    ap.add_argument("--server-cpu", type=int, default=-1, help="pin the server to this core (-1: no pinning)")
    ap.add_argument("--idle-phones", type=int, default=0, help="then this many tabs a side lying open on Nå (0: not)")
    ap.add_argument("--idle-seconds", type=float, default=40.0, help="seconds of server CPU counted while they lie")
    ap.add_argument("--idle-settle", type=float, default=8.0, help="seconds after the last tab opened, not counted")
    args = ap.parse_args(argv)
    if not 1 <= args.phones <= 100 or not 1 <= args.votes <= 20 or not 0 <= args.idle_phones <= 100:
        ap.error("--phones must be 1..100, --votes 1..20 and --idle-phones 0..100")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    real, sim = calibrate(args)
    print(table(real, sim, args.phones, args.idle_phones))
    ok = within(sim.per_load, real.per_load) and within(sim.per_vote, real.per_vote) and not real.errors + sim.errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
