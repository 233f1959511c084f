"""The report as one self-contained, printable HTML file: a template with autoescaping, charts inline."""

import base64
from pathlib import Path

import jinja2

from ..i18n import t
from .document import Document

TEMPLATES = Path(__file__).resolve().parent.parent / "ui" / "templates"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def html_bytes(doc: Document) -> bytes:
    charts = {
        s.key: [{"title": c.title, "data": base64.b64encode(c.png).decode("ascii")} for c in s.charts]
        for s in doc.sections
    }
    page = _environment().get_template("report/report.html")
    return page.render(doc=doc, charts=charts, no_data=t("report.no_data", doc.lang)).encode("utf-8")
