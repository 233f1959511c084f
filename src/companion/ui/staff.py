"""The PIN gate in front of every staff page, and the device cookie that keeps a desk signed in.

A PIN is checked against the role of the page being opened. After a right PIN the page hands a
short-lived signed grant to POST /api/staff/device (ui/staff_route.py), which answers with an
HttpOnly cookie: the device then stays signed in across reloads and server restarts, and is
limited only by its own wrong PINs (auth.py)."""

import json

import streamlit as st

from .. import auth, proxies
from ..errors import AuthError
from ..i18n import error_text, t
from . import streamlit_compat
from .context import AppContext, app_context, current_lang
from .prefix import api_base

# The browser posts the grant; the answer's Set-Cookie stores the device cookie (page scripts never see it).
_COOKIE_JS = """<script>
fetch(@url@, {method: "POST", credentials: "same-origin", headers: {"Content-Type": "application/json"},
  body: JSON.stringify(@body@)}).catch(() => {});
</script>"""


def _client() -> str:
    """The browser's address: behind a proxy named in COMPANION_TRUSTED_PROXIES, the one it forwards."""
    try:
        peer = streamlit_compat.peer_address()
        forwarded = st.context.headers.get_all("X-Forwarded-For") if peer else []
    except Exception:  # no request behind this run (AppTest)
        return "-"
    address = proxies.client_address(peer, forwarded, app_context().trusted_proxies) if forwarded else peer
    return address or "-"


def _device_cookie() -> str | None:
    try:
        value = st.context.cookies.get(auth.COOKIE_NAME)
    except Exception:  # no request behind this run (AppTest)
        return None
    return value if isinstance(value, str) else None


def station() -> str:
    """Where a staff action comes from, for the audit trail: the desk's name on a desk laptop,
    else the browser's address (as in the PIN log)."""
    return st.session_state.get("desk_label") or _client()


def _cookie_call(url: str, body: dict) -> None:
    script = _COOKIE_JS.replace("@url@", json.dumps(url)).replace("@body@", json.dumps(body).replace("<", "\\u003c"))
    st.html(script, unsafe_allow_javascript=True)


def _pending_cookie_call() -> None:
    # Drawn on every run while pending, with the same HTML, so the browser sends it once.
    grant = st.session_state.get("staff_grant")
    if grant:
        _cookie_call(api_base() + "staff/device", {"grant": grant})
    elif st.session_state.get("staff_signed_out"):
        _cookie_call(api_base() + "staff/signout", {})


def require_role(ctx: AppContext, needed: str) -> str:
    """Return the signed-in role if it may use this page; otherwise show the PIN form and stop."""
    lang = current_lang()
    role = st.session_state.get("staff_role")
    if role and auth.allows(role, needed):
        _pending_cookie_call()
        return role
    with ctx.connect() as conn:
        device = auth.read_device(conn, ctx.settings, _device_cookie(), now=ctx.now())
    if not role and device and device.signed_in and not st.session_state.get("staff_signed_out"):
        if auth.allows(device.role, needed):
            st.session_state["staff_role"] = device.role
            return device.role
    _pending_cookie_call()
    if role:
        st.warning(t("staff.wrong_role", lang, role=t(f"role.{role}", lang), needed=t(f"role.{needed}", lang)))
    st.write(t("staff.pin_prompt", lang, role=t(f"role.{needed}", lang)))
    with st.form("staff_login", clear_on_submit=True):
        pin = st.text_input(t("staff.pin_label", lang), type="password", max_chars=auth.MAX_PIN_LENGTH * 4)
        submitted = st.form_submit_button(t("staff.pin_button", lang), type="primary")
    if submitted:
        try:
            with ctx.connect() as conn:
                now = ctx.now()
                new_role = auth.login(conn, ctx.settings, pin, role=needed, now=now, client=_client(), device=device)
                grant = auth.grant(conn, ctx.settings, new_role, now=now, device_id=device.id if device else None)
        except AuthError as exc:
            st.error(error_text(exc.code, lang, **exc.details))
        else:
            st.session_state["staff_role"] = new_role
            st.session_state["staff_grant"] = grant
            st.session_state.pop("staff_signed_out", None)
            st.rerun()
    st.stop()


def sign_out_button() -> None:
    lang = current_lang()
    role = st.session_state.get("staff_role")
    if role:
        st.caption(t("staff.signed_in", lang, role=t(f"role.{role}", lang)))
        if st.button(t("staff.logout", lang), key="staff_logout"):
            st.session_state.pop("staff_role", None)
            st.session_state.pop("staff_grant", None)
            st.session_state["staff_signed_out"] = True
            st.rerun()
