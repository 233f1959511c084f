"""The path prefix (`server.baseUrlPath`, e.g. `verksted` behind https://example.no/verksted/).

Streamlit serves its pages, websocket and static files under the prefix, but the routes we add
beside it (st.App `routes=`) answer only at the host root. `UnderPrefix` lets them answer under
the prefix too (at the root as well, so a proxy that strips the prefix works the same), and the
browser code calls them at `api_base()`, which the server renders into each page's config."""

import streamlit as st

API = "/api/"


def base_path() -> str:
    """The prefix as the browser sees it: "/" or "/verksted/" (always one slash at each end)."""
    raw = st.get_option("server.baseUrlPath") or ""
    inner = "/".join(part for part in str(raw).split("/") if part)
    return f"/{inner}/" if inner else "/"


def api_base() -> str:
    """Where the browser finds our routes: "/api/" or "/verksted/api/"."""
    return base_path() + API.lstrip("/")


def strip_base(path: str, base: str) -> str:
    """`path` without the prefix `base` ("/verksted/"), as "/..."; the path itself when outside it."""
    if base != "/" and (path + "/").startswith(base):
        return "/" + path[len(base) :]
    return path


class UnderPrefix:
    """ASGI middleware: a request for <prefix>/api/... reaches our routes as /api/...; everything
    else (Streamlit's pages, websocket, static files) passes through untouched. The prefix is read
    once, on the first request (Streamlit's config is loaded by then)."""

    def __init__(self, app):
        self.app = app
        self._base: str | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            if self._base is None:
                self._base = base_path()
            base = self._base
            path = scope["path"]
            if base != "/" and path.startswith(base + API.lstrip("/")):
                inner = strip_base(path, base)
                scope = {**scope, "path": inner, "raw_path": inner.encode()}
        await self.app(scope, receive, send)
