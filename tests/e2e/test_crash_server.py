"""The app server killed with SIGKILL in the middle of desk check-ins loses nothing it showed as done.

A real `streamlit run app.py` on a loopback port, two desk sessions checking people in through
the page (and phones reloading Min billett), writer processes beside it; the server and the
writers are killed at random moments and restarted, twice. Every check-in a desk saw as green or
orange is in the database afterwards. The long version: `python bench/crash.py`.
"""

import pytest

from bench import crash

pytestmark = pytest.mark.e2e


def test_killing_the_server_and_writers_loses_no_acknowledged_check_in(tmp_path):
    db_path = tmp_path / "companion.db"
    crash.prepare(db_path)

    tally = crash.crash_rounds(db_path, tmp_path / "logs", rounds=2, seconds=5, workers=1, desks=2, phones=3, seed=5)

    # Each round killed the server once at a random moment while the desks worked, not only at its end.
    assert [servers for _, servers in tally.kills_by_round] == [1, 1]
    assert tally.by_op["server_checkin"] > 0, "the desks checked people in through the page"
    assert tally.lost == []
    assert tally.integrity == "ok"
    assert tally.doubled_checkins == 0 and tally.unlogged_checkins == 0 and tally.doubled_votes == 0
