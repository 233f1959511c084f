"""The evaluation on Nå: one iframe with the form (templates/evaluation/), which answers through
POST /api/evaluation (ui/evaluation_route.py), not a Streamlit run. Shown to a participant with a
personal link from the summing-up slot until the organizer closes it."""

from typing import Any

import streamlit as st

from .. import evaluation, purge
from ..evaluation import Form
from ..i18n import error_text, t
from ..people import Participant
from ..templating import render
from .context import AppContext
from .evaluation_route import load_form
from .prefix import api_base
from .streamlit_compat import font_url


def form_html(form: Form, lang: str, token: str, answer: dict[str, Any] | None) -> str:
    questions = []
    for q in form.questions:
        ends = t("eval.scale_ends", lang, low=q.low(lang), high=q.high(lang)) if q.low(lang) and q.high(lang) else ""
        questions.append({"key": q.key, "kind": q.kind, "label": q.label(lang), "required": q.required, "ends": ends})
    config = {
        "token": token,
        "lang": lang,
        "api": api_base(),
        "maxChars": form.max_chars,
        "answer": answer,
        "strings": {
            "change": t("eval.change", lang),
            "answered": t("eval.answered", lang),
            "offline": error_text("evaluation_unavailable", lang),
            "waiting": t("eval.waiting", lang),
        },
    }
    return render(
        "evaluation/form.html",
        lang=lang,
        font_url=font_url(),
        heading=t("eval.heading", lang),
        intro=t("eval.intro", lang),
        optional=t("eval.optional", lang),
        send=t("eval.change" if answer else "eval.send", lang),
        questions=questions,
        max_chars=form.max_chars,
        config=config,
    )


def evaluation_block(ctx: AppContext, person: Participant | None, lang: str) -> None:
    """The form, the "closed" note, or nothing (no personal link, not yet, or after the purge)."""
    if person is None:
        return
    form = load_form(ctx.settings.data_dir, ctx.event.programme)
    with ctx.connect() as conn:
        if purge.purged_at(conn) is not None:
            return
        phase = evaluation.phase(conn, form, ctx.event.programme, ctx.now())
        answer = evaluation.answer_of(conn, person.id) if phase == "open" else None
    if phase == "closed":
        st.info(t("eval.closed", lang), icon="🔒")
    elif phase == "open":
        st.iframe(form_html(form, lang, person.token, answer), height="content", alt=t("a11y.evaluation_frame", lang))
