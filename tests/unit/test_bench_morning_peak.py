"""The morning peak through Caddy: the 'before' front and the table, without a server.

The run itself is `make bench` (bench/run_all.py); this checks the parts that decide what it compares."""

from pathlib import Path

from bench.run_all import Peak, _without_static_block, peak_table

CADDYFILE = Path(__file__).resolve().parents[2] / "deploy" / "Caddyfile"


def test_the_before_front_is_the_shipped_caddyfile_with_only_the_static_block_gone():
    shipped = CADDYFILE.read_text()
    before = _without_static_block(shipped)

    assert "handle @static" in shipped and "file_server" in shipped
    assert "handle @static" not in before and "file_server" not in before
    # Everything else stays: the app's handle with sticky sessions, the 404 for the rest, the upload limit.
    for kept in ("handle @app {", "lb_policy cookie verksted_lb", 'respond "Not here" 404', "max_size 51MB"):
        assert kept in before
    assert before.count("{") == before.count("}")


def _peak(static: str, proxy: float | None) -> Peak:
    return Peak(100, 120, static, 0, 1200, 1400, 18.5, 5, 1, 6, "", proxy)


def test_the_peak_table_shows_caddys_own_cpu_only_for_phones_that_came_through_it():
    alone = peak_table([_peak("from the app", None)])
    through = peak_table([_peak("by Caddy, from disk", 12.25)])

    assert "Caddy CPU-ms" not in alone
    assert "Caddy CPU-ms per first load" in through
    assert through.splitlines()[-1].endswith("| 12.2 |")
