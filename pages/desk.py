"""Registrering: check people in by camera, USB scanner, short code or name; undo; walk-ins; live counts."""

import uuid
from datetime import timedelta

import streamlit as st

from companion import attendance, checkin, extras
from companion.checkin_text import describe
from companion.errors import CheckInError
from companion.i18n import clock_time, error_text, t
from companion.people import ROLES, personal_url
from companion.qr import qr_png
from companion.ui import no_shows_panel
from companion.ui.context import app_context, current_lang
from companion.ui.desk_widgets import counts_panel, result_banner, scanner
from companion.ui.plain import plain
from companion.ui.staff import require_role, sign_out_button

ctx = app_context()
lang = current_lang()
role = require_role(ctx, "desk")
event = ctx.event
state = st.session_state
desk = state.setdefault("desk_label", "desk 1")


def remember(result: checkin.CheckInResult) -> None:
    state["desk_result"] = result
    state["desk_result_id"] = uuid.uuid4().hex
    state.pop("desk_undone", None)


def nonce() -> str:
    return uuid.uuid4().hex


# The live scanner: scanner field, camera, the offline queue and the one result region, in the browser.
scanner(lang, desk)

scan_col, find_col = st.columns([6, 5], gap="medium")
side_result = scan_col.container(key="desk_side_result")

with find_col:
    # The fallback when the live camera cannot be used: one photo, read on the server.
    with st.expander(t("desk.photo_fallback", lang)):
        photo = st.camera_input(t("desk.camera_label", lang), key="camera")
    # The photo stays in the widget across reruns: check in once per photo, its file id is the nonce.
    if photo is not None and state.get("desk_last_photo") != photo.file_id:
        state["desk_last_photo"] = photo.file_id
        with ctx.connect() as conn:
            remember(
                checkin.check_in_photo(conn, photo.getvalue(), now=ctx.now(), desk=desk, nonce=f"photo:{photo.file_id}")
            )

with scan_col:
    query = st.text_input(t("desk.search", lang), key="desk_search", placeholder=t("desk.search_label", lang))
    if query.strip():
        with ctx.connect() as conn:
            hits = attendance.search(conn, query)
        if not hits:
            st.caption(t("desk.search_none", lang))
        for hit in hits:
            person = hit.participant
            with st.container(horizontal=True, vertical_alignment="center", key=f"hit-{person.id}"):
                label = f"**{plain(person.name)}** · {plain(person.county or '–')}"
                if hit.checked_in_at:
                    label += (
                        f" · ✓ {t('desk.arrived_at', lang, time=clock_time(hit.checked_in_at.astimezone(event.tz)))}"
                    )
                st.markdown(label)
                if st.button(
                    t("desk.check_in_button", lang), key=f"checkin-{person.id}", disabled=hit.checked_in_at is not None
                ):
                    with ctx.connect() as conn:
                        remember(checkin.check_in_person(conn, person.id, now=ctx.now(), desk=desk, nonce=nonce()))

with find_col:
    with st.expander(t("desk.walk_in", lang)):
        with st.form("walk_in", clear_on_submit=True):
            name = st.text_input(t("desk.walk_in_name", lang), max_chars=120)
            county = st.selectbox(t("desk.walk_in_county", lang), ("",) + event.counties, accept_new_options=True)
            email = st.text_input(t("desk.walk_in_email", lang), max_chars=200)
            walk_role = st.selectbox(
                t("desk.walk_in_role", lang),
                ROLES,
                index=ROLES.index("other"),
                format_func=lambda r: t(f"role.{r}", lang),
            )
            themes = (None,) + tuple(th.id for th in event.themes)
            theme = st.selectbox(
                t("desk.walk_in_theme", lang),
                themes,
                format_func=lambda i: (
                    t("desk.walk_in_no_theme", lang) if i is None else f"{i}. {event.theme(i).title(lang)}"
                ),
            )
            if st.form_submit_button(t("desk.walk_in_button", lang)):
                try:
                    with ctx.connect() as conn:
                        result = checkin.register_walk_in(
                            conn,
                            name=name,
                            county=county,
                            email=email,
                            role=walk_role,
                            theme=theme,
                            now=ctx.now(),
                            desk=desk,
                            staff_role=role,
                            nonce=nonce(),
                        )
                except CheckInError as exc:
                    st.error(error_text(exc.code, lang))
                else:
                    remember(result)
                    state["desk_walk_in"] = result.participant.id

# The result of a name search, a walk-in or a photo, under the search: drawn last, it shows what the
# inputs just did. The scanner frame hides it when the next scan comes (desk_scanner.js).
result = state.get("desk_result")
with side_result:
    if result is not None:
        person = result.participant
        with ctx.connect() as conn:
            diet = extras.diet_of(conn, person.id) if person is not None and result.colour == "green" else ""
        result_banner(describe(result, event, lang, diet), state.get("desk_result_id", ""))
        if result.colour != "red" and person is not None:
            if state.get("desk_walk_in") == person.id:
                qr = qr_png(personal_url(ctx.settings.base_url, person.token), box_size=6)
                st.image(qr, width=220, alt=t("ticket.qr_alt", lang))
                st.caption(t("desk.walk_in_ticket", lang, name=plain(person.name), code=person.code))
            if st.button(t("desk.undo", lang, name=plain(person.name)), key="undo", icon="↩️"):
                try:
                    with ctx.connect() as conn:
                        checkin.undo_check_in(conn, person.id, now=ctx.now(), desk=desk, role=role)
                except CheckInError as exc:
                    st.error(error_text(exc.code, lang))
                else:
                    state.pop("desk_result", None)
                    state["desk_undone"] = person.name
                    st.rerun()
    elif state.get("desk_undone"):
        st.info(t("desk.undone", lang, name=plain(state["desk_undone"])))


@st.fragment(run_every=timedelta(seconds=15))
def live_counts() -> None:
    with ctx.connect() as conn:
        counts = attendance.counts(conn, event)
        arrivals = attendance.arrivals(conn)
    titles = {str(th.id): f"{th.id}. {th.title(lang)}" for th in event.themes}
    counts_panel(counts, arrivals, lang, titles)


st.divider()
live_counts()
with st.expander(t("noshow.heading", lang)):
    no_shows_panel.render(ctx, lang, key="desk_no_shows")
with st.container(horizontal=True, vertical_alignment="bottom"):

    def rename_desk() -> None:
        state["desk_label"] = state["desk_name_input"].strip() or "desk 1"

    st.text_input(
        t("desk.desk_name", lang), value=desk, max_chars=30, width=200, key="desk_name_input", on_change=rename_desk
    )
    sign_out_button()
