"""The headless load client works end to end against a real server.

Runs the bare page with a handful of sessions for a few seconds. Timings are
not asserted: they depend on the machine, and bench/ reports them.
"""

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import scripts
from bench.load import POLL_ACTION, bare_script, measure_load, run_load
from bench.serve import REPO_ROOT, serve

pytestmark = pytest.mark.e2e

BARE_PAGE = REPO_ROOT / "bench" / "bare_page.py"


def run(coroutine):
    """asyncio.run on its own thread: Playwright's sync API keeps an event loop running on the main
    thread once any browser test in the session has started Chromium."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="module")
def server():
    with serve(BARE_PAGE) as srv:
        yield srv
    # serve() stops the whole process group, even when a test failed.
    assert srv.proc.poll() is not None


def test_five_sessions_all_finish_without_errors(server):
    result, cost = run(
        measure_load(
            server.url,
            server.pid,
            n_sessions=5,
            script=bare_script,
            duration_s=4,
            ramp_s=1,
            think_s=0.5,
        )
    )

    assert dict(result.errors) == {}
    assert result.sessions_connected == 5
    assert result.sessions_finished == 5
    assert len(result.latencies["load"]) == 5
    assert result.latencies.get("rerun"), "the script reran the page"
    assert cost is not None and cost.cpu_s > 0 and cost.rss_after_mb > 0


def test_refuses_anything_but_loopback():
    with pytest.raises(ValueError, match="127.0.0.1"):
        run(run_load("http://localhost:8501", 1, bare_script, 1))


def test_server_is_stopped_after_an_error():
    with pytest.raises(RuntimeError, match="boom"), serve(BARE_PAGE) as srv:
        raise RuntimeError("boom")
    srv.log_path.unlink(missing_ok=True)  # kept for failed runs; not needed here
    with pytest.raises(ProcessLookupError):
        os.kill(srv.pid, 0)  # reaped: no such process


def five_phones_on_the_app(tmp_path, script, duration_s: float, page: str | None = None):
    """The real app.py with a seeded database and five phones, each with its own link."""
    db_path = tmp_path / "load.db"
    everyone = scripts.seed(db_path, 5, now=scripts.PANEL_NOW)
    with serve(REPO_ROOT / "app.py", env=scripts.app_env(db_path, scripts.PANEL_NOW)) as srv:
        result, _ = run(
            measure_load(
                srv.url,
                srv.pid,
                n_sessions=5,
                script=script,
                duration_s=duration_s,
                ramp_s=1,
                think_s=0.5,
                query_string=scripts.personal_link(everyone),
                page=page,
            )
        )
    assert dict(result.errors) == {}, result.examples
    assert result.sessions_finished == 5
    return result


def test_five_phones_run_the_participant_day_against_the_real_app(tmp_path, monkeypatch):
    """Nå with each phone's own link, the /api/version polling, Min gruppe, Spørsmål (ask and
    vote). Checks only that nothing went wrong."""
    monkeypatch.setattr(scripts, "CLOCK_POLL_SECONDS", 2)  # the clock's 10 s would not poll in a run this short
    actions = set(five_phones_on_the_app(tmp_path, scripts.participant_script, 8).latencies)
    assert {"load", POLL_ACTION} <= actions
    assert actions & {"open Min gruppe", "open Spørsmål"}, actions


def test_five_phones_run_the_panel_hour_against_the_real_app(tmp_path):
    """Spørsmål open on five phones: the iframe's list poll, questions and votes through the
    routes, as bench/run_all.py drives it. Checks only that nothing went wrong."""
    actions = set(five_phones_on_the_app(tmp_path, scripts.panel_script, 12, page="questions").latencies)
    assert {"load", "vote", "ask", POLL_ACTION} <= actions, actions
