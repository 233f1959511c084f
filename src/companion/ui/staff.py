"""The PIN gate in front of every staff page."""

import streamlit as st

from .. import auth
from ..errors import AuthError
from ..i18n import error_text, t
from .context import AppContext, current_lang


def _client() -> str:
    try:
        address = st.context.ip_address
    except Exception:  # no request behind this run (AppTest)
        return "-"
    return address if isinstance(address, str) and address else "-"


def station() -> str:
    """Where a staff action comes from, for the audit trail: the desk's name on a desk laptop,
    else the browser's address (as in the PIN log)."""
    return st.session_state.get("desk_label") or _client()


def require_role(ctx: AppContext, needed: str) -> str:
    """Return the signed-in role if it may use this page; otherwise show the PIN form and stop."""
    lang = current_lang()
    role = st.session_state.get("staff_role")
    if role and auth.allows(role, needed):
        return role
    if role:
        st.warning(t("staff.wrong_role", lang, role=t(f"role.{role}", lang), needed=t(f"role.{needed}", lang)))
    st.write(t("staff.pin_prompt", lang, role=t(f"role.{needed}", lang)))
    with st.form("staff_login", clear_on_submit=True):
        pin = st.text_input(t("staff.pin_label", lang), type="password", max_chars=auth.MAX_PIN_LENGTH * 4)
        submitted = st.form_submit_button(t("staff.pin_button", lang), type="primary")
    if submitted:
        try:
            with ctx.connect() as conn:
                new_role = auth.login(conn, ctx.settings, pin, now=ctx.now(), client=_client())
        except AuthError as exc:
            st.error(error_text(exc.code, lang, **exc.details))
        else:
            st.session_state["staff_role"] = new_role
            st.rerun()
    st.stop()


def sign_out_button() -> None:
    lang = current_lang()
    role = st.session_state.get("staff_role")
    if role:
        st.caption(t("staff.signed_in", lang, role=t(f"role.{role}", lang)))
        if st.button(t("staff.logout", lang), key="staff_logout"):
            st.session_state.pop("staff_role", None)
            st.rerun()
