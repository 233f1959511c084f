"""The page setup every page draws (ui/a11y.py): its title, its language and Streamlit's words in it."""

from companion.templating import script_json
from companion.ui import a11y


def test_the_title_names_the_page_then_the_site():
    assert a11y.page_title("Nå", "nb") == "Nå · Verkstedet"


def test_the_script_gets_the_language_the_title_and_the_words_both_ways():
    nb = a11y.page_setup_html("Nå", "nb")
    assert script_json({"lang": "nb", "title": "Nå · Verkstedet"})[1:-1] in nb
    assert script_json("Skip to main content") + ":" + script_json("Hopp til hovedinnholdet") in nb
    assert "lang = cfg.lang" in nb
    en = a11y.page_setup_html("Now", "en")
    # Back from Norwegian after the toggle, and nothing to do for Streamlit's own English.
    assert script_json("Hopp til hovedinnholdet") + ":" + script_json("Skip to main content") in en
    assert script_json("Skip to main content") + ":" not in en


def test_the_statement_names_the_events_contact():
    from pathlib import Path

    from companion.event import load_event

    root = Path(__file__).resolve().parents[2]
    statement = (root / "docs" / "accessibility.md").read_text(encoding="utf-8")
    assert load_event(root / "data").contact in statement
