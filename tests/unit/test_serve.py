"""`make serve`: consecutive loopback ports, and exactly one process with the snapshot timer."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_serve():
    spec = importlib.util.spec_from_file_location("deploy_serve", ROOT / "deploy" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_process_per_port_on_loopback_and_one_snapshot_timer():
    runs = load_serve().commands(3, 8601)
    ports = [cmd[cmd.index("--server.port") + 1] for cmd, _ in runs]
    assert ports == ["8601", "8602", "8603"]
    assert all(cmd[cmd.index("--server.address") + 1] == "127.0.0.1" for cmd, _ in runs)
    timers = [extra.get("COMPANION_BACKUP_MINUTES") != "0" for _, extra in runs]
    assert timers == [True, False, False]
