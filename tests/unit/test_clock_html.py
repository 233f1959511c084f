"""The browser clock's HTML: stable between reruns, and safe with any label."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from companion.ui.clock import clock_html
from companion.ui.live import CLOCK_POLL_SECONDS, POLL_SECONDS, watcher_html

OSLO = ZoneInfo("Europe/Oslo")
SLOT = dict(start=datetime(2019, 9, 25, 10, 30, tzinfo=OSLO), end=datetime(2019, 9, 25, 12, 30, tzinfo=OSLO))


def make(**extra):
    arguments = {"offset_ms": -1000, "tz": "Europe/Oslo", "lang": "nb", "clock_label": "Klokken er", **SLOT, **extra}
    return clock_html(**arguments)


def config(page: str) -> dict:
    """The config the page's script starts from (`const cfg = ...;`), as the browser reads it."""
    (text,) = re.findall(r"^const cfg = (.*);$", page, re.M)
    return json.loads(text)


def test_the_same_arguments_give_the_same_html_so_the_browser_keeps_the_iframe():
    assert make(target=SLOT["end"], count_label="Lunsj om") == make(target=SLOT["end"], count_label="Lunsj om")


def test_a_label_cannot_break_out_of_the_script():
    page = make(target=SLOT["end"], count_label="</script><script>alert(1)</script>")
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 1


def test_a_label_with_a_placeholder_is_not_substituted_again():
    page = make(clock_label="@config@ {{ config }}")
    assert 'aria-label="@config@ {{ config }}"' in page


def test_watch_carries_the_version_and_the_next_change():
    page = make(watch={"key": "now_refresh", "version": "s1.1", "next_change": SLOT["end"]})
    watch = config(page)["watch"]
    assert watch["version"] == "s1.1" and watch["nextChange"] == round(SLOT["end"].timestamp() * 1000)


def test_the_clock_polls_at_its_own_slower_pace_and_the_watcher_keeps_its_own():
    watch = {"key": "now_refresh", "version": "s1.1"}
    clock = config(make(watch=watch))["watch"]["pollMs"]
    watcher = config(watcher_html({**watch, "field": "questions"}))["watch"]["pollMs"]
    assert (clock, watcher) == (CLOCK_POLL_SECONDS * 1000, POLL_SECONDS * 1000)
    assert clock > watcher  # the clock's poll is the slower one, whatever the constants say


def test_the_clock_uses_the_page_s_own_face():
    from companion.ui.streamlit_compat import font_url

    page = make()
    assert font_url() and f'src:url("{font_url()}")' in page
    assert 'font-family:"Source Sans"' in page


def test_the_countdown_is_told_in_words():
    assert config(make(lang="nb"))["words"] == {"in": "om {span}", "h": "t", "min": "min", "s": "s"}
