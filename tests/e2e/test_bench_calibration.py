"""The load simulator costs the server what real Chromium phones cost it (bench/calibrate.py).

Five real Chromium phones and five simulated ones in turn on one server, both on the same phone
network; the server's CPU per first load (cold cache) and per vote is read from /proc. The simulator must land within
±25% of Chromium on both, or every number `make bench` prints is off by as much.
"""

import argparse
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import calibrate

pytestmark = pytest.mark.e2e


def test_simulated_phones_cost_the_server_what_chromium_phones_cost():
    args = calibrate.parse_args(["--phones", "5"])
    # A thread of its own: Playwright's sync API in another test may keep an event loop on this one.
    with ThreadPoolExecutor(1) as pool:
        real, sim = pool.submit(calibrate.calibrate, args).result()
    report = calibrate.table(real, sim, args.phones)
    print(report)  # shown with -s, and in the failure's report

    assert real.errors == 0 and sim.errors == 0, report
    assert len(real.load_ms) == len(sim.load_ms) == 5, report
    assert calibrate.within(sim.per_load, real.per_load), report
    assert calibrate.within(sim.per_vote, real.per_vote), report


def test_within_is_the_tolerance_both_ways():
    assert calibrate.within(1.25, 1.0) and calibrate.within(0.75, 1.0)
    assert not calibrate.within(1.3, 1.0) and not calibrate.within(0.7, 1.0)
    assert isinstance(calibrate.parse_args([]), argparse.Namespace)
