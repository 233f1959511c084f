"""A real Caddy (deploy/Caddyfile, as shipped) in front of live servers, on loopback only.

Missing binaries fail with the command that installs them (.ci/run does), never a skip."""

import hashlib
import hmac
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, free_port, stop_process

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
        stop_process(self.proc)


def browser_flags(address: str = "127.0.0.1") -> list[str]:
    """verksted.test is this machine (at `address`); the proxy's internal CA is not in Chromium's store."""
    return [f"--host-resolver-rules=MAP {HOST} {address}", "--ignore-certificate-errors"]


def self_signed(home: Path) -> tuple[Path, Path]:
    """A certificate for verksted.test (the browser ignores certificate errors; nginx needs one)."""
    cert, key = home / "cert.pem", home / "key.pem"
    subprocess.run(
        [need("openssl", "openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def nginx_site(upstreams: list[int], prefix: str, static: Path, https_port: int, http_port: int, cert, key) -> str:
    """deploy/nginx-verksted.conf with its marked lines filled in as an operator would, on loopback.
    Every replacement must hit: a shipped file that drifted from these lines fails here."""
    text = (DEPLOY / "nginx-verksted.conf").read_text()
    static_path = f"{prefix}/static/"
    edits = [
        (r"    server 127\.0\.0\.1:8501;.*\n", "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams), 1),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;", 1),
        (r"listen \[::\]:443 ssl http2;", f"listen [::1]:{https_port} ssl http2;", 1),
        (r"listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        (r"listen \[::\]:80;", f"listen [::1]:{http_port};", 1),
        (r"server_name arrangement\.example\.no;", f"server_name {HOST};", 2),
        (r"ssl_certificate /etc/ssl/verksted/fullchain\.pem;", f"ssl_certificate {cert};", 1),
        (r"ssl_certificate_key /etc/ssl/verksted/privkey\.pem;", f"ssl_certificate_key {key};", 1),
        (r"location /verksted/static/ \{", f"location {static_path} {{", 1),
        (r"location ~ \^/verksted/", f"location ~ ^{prefix}/", 1),
        (r"alias /opt/verksted/\.venv/lib/python3\.11/site-packages/streamlit/static/static/;", f"alias {static}/;", 1),
    ]
    for pattern, replacement, count in edits:
        text, made = re.subn(pattern, lambda _m, r=replacement: r, text)
        assert made == count, f"deploy/nginx-verksted.conf: {pattern!r} matched {made} times, not {count}"
    return text


class Nginx:
    """deploy/nginx-verksted.conf, filled in, under a main config of its own: a foreground child
    process on loopback ports with its pid file, logs and temp folders under `tmp`."""

    def __init__(self, tmp: Path, upstreams: list[int], static: Path, prefix: str = ""):
        self.binary = need("nginx", "nginx-light")
        self.port = free_port()
        self.prefix = prefix
        self.url = f"https://{HOST}:{self.port}{prefix}"
        self.home = tmp / "nginx"
        for sub in ("logs", "client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.log = self.home / "logs" / "error.log"
        cert, key = self_signed(self.home)
        site = nginx_site(upstreams, prefix, static, self.port, free_port(), cert, key)
        (self.home / "verksted.conf").write_text(site)
        h = self.home
        (h / "nginx.conf").write_text(
            # As root (a container, CI) the workers would run as nobody, who cannot read tmp_path.
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"daemon off;\nmaster_process on;\nworker_processes 1;\npid {h}/nginx.pid;\n"
            f"error_log {self.log} info;\nevents {{ worker_connections 512; }}\n"
            "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
            f"    access_log {h}/logs/access.log;\n    client_body_temp_path {h}/client_body;\n"
            f"    proxy_temp_path {h}/proxy;\n    fastcgi_temp_path {h}/fastcgi;\n"
            f"    uwsgi_temp_path {h}/uwsgi;\n    scgi_temp_path {h}/scgi;\n"
            f"    include {h}/verksted.conf;\n}}\n"
        )
        self.proc: subprocess.Popen | None = None

    def command(self, *extra: str) -> list[str]:
        return [self.binary, "-p", str(self.home), "-c", str(self.home / "nginx.conf"), "-e", str(self.log), *extra]

    def check(self) -> subprocess.CompletedProcess:
        """`nginx -t` on the filled-in site."""
        return subprocess.run(self.command("-t"), capture_output=True, text=True)

    def start(self) -> "Nginx":
        out = (self.home / "logs" / "stdout.log").open("wb")
        self.proc = subprocess.Popen(self.command(), stdout=out, stderr=subprocess.STDOUT)
        _wait_for_port(self.port, self.proc, self.log)
        return self

    def stop(self) -> None:
        stop_process(self.proc)


def consecutive_free_ports(count: int) -> int:
    """The first of `count` free loopback ports in a row (deploy/serve.py takes them so)."""
    for _ in range(50):
        first = free_port()
        try:
            for port in range(first, first + count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
    raise RuntimeError(f"no {count} consecutive free ports on 127.0.0.1")


def caddy_cookie(port: int) -> str:
    """The value Caddy's `lb_policy cookie` (no secret) gives a browser it sent to 127.0.0.1:<port>."""
    return hmac.new(b"", f"127.0.0.1:{port}".encode(), hashlib.sha256).hexdigest()


class Serve:
    """deploy/serve.py (`make serve`) with `processes` app processes, in its own process group."""

    def __init__(self, tmp: Path, env: dict[str, str], processes: int):
        self.first = consecutive_free_ports(processes)
        self.ports = [self.first + i for i in range(processes)]
        self.env = env
        self.log = tmp / "serve.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> "Serve":
        cmd = [sys.executable, str(DEPLOY / "serve.py"), "--processes", str(len(self.ports)), "--port", str(self.first)]
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=self.env, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 90
        for port in self.ports:
            while True:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"make serve did not come up: {self.log.read_text()[-2000:]}")
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.2)
        return self

    def children(self) -> dict[int, int]:
        """port -> pid of each app process (the children of deploy/serve.py)."""
        assert self.proc is not None
        pids = [int(p) for p in Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text().split()]
        out = {}
        for pid in pids:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            out[int(cmd[cmd.index(b"--server.port") + 1])] = pid
        return out

    def environ(self, pid: int) -> dict[str, str]:
        pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        return dict(p.decode(errors="replace").split("=", 1) for p in pairs if b"=" in p)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
