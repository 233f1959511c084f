"""The Streamlit internals we rely on (ui/streamlit_compat.py) are still there: each test fails
loudly when an upgrade removes or renames one, before a bug or a measured cost comes back."""

import functools
import inspect
import re
import threading
import tomllib
from pathlib import Path

import pytest
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.watcher import polling_path_watcher

from companion.ui import streamlit_compat

ROOT = Path(__file__).resolve().parents[2]
OURS = [
    *(ROOT / "src" / "companion").rglob("*.py"),
    *(p for p in (ROOT / "src" / "companion" / "ui" / "templates").rglob("*") if p.is_file()),
]
OURS += [*(ROOT / "pages").glob("*.py"), ROOT / "app.py"]


@functools.lru_cache(maxsize=1)
def frontend() -> str:
    """Streamlit's frontend as the browser gets it: its JS bundle and its CSS."""
    static = streamlit_compat.STATIC_DIR / "static"
    files = [*(static / "js").glob("*.js"), *(static / "css").glob("*.css")]
    assert files, f"no frontend bundle under {static}"
    return "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files)


@pytest.fixture
def pages_flag():
    before = PagesManager.uses_pages_directory
    yield
    PagesManager.uses_pages_directory = before


def test_streamlit_still_decides_about_a_pages_folder_by_the_flag_we_set(pages_flag):
    # Left to itself, Streamlit sees our pages/ folder and takes it for folder-based pages ...
    PagesManager.uses_pages_directory = None
    PagesManager(str(ROOT / "app.py"))
    assert PagesManager.uses_pages_directory is True
    # ... and said up front, it keeps our answer.
    PagesManager.uses_pages_directory = None
    streamlit_compat.declare_navigation_pages()
    PagesManager(str(ROOT / "app.py"))
    assert PagesManager.uses_pages_directory is False
    assert "PagesManager.uses_pages_directory" in inspect.getsource(script_runner)


def test_the_config_file_poll_waits_as_long_as_we_say(tmp_path, monkeypatch):
    monkeypatch.setattr(polling_path_watcher, "_POLLING_PERIOD_SECS", polling_path_watcher._POLLING_PERIOD_SECS)
    waits: list[float] = []
    waited = threading.Event()

    class Clock:  # the watcher module's own `time`, nobody else's
        @staticmethod
        def sleep(seconds: float) -> None:
            waits.append(seconds)
            waited.set()

    monkeypatch.setattr(polling_path_watcher, "time", Clock)
    streamlit_compat.poll_config_files_every(5.0)
    watched = tmp_path / "config.toml"
    watched.write_text("", encoding="utf-8")
    watcher = polling_path_watcher.PollingPathWatcher(str(watched), lambda path: None)
    watcher.close()
    assert waited.wait(10), "the polling watcher never waited"
    assert set(waits) == {5.0}


def test_garbage_collection_after_each_run_is_an_option_we_turn_off():
    assert isinstance(st.get_option(streamlit_compat.POST_SCRIPT_GC), bool)  # unknown option: raises
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False
    assert f'get_option("{streamlit_compat.POST_SCRIPT_GC}")' in inspect.getsource(script_runner)


def test_streamlits_text_face_is_where_the_iframe_fetches_it():
    found = streamlit_compat.font_file()
    assert found is not None and found.is_file(), "Streamlit's Source Sans font file is gone"
    assert streamlit_compat.font_url() == f"/static/media/{found.name}"
    assert found.name in frontend()  # the face Streamlit itself uses, not a leftover file


def test_the_frontend_still_marks_a_keyed_element_with_the_key_class():
    assert re.search(r"[`'\"]" + re.escape(streamlit_compat.KEY_CLASS_PREFIX) + r"[`'\"]\s*\+", frontend())
    assert streamlit_compat.key_selector("now_refresh", "button") == ".st-key-now_refresh button"
    with pytest.raises(ValueError):
        streamlit_compat.key_class("two words")  # the frontend would make that "two-words"


def test_an_html_iframe_is_same_origin_so_its_script_can_reach_the_page():
    sandbox = re.findall(r"\[([^\[\]]*allow-same-origin[^\[\]]*)\]", frontend())
    assert any("allow-scripts" in tokens for tokens in sandbox), "st.iframe's sandbox lost allow-same-origin"
    assert "srcDoc" in frontend()


def test_every_streamlit_element_our_css_styles_still_exists():
    styled = set()
    for path in OURS:
        text = path.read_text(encoding="utf-8")
        styled |= set(re.findall(r'data-testid="(\w+)"', text))
        styled |= set(re.findall(r"\.(st[A-Z]\w+|block-container)\b", text))
    assert styled
    bundle = frontend()
    assert sorted(name for name in styled if not re.search(r"(?<![\w-])" + name + r"(?![\w-])", bundle)) == []


def test_the_compat_module_is_the_only_one_that_touches_streamlit_internals():
    internal = re.compile(r"\b(PagesManager|polling_path_watcher|_POLLING_PERIOD_SECS|SourceSansVF|st-key-)")
    offenders = [
        str(path.relative_to(ROOT))
        for path in OURS
        if path.name != "streamlit_compat.py" and path.suffix == ".py" and internal.search(path.read_text("utf-8"))
    ]
    assert offenders == []


# --- the page shell and compression (ui/page_shell.py, ui/compression.py) -------------------------


def _bundle_text() -> str:
    return "".join(
        p.read_text(encoding="utf-8") for p in (streamlit_compat.STATIC_DIR / "static" / "js").glob("index.*.js")
    )


def test_streamlits_page_still_has_the_marks_the_page_shell_rewrites():
    page = streamlit_compat.INDEX_HTML.read_text(encoding="utf-8")
    assert streamlit_compat.ROOT_ELEMENT in page
    assert '<html lang="en">' in page and "<title>Streamlit</title>" in page and "</head>" in page


def test_the_frontend_still_reads_block_error_dialogs_from_the_host_config_and_window():
    bundle = _bundle_text()
    assert streamlit_compat.BLOCK_ERROR_DIALOGS in bundle
    assert "window.__streamlit" in bundle and "HOST_CONFIG" in bundle
    assert "Is Streamlit still running" in bundle  # what the flag keeps off the screen
    assert streamlit_compat.STREAM_PATH in bundle and streamlit_compat.HOST_CONFIG_PATH in bundle


def test_static_files_are_where_the_compression_looks_for_them():
    page = streamlit_compat.INDEX_HTML.read_text(encoding="utf-8")
    scripts = re.findall(r'src="\./static/(js/index\.[^"]+\.js)"', page)
    assert scripts and (streamlit_compat.STATIC_DIR / "static" / scripts[0]).is_file()
    assert streamlit_compat.static_prefix() == "/static/"
    assert "immutable" in streamlit_compat.static_cache_control(scripts[0])


def test_the_english_words_we_translate_are_the_ones_streamlit_writes():
    bundle = frontend()
    gone = [words for words in streamlit_compat.FRONTEND_STRINGS if not re.search(rf"`\s*{re.escape(words)}`", bundle)]
    assert gone == [], "Streamlit no longer writes these: ui/a11y.py translates nothing for them"


def test_streamlits_page_says_english_until_our_script_sets_the_language():
    html = streamlit_compat.INDEX_HTML.read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*\blang="en"', html), "Streamlit's index.html changed its lang: check ui/a11y.py"
