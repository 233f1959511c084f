"""An open Spørsmål page learns of a newly published question by itself, without a reload and
without a Streamlit run: its iframe polls /api/questions and redraws the list itself."""

import pytest

from companion import db, questions
from companion.event import load_event

from .conftest import ROOT, wait_for_app

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("live_server", ["2019-09-25T15:20"], indirect=True)
def test_a_published_question_reaches_an_open_phone(live_server, phone):
    reader = live_server.add_person(name="Kari Lesar")
    asker = live_server.add_person(name="Ola Spør")
    page = phone.new_page()
    page.goto(f"{live_server.url}/questions?t={reader.token}")
    wait_for_app(page)
    hall = page.frame_locator("iframe[srcdoc*='id=\"cfg\"']")
    hall.get_by_text("Ingen spørsmål er publisert ennå.").wait_for()
    page.evaluate("window.__sameDocument = true")

    event = load_event(ROOT / "data")
    with db.connect(live_server.db_path) as conn:
        now = questions_now(event)
        asked = questions.ask(
            conn,
            programme=event.programme,
            participant_id=asker.id,
            text="Hvordan deler vi god praksis?",
            now=now,
            nonce="x",
        )
        questions.moderate(conn, asked.question.id, "approve", now=now, role="moderator")

    hall.get_by_role("button", name="1 nytt spørsmål – vis").click(timeout=20_000)
    hall.get_by_text("Hvordan deler vi god praksis?").wait_for()
    assert page.evaluate("window.__sameDocument") is True


def questions_now(event):
    from datetime import datetime

    return datetime(2019, 9, 25, 15, 21, tzinfo=event.tz)
