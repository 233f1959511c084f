"""The service files say what an operator relies on, and the systemd unit's commands work when run
by hand. (Docker cannot run here: the Dockerfile and compose.yaml are read, not built.)"""

import os
import re
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from ..conftest import ROOT
from ..e2e.conftest import PINS, free_port

UNIT = ROOT / "deploy" / "verkstedet.service"
ENV_FILE = ROOT / "deploy" / "verkstedet.env"
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "compose.yaml"
HEALTHCHECK = ROOT / "deploy" / "healthcheck.py"


def unit_file(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit as section -> key -> values (a key may repeat); comments left out."""
    sections: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        sections[section][key.strip()].append(value.strip())
    return sections


def dockerfile(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def test_the_unit_runs_as_its_own_user_restarts_on_failure_and_is_hardened():
    service = unit_file(UNIT)["Service"]
    assert service["User"] == ["verkstedet"] and service["Group"] == ["verkstedet"]
    assert service["Restart"] == ["on-failure"]
    assert service["EnvironmentFile"] == ["/etc/verkstedet/verkstedet.env"]
    for option in ("NoNewPrivileges", "PrivateTmp", "ProtectHome"):
        assert service[option] == ["yes"], option
    assert service["ProtectSystem"] == ["strict"]
    assert "/var/lib/verkstedet" in service["ReadWritePaths"][0].split()
    assert unit_file(UNIT)["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_settings_file_has_every_setting_the_unit_needs_and_they_are_declared():
    from companion.config import SETTINGS

    declared = {s.name for s in SETTINGS}
    given = dict(
        line.split("=", 1) for line in ENV_FILE.read_text(encoding="utf-8").splitlines() if re.match(r"^[A-Z_]+=", line)
    )
    assert set(given) <= declared
    assert {"COMPANION_BASE_URL", "COMPANION_DB", "COMPANION_BACKUP_COPY_TO", *PINS} <= set(given)
    assert given["COMPANION_DB"].startswith(unit_file(UNIT)["Service"]["ReadWritePaths"][0].split()[0])


def test_the_dockerfile_pins_its_base_runs_as_non_root_keeps_data_in_a_volume_and_checks_health():
    steps = dockerfile(DOCKERFILE)
    assert [a for i, a in steps if i == "FROM"] == ["python:3.11-slim-bookworm"]
    users = [a for i, a in steps if i == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert [a for i, a in steps if i == "VOLUME"] == ['["/data"]']
    env = " ".join(a for i, a in steps if i == "ENV")
    assert "COMPANION_DB=/data/companion.db" in env
    [health] = [a for i, a in steps if i == "HEALTHCHECK"]
    assert "deploy/healthcheck.py" in health
    assert "_stcore/health" in HEALTHCHECK.read_text(encoding="utf-8")
    copied = " ".join(a for i, a in steps if i == "COPY")
    assert "deploy/healthcheck.py" in copied and "secrets" not in copied
    assert ".streamlit/secrets.toml" in (ROOT / ".dockerignore").read_text(encoding="utf-8")


def test_compose_keeps_the_data_in_a_volume_behind_a_proxy_on_loopback():
    text = COMPOSE.read_text(encoding="utf-8")
    assert "build: ." in text and "restart: unless-stopped" in text
    assert '"127.0.0.1:8501:8501"' in text  # only the proxy on this machine reaches the app
    assert "verkstedet-data:/data" in text and re.search(r"^volumes:\n  verkstedet-data:", text, re.M)
    assert "COMPANION_BASE_URL: ${COMPANION_BASE_URL:?" in text  # no start without the address
    assert "COMPANION_BACKUP_COPY_TO: /copy" in text and ":/copy" in text
    assert "no-new-privileges:true" in text


def test_the_healthcheck_asks_below_the_path_prefix():
    sys.path.insert(0, str(HEALTHCHECK.parent))
    try:
        import healthcheck
    finally:
        sys.path.remove(str(HEALTHCHECK.parent))
    assert healthcheck.health_url({}) == "http://127.0.0.1:8501/_stcore/health"
    assert (
        healthcheck.health_url({"STREAMLIT_SERVER_PORT": "8502", "STREAMLIT_SERVER_BASE_URL_PATH": "/verksted/"})
        == "http://127.0.0.1:8502/verksted/_stcore/health"
    )


def _by_hand(command: str, port: int) -> list[str]:
    """The unit's command as this checkout runs it: its python, this folder, a free port."""
    argv = shlex.split(command)
    assert argv[0] == "/opt/verkstedet/.venv/bin/python"
    argv[0] = sys.executable
    return [str(port) if a == "8501" else a for a in argv]


def test_the_units_commands_work_when_run_by_hand_from_the_project_folder(tmp_path):
    service = unit_file(UNIT)["Service"]
    assert service["WorkingDirectory"] == ["/opt/verkstedet"]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env.update(PINS)
    env.update(
        PYTHONPATH=str(ROOT / "src"),
        COMPANION_DB=str(tmp_path / "state" / "companion.db"),
        COMPANION_BASE_URL="https://verksted.example.no",
        COMPANION_BACKUP_COPY_TO=str(tmp_path / "stick"),
        STREAMLIT_SERVER_PORT=str(port),
    )
    (tmp_path / "state").mkdir()
    [pre] = service["ExecStartPre"]
    first = subprocess.run(_by_hand(pre, port), cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "state" / "companion.db").exists()
    [start] = service["ExecStart"]
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(_by_hand(start, port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            check = subprocess.run([sys.executable, str(HEALTHCHECK)], env=env, capture_output=True, timeout=10)
            if check.returncode == 0:
                break
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.5)
        # doctor, against this server: it answers on its port
        doctor = subprocess.run(
            [sys.executable, "-m", "companion", "doctor", "--ports", str(port)],
            cwd="/",
            env={**env, "COMPANION_BASE_URL": f"http://127.0.0.1:{port}"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert "OK    answering:" in doctor.stdout and "OK    processes: 1 of 1" in doctor.stdout, doctor.stdout
        assert doctor.returncode == 1  # plain http on loopback is not ready for the day
    finally:
        server.terminate()
        server.wait(timeout=20)
    # the service stops cleanly on SIGTERM (systemctl stop): no traceback in its log
    assert "Traceback" not in (tmp_path / "server.log").read_text()
