"""`make serve`: one app process per core on consecutive loopback ports, for a proxy in front.

    .venv/bin/python deploy/serve.py [--processes N] [--port 8501]

Streamlit keeps a session in the process its websocket reached, so the proxy must be sticky
(deploy/Caddyfile: `lb_policy cookie`; deploy/nginx-verksted.conf: a hashed cookie). The processes
share the SQLite file (WAL). Only the first runs the snapshot timer: the others start with
COMPANION_BACKUP_MINUTES=0, so one snapshot is taken every few minutes, not N. Stops them all on
Ctrl-C or SIGTERM; if one dies, the rest are stopped and the exit code says so."""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def commands(processes: int, port: int) -> list[tuple[list[str], dict[str, str]]]:
    """(command, extra environment) for each process; the first keeps the snapshot timer."""
    out = []
    for index in range(processes):
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py"]
        cmd += ["--server.port", str(port + index), "--server.address", "127.0.0.1"]
        out.append((cmd, {} if index == 0 else {"COMPANION_BACKUP_MINUTES": "0"}))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="default: one per core")
    parser.add_argument("--port", type=int, default=8501, help="the first port; the others follow")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    runs = commands(args.processes, args.port)
    children = [subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **extra}) for cmd, extra in runs]
    upstreams = " ".join(f"127.0.0.1:{args.port + i}" for i in range(args.processes))
    print(f'{args.processes} processes. Caddy: VERKSTED_UPSTREAMS="{upstreams}"', flush=True)
    print("nginx: " + " ".join(f"server {u};" for u in upstreams.split()), flush=True)

    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    while not stopping:
        dead = [child for child in children if child.poll() is not None]
        if dead:
            code = dead[0].returncode or 1
            print(f"a server process stopped (exit {dead[0].returncode}); stopping the others", flush=True)
            break
        time.sleep(0.5)
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
