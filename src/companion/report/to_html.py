"""The report as one self-contained, printable HTML file: a template with autoescaping, charts inline."""

import base64

from ..i18n import t
from ..templating import render
from .document import Document


def html_bytes(doc: Document) -> bytes:
    charts = {
        s.key: [{"title": c.title, "data": base64.b64encode(c.png).decode("ascii")} for c in s.charts]
        for s in doc.sections
    }
    page = render("report/report.html", doc=doc, charts=charts, no_data=t("report.no_data", doc.lang))
    return page.encode("utf-8")
