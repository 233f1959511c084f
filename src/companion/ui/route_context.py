"""What the HTTP routes beside Streamlit (votes, questions) share: settings, event, clock, and
refusals as JSON with a message in the reader's language, never a traceback."""

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import JSONResponse

from .. import people
from ..clock import Clock, make_clock
from ..config import load_settings, read_secrets_file
from ..errors import QuestionError
from ..event import Event, load_event
from ..i18n import LANGS, error_text

NO_STORE = {"Cache-Control": "no-store"}

# What a domain error means for HTTP; anything else the domain refuses is a bad request.
STATUS = {
    "unknown_participant": 403,
    "question_not_found": 404,
    "own_question": 409,
    "not_votable": 409,
    "questions_closed": 409,
    "duplicate_question": 409,
    "too_many_questions": 429,
    "busy": 503,
}


@dataclass(frozen=True)
class RouteContext:
    db_path: Path
    event: Event
    clock: Clock
    data_dir: Path = Path("data")


@functools.lru_cache(maxsize=1)
def _secrets() -> dict:
    return read_secrets_file(Path(".streamlit/secrets.toml"))


@functools.lru_cache(maxsize=4)
def _boot(values: tuple[tuple[str, str | None], ...]) -> RouteContext:
    # Once per process and settings, like ui/context.py: the event file is read once.
    settings = load_settings(dict(values))
    event = load_event(settings.data_dir)
    clock = make_clock(event.date, event.tz, settings.get("COMPANION_NOW"))
    return RouteContext(settings.db_path, event, clock, settings.data_dir)


def server_context() -> RouteContext:
    """Settings, event and clock for code that runs outside a Streamlit script (routes).
    Raises CompanionError for a broken data file or setting."""
    settings = load_settings(os.environ, _secrets())
    return _boot(tuple(sorted(settings.values.items())))


def participant(conn, token: object) -> people.Participant:
    """The owner of a personal link sent in a request; anything else is unknown_participant."""
    person = people.by_token(conn, token) if isinstance(token, str) else None
    if person is None:
        raise QuestionError("unknown_participant", "No participant with this link.")
    return person


def refuse(code: str, lang: str, status: int | None = None, **details) -> JSONResponse:
    body = {"error": code, "message": error_text(code, lang, **details)}
    return JSONResponse(body, status_code=status or STATUS.get(code, 400), headers=NO_STORE)


async def json_body(request: Request) -> dict | None:
    """The request's JSON object, or None for anything else (not JSON, not an object)."""
    try:
        body = await request.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def lang_of(value: object) -> str:
    return value if value in LANGS else "nb"
