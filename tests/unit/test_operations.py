"""Going live: the base URL is checked at start-up and drives every link; links to this machine are
refused; every snapshot gets a copy off the machine; the command line runs from any directory."""

import csv
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from companion import backup, boot, config, snapshots
from companion.cli import main
from companion.errors import ConfigError

from ..conftest import DATA, ROOT
from .asgi import request

ROOT_USER = os.geteuid() == 0
NOON = datetime(2019, 9, 25, 10, 0, tzinfo=UTC)


@pytest.fixture
def env(db_path, monkeypatch, tmp_path):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(DATA))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T08:42")
    monkeypatch.setenv("COMPANION_BACKUP_MINUTES", "0")
    monkeypatch.setenv("COMPANION_BASE_URL", "https://verksted.example.no/verksted")
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def cli(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --- the base URL


@pytest.mark.parametrize(
    "url",
    [
        "verksted.example.no",  # no scheme
        "ftp://verksted.example.no",
        "https://verksted example.no",
        "https://verksted.example.no/?t=abc",
        "https://verksted.example.no/#top",
        "https://",
        "https://verksted.example.no:port",
        "javascript:alert(1)",
    ],
)
def test_a_malformed_base_url_is_refused_naming_the_setting(url):
    with pytest.raises(ConfigError) as caught:
        config.check_base_url(url)
    assert caught.value.code == "bad_base_url" and "COMPANION_BASE_URL" in caught.value.message


@pytest.mark.parametrize(
    "url", ["https://verksted.example.no", "https://arrangement.example.no/verksted/", "http://10.0.0.5:8501"]
)
def test_a_good_base_url_passes(url):
    config.check_base_url(url)


@pytest.mark.parametrize(
    "url, local",
    [
        ("http://localhost:8501", True),
        ("http://127.0.0.1:8501", True),
        ("https://127.1.2.3/verksted", True),
        ("http://[::1]:8501", True),
        ("http://app.localhost", True),
        ("https://verksted.example.no", False),
        ("http://10.0.0.5:8501", False),
        ("https://localhost.example.no", False),
    ],
)
def test_links_to_this_machine_are_recognised(url, local):
    assert config.is_local_url(url) is local


def test_a_malformed_base_url_stops_a_command_with_one_line_naming_it(env):
    env.setenv("COMPANION_BASE_URL", "verksted.example.no")
    result = cli("now")
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith("error: COMPANION_BASE_URL must start with https://")


def test_a_malformed_base_url_stops_the_routes_too(env):
    env.setenv("COMPANION_BASE_URL", "https://verksted.example.no/?x=1")
    with pytest.raises(ConfigError):
        boot.current()
    status, answer = request("GET", "/api/version")
    assert status == 503 and answer["error"].endswith("unavailable")


# --- links: tickets and roles


def test_tickets_refuse_links_to_localhost_naming_the_setting(env, tmp_path):
    env.setenv("COMPANION_BASE_URL", "http://localhost:8501")
    cli("init", "--demo")
    result = CliRunner().invoke(main, ["tickets", "--out", "out"])
    assert result.exit_code == 1
    assert "COMPANION_BASE_URL" in result.output and "--allow-localhost" in result.output
    assert not (tmp_path / "out").exists()
    assert cli("tickets", "--out", "out", "--allow-localhost").exit_code == 0
    assert (tmp_path / "out" / "links.csv").exists()


def test_tickets_write_links_under_the_base_url_with_its_path(env, tmp_path):
    cli("init", "--demo")
    assert cli("tickets", "--out", "out").exit_code == 0
    rows = list(csv.DictReader((tmp_path / "out" / "links.csv").open(encoding="utf-8-sig")))
    assert rows[0]["personal_url"].startswith("https://verksted.example.no/verksted/?t=")


def test_roles_prints_the_base_url_when_it_is_set(env):
    cli("init", "--demo")
    out = cli("roles", "--port", "9999").output
    assert "Verkstedet on https://verksted.example.no/verksted" in out
    assert "https://verksted.example.no/verksted/desk" in out and "localhost" not in out
    env.delenv("COMPANION_BASE_URL")
    assert "Verkstedet on http://localhost:9999" in cli("roles", "--port", "9999").output


# --- copies off the machine


def test_every_snapshot_is_copied_to_the_copy_folder(db_path, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    snap = backup.take_snapshot(db_path, now=NOON, kind="auto", keep=2, copy_to=stick)
    assert (stick / snap.name).read_bytes() == snap.path.read_bytes()
    assert backup.copy_failure(db_path) is None


def test_the_copy_folder_keeps_as_many_automatic_copies_as_the_machine(db_path, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    for minute in range(4):
        backup.take_snapshot(db_path, now=NOON.replace(minute=minute), kind="auto", keep=2, copy_to=stick)
    assert sorted(p.name for p in stick.iterdir()) == sorted(
        s.name for s in backup.list_snapshots(backup.snapshot_dir(db_path))
    )
    assert len(list(stick.iterdir())) == 2


@pytest.mark.parametrize("kind", ["missing", "a file", "read-only"])
def test_a_copy_folder_that_fails_never_stops_the_snapshot_and_is_remembered(db_path, tmp_path, kind):
    stick = tmp_path / "stick"
    if kind == "a file":
        stick.write_text("not a folder")
    elif kind == "read-only":
        if ROOT_USER:
            pytest.skip("root writes to read-only folders")
        stick.mkdir()
        stick.chmod(0o500)
    timer = snapshots.SnapshotTimer(db_path, every_minutes=5, keep=3, clock=lambda: NOON, copy_to=stick)
    snap = timer.run_once()
    assert snap is not None and snap.path.exists()
    assert timer.last_error is None  # the snapshot itself worked
    failure = backup.copy_failure(db_path)
    assert failure is not None and failure["folder"] == str(stick) and failure["error"]
    # once the stick is back, the next copy works and the failure is forgotten
    if kind == "a file":
        stick.unlink()
    if kind == "read-only":
        stick.chmod(0o700)
    stick.mkdir(exist_ok=True)
    later = snapshots.SnapshotTimer(
        db_path, every_minutes=5, keep=3, clock=lambda: NOON.replace(minute=5), copy_to=stick
    ).run_once()
    assert (stick / later.name).exists() and backup.copy_failure(db_path) is None


def test_a_snapshot_taken_by_hand_is_copied_too(db_path, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    snap = backup.snapshot_by_hand(db_path, now=NOON, role="organizer", copy_to=stick)
    assert (stick / snap.name).exists()


def test_the_boot_gives_the_timer_the_copy_folder(env, tmp_path, db_path):
    stick = tmp_path / "stick"
    env.setenv("COMPANION_BACKUP_COPY_TO", str(stick))
    env.setenv("COMPANION_BACKUP_MINUTES", "5")
    try:
        boot.current().start(announce=lambda line: None)
        assert snapshots.timer_for(db_path).copy_to == stick
    finally:
        snapshots.stop_all()


# --- the command line from any directory


def _cli_from(cwd, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    clean["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), clean.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "companion", "now"],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_line_finds_the_project_folder_from_another_directory(tmp_path):
    result = _cli_from(tmp_path, COMPANION_DB=str(tmp_path / "x.db"), COMPANION_NOW="2019-09-25T10:45")
    assert result.returncode == 0, result.stderr
    assert "Time:  2019-09-25 10:45" in result.stdout and "Now: " in result.stdout


def test_companion_home_moves_data_the_database_and_the_secrets_file(tmp_path):
    home = tmp_path / "home"
    (home / ".streamlit").mkdir(parents=True)
    shutil.copytree(DATA, home / "data", ignore=shutil.ignore_patterns("*.db", "*.db-*", "backups", "exports"))
    (home / ".streamlit" / "secrets.toml").write_text('COMPANION_NOW = "2019-09-25T15:20"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = _cli_from(elsewhere, COMPANION_HOME=str(home))
    assert result.returncode == 0, result.stderr
    assert "Time:  2019-09-25 15:20" in result.stdout  # the home's secrets file was read
    assert (home / "data" / "companion.db").exists() and not list(elsewhere.iterdir())


def test_companion_home_is_the_project_folder_unless_set(tmp_path):
    assert config.home_folder({}) == config.HOME == ROOT
    assert config.home_folder({"COMPANION_HOME": str(tmp_path)}) == tmp_path
    assert config.read_settings({"COMPANION_HOME": str(tmp_path)}).db_path == tmp_path / "data" / "companion.db"
