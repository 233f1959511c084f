"""A malformed setting stops the server at start, naming the setting, before anyone opens a page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion import boot
from companion.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
BAD = [
    ("COMPANION_BASE_URL", "not a url"),
    ("COMPANION_BASE_URL", "ftp://verksted.example.no"),
    ("COMPANION_TRUSTED_PROXIES", "127.0.0.1 nonsense/99"),
]


@pytest.mark.parametrize(("name", "value"), BAD)
def test_check_settings_names_the_malformed_setting(name, value):
    with pytest.raises(ConfigError) as raised:
        boot.check_settings({name: value})
    assert name in raised.value.message


def test_check_settings_passes_a_correct_setup():
    boot.check_settings({"COMPANION_BASE_URL": "https://verksted.example.no", "COMPANION_TRUSTED_PROXIES": "::1"})


@pytest.mark.parametrize(("name", "value"), [BAD[0], BAD[2]])
def test_the_server_exits_at_start_with_the_settings_name(tmp_path, name, value):
    env = {**os.environ, "COMPANION_DB": str(tmp_path / "x.db"), name: value}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", "0", "--server.address", "127.0.0.1"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"Verkstedet cannot start: {name}" in done.stdout + done.stderr
    assert not (tmp_path / "x.db").exists()  # nothing was started, nothing written
