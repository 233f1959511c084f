"""Start a Streamlit server for a benchmark, and read what it costs.

`serve()` starts `streamlit run` on a free loopback port, waits for its health
endpoint and always stops it again, also when the benchmark fails. `sample()`
reads a process's CPU time and memory from /proc, so a load run can report the
server's cost per interaction without any agent inside the server.

Run alone it keeps a server up for a bounded time, for `bench/load.py --port --pid`:

    python bench/serve.py bench/bare_page.py --seconds 600
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# The production settings that matter for cost (see .streamlit/config.toml), plus
# full error details so a load report can say what went wrong.
DEFAULT_OPTIONS: dict[str, str] = {
    "server.address": HOST,
    "server.headless": "true",
    "browser.gatherUsageStats": "false",
    "runner.postScriptGC": "false",
    "server.fileWatcherType": "none",
    "client.showErrorDetails": "full",
}


@dataclass
class Server:
    proc: subprocess.Popen
    port: int
    log_path: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def log_tail(self, chars: int = 2000) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-chars:]
        return ""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_healthy(server: Server, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited with {server.proc.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"server not healthy after {timeout_s}s:\n{server.log_tail()}")


def _stop(proc: subprocess.Popen, grace_s: float = 10.0) -> None:
    if proc.poll() is not None:
        return
    # The server runs in its own process group: signal that group, not a name.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(grace_s)


@contextlib.contextmanager
def serve(
    script: str | Path,
    *,
    port: int | None = None,
    options: Mapping[str, str] | None = None,
    cpu: int | None = None,
    cwd: str | Path = REPO_ROOT,
    python: str = sys.executable,
    ready_timeout_s: float = 90.0,
    env: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """Run `streamlit run script` for the duration of the with-block.

    `options` override DEFAULT_OPTIONS (e.g. {"runner.postScriptGC": "true"}).
    `cpu` pins the server to one core, so the load client can have another.
    The working directory defaults to the repository root, so the project's
    .streamlit/config.toml applies as in production. `env` is added to this
    process's environment (e.g. COMPANION_DB for a seeded database).
    """
    port = port or free_port()
    merged = {**DEFAULT_OPTIONS, **(options or {}), "server.port": str(port)}
    cmd = [python, "-m", "streamlit", "run", str(Path(script).resolve())]
    for key, value in merged.items():
        cmd += [f"--{key}", value]
    if cpu is not None and shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cpu), *cmd]  # exec's into python: same pid

    log = tempfile.NamedTemporaryFile(prefix=f"streamlit-{port}-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, **env} if env else None,
    )
    log.close()
    server = Server(proc=proc, port=port, log_path=Path(log.name))
    failed = True
    try:
        _wait_healthy(server, ready_timeout_s)
        yield server
        failed = False
    finally:
        _stop(proc)
        if not failed:  # a failed run keeps its log for a look afterwards
            server.log_path.unlink(missing_ok=True)


# --- /proc readings -------------------------------------------------------

_CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class ProcSample:
    at: float  # time.monotonic()
    cpu_s: float  # user + system, own and reaped children
    rss_mb: float
    peak_rss_mb: float  # VmHWM: the high-water mark over the process's life
    cpu_wait_s: float  # runnable but not running: other work held the CPU


def _cpu_wait_s(pid: int) -> float:
    """Run-queue wait summed over the live threads (schedstat's 2nd field, ns)."""
    total = 0
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(stat.read_text().split()[1])
    return total / 1e9


def threads_cpu(pid: int) -> dict[str, int]:
    """CPU ns of each live thread, to the nanosecond (schedstat's 1st field).

    /proc/PID/stat counts in clock ticks (10 ms), too coarse for an interaction of 2 ms. This is
    exact but forgets a thread that ended: use it (with `threads_cpu_ms`) over windows where the
    threads live on, such as HTTP routes and the event loop, not script runs."""
    out = {}
    for stat in Path(f"/proc/{pid}/task").glob("*/schedstat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            out[stat.parent.name] = int(stat.read_text().split()[0])
    return out


def threads_cpu_ms(before: dict[str, int], after: dict[str, int]) -> float:
    """CPU-ms between two `threads_cpu` readings, threads started meanwhile included."""
    return sum(ns - before.get(tid, 0) for tid, ns in after.items()) / 1e6


def sample(pid: int) -> ProcSample:
    with open(f"/proc/{pid}/stat") as f:
        # The command name may contain spaces; fields are counted after its ')'.
        fields = f.read().rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(x) for x in fields[11:15])
    status = Path(f"/proc/{pid}/status").read_text()
    mem = {
        line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))
    }
    return ProcSample(
        at=time.monotonic(),
        cpu_s=(utime + stime + cutime + cstime) / _CLK_TCK,
        rss_mb=mem.get("VmRSS", 0) / 1024,
        peak_rss_mb=mem.get("VmHWM", 0) / 1024,
        cpu_wait_s=_cpu_wait_s(pid),
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("script")
    ap.add_argument("--port", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=600.0, help="stop after this")
    ap.add_argument("--cpu", type=int, default=None, help="pin the server to a core")
    ap.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="streamlit option, e.g. runner.postScriptGC=true",
    )
    args = ap.parse_args(argv)
    options = dict(o.split("=", 1) for o in args.option)
    # A plain SIGTERM would skip the cleanup below and orphan the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with serve(args.script, port=args.port, options=options, cpu=args.cpu) as srv:
        print(f"port={srv.port} pid={srv.pid} log={srv.log_path}", flush=True)
        try:
            srv.proc.wait(timeout=args.seconds)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            pass


if __name__ == "__main__":
    main()
