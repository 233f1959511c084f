"""The page Streamlit serves for every address, made useful before its 2 MB of JavaScript arrive,
and calm when the connection drops.

`PageShell` rewrites Streamlit's `index.html` on its way out: the event's name and "laster …" in
the root element (React replaces them when the app draws), `<html lang>` and the title in the
reader's language, and in the head the banner script (templates/connection.js) and the host
config that keeps Streamlit's English developer dialog ("Connection error ... Is Streamlit still
running?") closed. The answer of `/_stcore/host-config` says the same, for a page served some
other way. The rewritten page is compressed as static files are (ui/compression.py).
"""

import functools
import gzip
import json
from urllib.parse import parse_qs

from markupsafe import escape

from ..i18n import t
from ..templating import render
from . import compression
from .prefix import base_path
from .route_context import Unavailable, server_context
from .streamlit_compat import BLOCK_ERROR_DIALOGS, HOST_CONFIG_PATH, ROOT_ELEMENT, STREAM_PATH

GRACE_MS = 1500  # a reconnect quicker than this shows no banner
# Headers of Streamlit's answer that do not fit the rewritten page (its validators name the file on disk).
_REPLACED = {b"content-length", b"content-encoding", b"etag", b"last-modified"}


def _lang(scope) -> str:
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [""])[0]
    return "en" if asked == "en" else "nb"


def _event_name(lang: str) -> str:
    try:
        return server_context().event.name(lang)
    except Unavailable:  # the page itself says what is broken
        return ""


def shell_parts(lang: str, name: str) -> tuple[str, str]:
    """What goes into the head, and into the root element, for a reader of `lang`."""
    config = {
        "lost": {code: t("conn.lost", code) for code in ("nb", "en")},
        "streamPath": STREAM_PATH,
        "graceMs": GRACE_MS,
    }
    head = render("page_shell_head.html", host_config={BLOCK_ERROR_DIALOGS: True}, config=config)
    root = render("page_loading.html", name=name, loading=t("conn.loading", lang))
    return head, root


@functools.lru_cache(maxsize=16)
def shell_page(page: bytes, lang: str, name: str, encoding: str | None) -> bytes:
    """Streamlit's page with our parts in it, compressed with `encoding` (None: as it is)."""
    head, root = shell_parts(lang, name)
    text = page.decode("utf-8")
    text = text.replace('<html lang="en">', f'<html lang="{lang}">', 1)
    if name:
        text = text.replace("<title>Streamlit</title>", f"<title>{escape(name)}</title>", 1)
    text = text.replace("</head>", head + "\n</head>", 1)
    text = text.replace(ROOT_ELEMENT, ROOT_ELEMENT[:-6] + root + "</div>", 1)
    body = text.encode("utf-8")
    return compression.compress(body, encoding) if encoding else body


def blocking_dialogs(answer: bytes) -> bytes:
    """Streamlit's host config with its error dialogs kept closed."""
    try:
        value = json.loads(answer)
    except ValueError:
        return answer
    if not isinstance(value, dict):
        return answer
    value[BLOCK_ERROR_DIALOGS] = True
    return json.dumps(value).encode()


def _header(headers, name: bytes) -> str:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


class PageShell:
    """ASGI middleware: rewrites Streamlit's page (any HTML answer holding its root element) and
    its host config; every other answer passes untouched."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        is_host_config = scope["path"] == f"{base_path()}{HOST_CONFIG_PATH}"
        start: dict | None = None
        chunks: list[bytes] = []

        async def held_send(message):
            nonlocal start
            if message["type"] == "http.response.start":
                kind = _header(message.get("headers", []), b"content-type")
                if message["status"] == 200 and (is_host_config or kind.startswith("text/html")):
                    start = message
                    return
                await send(message)
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(scope, start, b"".join(chunks), is_host_config, send)

        await self.app(scope, receive, held_send)

    async def _finish(self, scope, start, body, is_host_config, send) -> None:
        sent_as = _header(start.get("headers", []), b"content-encoding")
        if sent_as not in ("", "identity", "gzip"):  # nothing Streamlit does: leave it alone
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        if sent_as == "gzip":
            body = gzip.decompress(body)
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _REPLACED]
        if is_host_config:
            body = blocking_dialogs(body)
        elif ROOT_ELEMENT.encode() in body:
            asked = _header(scope.get("headers", []), b"accept-encoding")
            encoding = compression.chosen_encoding(asked) if compression.enabled() else None
            lang = _lang(scope)
            body = shell_page(body, lang, _event_name(lang), encoding)
            if encoding:
                headers.append((b"content-encoding", encoding.encode()))
            if not any(k.lower() == b"vary" for k, _ in headers):
                headers.append((b"vary", b"Accept-Encoding"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})
