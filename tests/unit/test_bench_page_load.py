"""What the load simulator finds to fetch in Streamlit's page, and how it spreads cached phones.

The full comparison with Chromium is tests/e2e/test_bench_calibration.py; these are the parts
that need no server.
"""

import re
from pathlib import Path

import streamlit

from bench.load import _HTML_ASSET, _HTML_ENTRY, _JS_CHUNK, _JS_IMPORT, Browser, _browser_for

STATIC = Path(streamlit.__file__).parent / "static"


def test_the_page_html_names_the_entry_script_its_preloads_stylesheet_font_and_icon():
    html = (STATIC / "index.html").read_text()
    found = _HTML_ASSET.findall(html)
    entry = _HTML_ENTRY.search(html)

    assert entry and re.fullmatch(r"\./static/js/index\.[\w-]+\.js", entry.group(1))
    assert sum(ref.endswith(".js") for ref in found) >= 40  # the entry and its modulepreloads
    assert any(ref.endswith(".css") for ref in found)
    assert any(ref.endswith(".woff2") for ref in found)
    assert "./favicon.png" in found
    assert all((STATIC / ref).is_file() for ref in found), "every named file is served"


def test_an_element_kind_finds_its_chunk_and_the_chunk_its_imports():
    entry = _HTML_ENTRY.search((STATIC / "index.html").read_text()).group(1)
    index = (STATIC / entry).read_text()
    chunks = {m.group(1).lower(): m.group(0).strip('"') for m in _JS_CHUNK.finditer(index)}

    assert "iframe" in chunks and "html" in chunks and "pagelink" in chunks
    iframe = (STATIC / "static" / "js" / chunks["iframe"]).read_text()
    assert any(ref.startswith("./IFrameUtil.") for ref in _JS_IMPORT.findall(iframe))


def test_a_cached_share_is_spread_evenly_over_the_phones():
    phones = [_browser_for(i, Browser(), 0.25) for i in range(100)]

    assert sum(b.cached for b in phones) == 25
    assert not any(b.cached for b in phones[:3]) and phones[3].cached
    assert all(not _browser_for(i, Browser(), 0.0).cached for i in range(10))
    assert _browser_for(0, None, 0.5) is None  # the websocket alone stays so
