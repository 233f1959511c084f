"""Arrangør: runs the day. One tab per area; each tab's body lives in companion.ui."""

import streamlit as st

from companion.i18n import t
from companion.ui import organizer_groups, organizer_hall, organizer_people, organizer_questions, organizer_report
from companion.ui.context import app_context, current_lang
from companion.ui.organizer_day import day_tab
from companion.ui.organizer_safety import render as safety_tab
from companion.ui.staff import require_role, sign_out_button

ctx = app_context()
lang = current_lang()
role = require_role(ctx, "organizer")
sign_out_button()
st.header(t("nav.organizer", lang), anchor=False)

tabs = {
    "day": (t("org.tab_day", lang), day_tab),
    # --- tickets, import and check-in
    "people": (t("org.tab_people", lang), organizer_people.render),
    # --- groups
    "groups": (t("org.tab_groups", lang), organizer_groups.render),
    # --- questions
    "questions": (t("orgq.tab", lang), organizer_questions.render),
    # --- the hall talks back: messages, polls, group points
    "hall": (t("hall.tab", lang), organizer_hall.render),
    # --- safety
    "safety": (t("safe.tab", lang), safety_tab),
    # --- the workshop report (after the day)
    "report": (t("report.tab", lang), organizer_report.render),
}
for (_label, render), tab in zip(tabs.values(), st.tabs([label for label, _ in tabs.values()]), strict=True):
    with tab:
        render(ctx, lang, role)
