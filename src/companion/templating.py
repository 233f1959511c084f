"""HTML from template files, and data for a `<script>`: the one way either is made.

Templates live in `ui/templates/` (HTML, CSS and JS apart) and are rendered by Jinja2 with
autoescaping: a value is text unless it is `Markup`, so text people type can never become markup.
An unknown name fails loudly (`StrictUndefined`). CSS and JS files take no values; data reaches a
script only through `script_json`, which no value can end early.
"""

import functools
import json
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "ui" / "templates"


def script_json(value: Any) -> Markup:
    """`value` as JSON that can sit inside `<script>` (or an attribute) as it is: JSON's own escapes
    for "<", ">", "&" and "'" (htmlsafe_json_dumps), and for the two line separators an older
    script parser rejects. Text stays UTF-8 otherwise, as compact as JSON goes."""
    text = str(htmlsafe_json_dumps(value, ensure_ascii=False, separators=(",", ":")))
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja environment: built once per process, templates compiled on first use."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        auto_reload=False,
        keep_trailing_newline=False,
    )
    env.filters["script_json"] = script_json
    env.filters["tojson"] = script_json  # one JSON escaping, whichever name a template uses
    return env


def render(template: str, /, **values: Any) -> str:
    """The `template` (a path under ui/templates/) filled with `values`, autoescaped."""
    return environment().get_template(template).render(**values)


def spliced_json(value: dict[str, Any], **encoded: str) -> str:
    """`value` as JSON, with more members whose values are already JSON text: a part kept as text
    (the hall's list, built once a second for every reader) goes in without being parsed again."""
    head = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if not encoded:
        return head
    tail = ",".join(f"{json.dumps(key)}:{text}" for key, text in encoded.items())
    return head[:-1] + ("," if value else "") + tail + "}"
