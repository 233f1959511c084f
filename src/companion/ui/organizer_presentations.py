"""Presentations on the organizer's "Dagen" tab: attach a PDF (checked: %PDF-, at most 50 MB) or a
link to a programme item; Nå shows it from the item's start (presentations.py)."""

import streamlit as st

from .. import presentations
from ..errors import CompanionError
from ..i18n import error_text, t
from .context import AppContext
from .plain import plain
from .staff import station


def presentations_panel(ctx: AppContext, lang: str, role: str) -> None:
    st.subheader(t("pres.heading", lang))
    items = [i for i in ctx.event.programme if i.kind != "end"]
    keys = [presentations.slot_key(i) for i in items]
    titles = {presentations.slot_key(i): i.title(lang) for i in items}
    # The form opens on demand: the tab's other widgets keep their places.
    if st.toggle(t("pres.add", lang), key="pres_open"):
        _add_form(ctx, lang, role, keys, titles)
    with ctx.connect() as conn:
        found = presentations.all_presentations(conn)
    for p in found:
        words, button = st.columns([5, 1], vertical_alignment="center")
        label = t("pres.link_pdf" if p.kind == "pdf" else "pres.link_web", lang)
        words.markdown(f"{p.slot} {plain(titles.get(p.slot, ''))} · {label}: {plain(p.title)}")
        if button.button(t("pres.remove", lang), key=f"pres_remove_{p.id}"):
            try:
                with ctx.connect() as conn:
                    presentations.remove(conn, p.id, now=ctx.now(), role=role, desk=station())
            except CompanionError as exc:
                st.error(error_text(exc.code, lang, **exc.details))
            else:
                st.rerun()


def _add_form(ctx: AppContext, lang: str, role: str, keys: list[str], titles: dict[str, str]) -> None:
    with st.form("presentation", clear_on_submit=True):
        slot = st.selectbox(t("pres.slot", lang), keys, format_func=lambda k: f"{k} {titles[k]}")
        upload = st.file_uploader(t("pres.file", lang), type=["pdf"], max_upload_size=presentations.MAX_BYTES // 2**20)
        url = st.text_input(t("pres.url", lang), max_chars=presentations.MAX_URL)
        title = st.text_input(t("pres.title", lang), max_chars=presentations.MAX_TITLE)
        if st.form_submit_button(t("pres.save", lang), type="primary"):
            try:
                with ctx.connect() as conn:
                    if upload is not None:
                        presentations.add_pdf(
                            conn, ctx.db_path, ctx.event, slot, upload.getvalue(), upload.name,
                            now=ctx.now(), role=role, desk=station(),
                        )  # fmt: skip
                    elif url.strip():
                        presentations.add_link(
                            conn, ctx.event, slot, url, title or url, now=ctx.now(), role=role, desk=station()
                        )
                    else:
                        st.warning(t("pres.need", lang))
                        return
            except CompanionError as exc:
                st.error(error_text(exc.code, lang, **exc.details))
            else:
                st.success(t("pres.added", lang))
