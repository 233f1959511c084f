"""One boot per process and settings (companion/boot.py), settings found in the project folder
(companion/config.py), and one reset for every cache (companion/caches.py)."""

import pytest
from click.testing import CliRunner

from companion import boot, caches, config, people, questions
from companion.cli import main
from companion.clock import NOW_EXAMPLE
from companion.errors import CompanionError, ConfigError
from companion.ui import hall_view, routes

from .asgi import request

DATA = config.HOME / "data"


@pytest.fixture
def settings(db_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setenv("COMPANION_DATA", str(DATA))
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T10:45")
    monkeypatch.setenv("COMPANION_BACKUP_MINUTES", "0")


@pytest.fixture
def broken_data(settings, monkeypatch, broken_data_dir):
    monkeypatch.setenv("COMPANION_DATA", str(broken_data_dir))


# --- one boot ----------------------------------------------------------------------------------


def test_the_same_settings_get_the_same_boot_and_clock(settings, monkeypatch):
    first = boot.current()
    assert boot.current() is first and boot.serving() is first
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T15:20")
    other = boot.current()
    assert other is not first and other.clock is not first.clock
    assert other.now().strftime("%H:%M") == "15:20"


def test_start_migrates_and_prints_each_generated_pin_once(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(tmp_path / "fresh.db"))
    said: list[str] = []
    booted = boot.current().start(announce=said.append)
    booted.start(announce=said.append)
    boot.reset()
    restarted = boot.current().start(announce=said.append)  # a restarted server: the PINs are stored
    assert sorted(line.split(":")[0] for line in said) == [
        "Generated desk PIN",
        "Generated moderator PIN",
        "Generated organizer PIN",
    ]
    with restarted.connect() as conn:
        assert people.all_participants(conn) == []  # the schema is there
    (tmp_path / "fresh.db").unlink()
    assert restarted.start(announce=said.append) is restarted
    assert not (tmp_path / "fresh.db").exists()  # a page run after the first does not touch the database


def test_a_broken_data_file_is_an_error_every_time_and_never_kept(broken_data, monkeypatch):
    for _ in range(2):
        with pytest.raises(CompanionError, match="25. september"):
            boot.current()
    monkeypatch.setenv("COMPANION_DATA", str(DATA))
    assert boot.current().event.date.isoformat() == "2019-09-25"


def test_a_bad_backup_setting_stops_the_server_before_it_touches_the_database(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(tmp_path / "untouched.db"))
    monkeypatch.setenv("COMPANION_BACKUP_KEEP", "0")
    with pytest.raises(ConfigError, match="COMPANION_BACKUP_KEEP"):
        boot.serving()
    assert not (tmp_path / "untouched.db").exists()


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/api/questions", None),
        ("POST", "/api/ask", {"token": "t" * 22, "text": "Hei?", "theme": 0, "show_name": False, "nonce": "a" * 32}),
        ("POST", "/api/vote", {"token": "t" * 22, "question_id": 1, "vote": True}),
        ("GET", "/api/version", None),
    ],
)
def test_with_a_broken_data_file_every_route_answers_503_in_json(broken_data, method, path, body):
    status, answer = request(method, path, body, query="t=" + "t" * 22)
    assert status == 503 and answer["error"].endswith("unavailable")


def test_with_a_broken_setting_a_command_prints_one_line_and_exits_1(settings, monkeypatch):
    monkeypatch.setenv("COMPANION_NOW", "kvart over ti")
    result = CliRunner().invoke(main, ["now"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"error: COMPANION_NOW must look like {NOW_EXAMPLE} (got 'kvart over ti')"]


# --- settings in the project folder ------------------------------------------------------------


def test_the_secrets_file_and_default_paths_are_found_in_the_home_folder(tmp_path, monkeypatch):
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('COMPANION_DESK_PIN = "4321"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    read = config.read_settings({}, home=tmp_path)
    assert read.get("COMPANION_DESK_PIN") == "4321"
    assert read.db_path == config.HOME / "data" / "companion.db"  # Settings keep the project's home
    assert config.Settings(home=tmp_path).db_path == tmp_path / "data" / "companion.db"
    assert config.Settings(home=tmp_path).data_dir == tmp_path / "data"
    assert config.Settings({"COMPANION_DB": "mine.db"}, home=tmp_path).db_path.as_posix() == "mine.db"


def test_the_project_folder_is_where_the_app_is(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert (config.HOME / "app.py").is_file()
    assert config.read_settings({}).data_dir == config.HOME / "data"


def test_an_edited_secrets_file_is_read_again(tmp_path):
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('COMPANION_DESK_PIN = "1"\n', encoding="utf-8")
    assert config.read_settings({}, home=tmp_path).get("COMPANION_DESK_PIN") == "1"
    secrets.write_text('COMPANION_DESK_PIN = "22"\n', encoding="utf-8")
    assert config.read_settings({}, home=tmp_path).get("COMPANION_DESK_PIN") == "22"
    secrets.write_text("COMPANION_DESK_PIN = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="secrets.toml"):
        config.read_settings({}, home=tmp_path)


# --- caches ------------------------------------------------------------------------------------


def test_reset_all_empties_every_registered_cache(settings, conn, db_path, event, at, tmp_path):
    (tmp_path / "secrets.toml").write_text("", encoding="utf-8")
    config.read_secrets_file(tmp_path / "secrets.toml")
    boot.serving()
    request("GET", "/api/version")
    hall_view.shared_part(conn, db_path, event, "nb", at("15:20"))
    questions.with_near_duplicates([])
    assert boot._boots and routes._cache and hall_view._shared and config._secrets_read
    assert routes._db_path.cache_info().currsize == 1 and questions._clusters.cache_info().currsize == 1
    caches.reset_all()
    assert not boot._boots and not routes._cache and not hall_view._shared and not config._secrets_read
    assert routes._db_path.cache_info().currsize == 0 and questions._clusters.cache_info().currsize == 0


def test_a_registered_clear_runs_on_reset_all(monkeypatch):
    monkeypatch.setattr(caches, "_clears", list(caches._clears))
    calls = []
    caches.register(lambda: calls.append("cleared"))
    caches.reset_all()
    assert calls == ["cleared"]


# --- the rehearsal clock across a restart --------------------------------------------------------


def test_a_restarted_rehearsal_clock_continues_from_the_first_start(settings, monkeypatch):
    from datetime import datetime, timedelta

    from companion.clock import parse_instant

    tz = boot.current().event.tz
    first_start = datetime(2024, 3, 1, 9, 0, tzinfo=tz)
    first = boot.Boot(config.read_settings(), real_now=first_start).start(announce=lambda _: None)
    assert first.clock.now(first_start + timedelta(minutes=10)).strftime("%H:%M") == "10:55"
    restart = first_start + timedelta(minutes=30)  # the server is killed and started again
    second = boot.Boot(config.read_settings(), real_now=restart).start(announce=lambda _: None)
    assert second.clock.now(restart) == parse_instant("2019-09-25T11:15", tz)  # not 10:45 again
    monkeypatch.setenv("COMPANION_NOW", "2019-09-25T13:00")  # a new rehearsal starts over
    third = boot.Boot(config.read_settings(), real_now=restart).start(announce=lambda _: None)
    assert third.clock.now(restart).strftime("%H:%M") == "13:00"
    fourth = boot.Boot(config.read_settings(), real_now=restart + timedelta(minutes=5)).start(announce=lambda _: None)
    assert fourth.clock.now(restart + timedelta(minutes=5)).strftime("%H:%M") == "13:05"
