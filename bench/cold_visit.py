"""A cold first visit on a poor network, with and without compressed static files.

A real server (`streamlit run app.py`), Chromium with an empty cache, and the connection-cutting
proxy of the browser tests (tests/e2e/cutter.py) in between, slowing every answer down: by
default 2 s round trip (1 s each way) and 50 kbit/s shared by all connections. For
COMPANION_COMPRESS=0 (Streamlit as it is) and =1 (ui/compression.py), it prints the bytes the
browser received, when the event's name ("laster …") was on screen and when the page was drawn.

    python bench/cold_visit.py [--rtt 2] [--kbit 50] [--only on|off]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.e2e.conftest import CHROMIUM_FLAGS, PHONE, LiveServer, chromium_path  # noqa: E402
from tests.e2e.cutter import Cutter  # noqa: E402


def visit(browser, compress: bool, rtt: float, kbit: float, limit: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(Path(tmp), "2019-09-25T10:45", {"COMPANION_COMPRESS": "1" if compress else "0"}).start()
        proxy = Cutter(server.port, latency=rtt / 2, bytes_per_second=kbit * 1000 / 8).start()
        context = browser.new_context(viewport=PHONE, locale="nb-NO")  # a new profile: nothing cached
        try:
            page = context.new_page()
            began = time.monotonic()
            page.goto(proxy.url + "/", wait_until="commit", timeout=limit * 1000)
            page.get_by_text("laster …").wait_for(timeout=limit * 1000)
            loading = time.monotonic() - began
            page.locator(".st-key-menu").wait_for(timeout=limit * 1000)
            drawn = time.monotonic() - began
            return {"compress": compress, "bytes": proxy.sent_to_browser, "loading_s": loading, "drawn_s": drawn}
        finally:
            context.close()
            proxy.stop()
            server.stop()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rtt", type=float, default=2.0, help="round trip in seconds (default 2)")
    ap.add_argument("--kbit", type=float, default=50.0, help="link speed in kbit/s (default 50)")
    ap.add_argument("--only", choices=["on", "off"], help="measure one setting only")
    ap.add_argument("--limit", type=float, default=600.0, help="give up on a visit after this many seconds")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    modes = [args.only == "on"] if args.only else [False, True]
    print(f"Cold first visit at {args.rtt:g} s round trip and {args.kbit:g} kbit/s (phone, empty cache)\n")
    print("| static files | bytes to the browser | event's name shown | page drawn |")
    print("|---|---:|---:|---:|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
        try:
            for compress in modes:
                row = visit(browser, compress, args.rtt, args.kbit, args.limit)
                label = "compressed (COMPANION_COMPRESS=1)" if compress else "as Streamlit sends them (=0)"
                print(f"| {label} | {row['bytes']:,} | {row['loading_s']:.1f} s | {row['drawn_s']:.1f} s |", flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
