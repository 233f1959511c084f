"""A real Caddy (deploy/Caddyfile, as shipped) in front of live servers, on loopback only.

Missing binaries fail with the command that installs them (.ci/run does), never a skip."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, free_port

DEPLOY = ROOT / "deploy"
HOST = "verksted.test"


def need(binary: str, package: str) -> str:
    found = shutil.which(binary) or next(
        (p for p in (f"/usr/bin/{binary}", f"/usr/sbin/{binary}") if os.path.exists(p)), None
    )
    if not found:
        pytest.fail(f"No {binary} for the proxy tests: apt-get install {package} (.ci/run does)", pytrace=False)
    return found


def precompressed_static(target: Path) -> Path:
    """Streamlit's hashed files with their .gz siblings, made by deploy/precompress.py."""
    subprocess.run([sys.executable, str(DEPLOY / "precompress.py"), "--to", str(target)], check=True, cwd=ROOT)
    return target


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"proxy exited: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"proxy did not listen on {port} within 30 s: {log.read_text()[-2000:]}")


class Caddy:
    """deploy/Caddyfile with `tls internal` for https://verksted.test:<port>, everything on loopback."""

    def __init__(self, tmp: Path, upstreams: list[int], static: Path, prefix: str = "", global_extra: str = ""):
        self.binary = need("caddy", "caddy")
        self.port = free_port()
        self.prefix = prefix
        self.url = f"https://{HOST}:{self.port}{prefix}"
        home = tmp / "caddy"
        home.mkdir(parents=True, exist_ok=True)
        self.log = home / "caddy.log"
        lines = ["default_bind 127.0.0.1 [::1]", "skip_install_trust"]
        lines += [f"http_port {free_port()}", f"https_port {self.port}"]
        self.env = {
            **os.environ,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "VERKSTED_ADMIN": "off",
            "VERKSTED_GLOBAL": "\n".join(lines + ([global_extra] if global_extra else [])),
            "VERKSTED_SITE": f"https://{HOST}:{self.port}",
            "VERKSTED_TLS": "tls internal",
            "VERKSTED_PREFIX": prefix,
            "VERKSTED_UPSTREAMS": " ".join(f"127.0.0.1:{port}" for port in upstreams),
            "VERKSTED_STATIC": str(static),
        }
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Caddy":
        cmd = [self.binary, "run", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"]
        self.proc = subprocess.Popen(cmd, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT)
        _wait_for_port(self.port, self.proc, self.log)
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def browser_flags(address: str = "127.0.0.1") -> list[str]:
    """verksted.test is this machine (at `address`); the proxy's internal CA is not in Chromium's store."""
    return [f"--host-resolver-rules=MAP {HOST} {address}", "--ignore-certificate-errors"]
