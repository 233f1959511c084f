"""Streamlit's static files compressed, for an app that runs without a proxy in front.

Streamlit 1.67 keeps its static files out of its own gzip middleware, so a first visit downloads
about 2.3 MB of JavaScript and font as they are on disk, even when the browser asks for gzip or
brotli: six minutes at 50 kbit/s. `CompressedStatic` answers GET requests under `/static/` itself
when the browser accepts brotli (`br`) or gzip: each file is compressed once per process, in a
worker thread, kept in memory, and sent with Streamlit's own long caching for its hashed names.
Anything else (other paths, HEAD, ranges, files Streamlit does not have) goes on to Streamlit.

COMPANION_COMPRESS=0 turns it off (bench/cold_visit.py measures both). Behind Caddy or nginx the
proxy compresses and this never sees a request for a static file.
"""

import functools
import gzip
import mimetypes
import re
import threading
from pathlib import Path

import anyio.to_thread

from .. import caches, config
from .streamlit_compat import STATIC_DIR, static_cache_control, static_prefix

try:  # brotli is about 13% smaller than gzip on Streamlit's bundle (docs/capacity.md)
    import brotli
except ImportError:  # pragma: no cover - pinned in requirements.txt
    brotli = None

# What is worth compressing: text. Fonts (woff2) and images are compressed already.
_COMPRESSIBLE = {".js", ".mjs", ".css", ".json", ".map", ".svg", ".html", ".txt", ".ttf", ".otf", ".wasm"}
_SMALLEST = 1024  # bytes: below this the headers cost more than compression saves
_QUALITY = {"br": 11, "gzip": 9}  # once per file and process, so the best of each

# (path, encoding) -> compressed bytes; immutable files, so kept for the life of the process.
_compressed: dict[tuple[str, str], bytes] = {}
_locks: dict[tuple[str, str], threading.Lock] = {}
_locks_lock = threading.Lock()
caches.register(_compressed.clear)


def compress(data: bytes, encoding: str) -> bytes:
    if encoding == "br":
        assert brotli is not None, "brotli is offered only when it is installed"
        return bytes(brotli.compress(data, quality=_QUALITY["br"]))
    return gzip.compress(data, _QUALITY["gzip"], mtime=0)


def compressed_file(path: Path, encoding: str) -> bytes:
    """`path` compressed with `encoding`, once per process however many ask at the same time."""
    key = (str(path), encoding)
    found = _compressed.get(key)
    if found is not None:
        return found
    with _locks_lock:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        found = _compressed.get(key)
        if found is None:
            found = _compressed[key] = compress(path.read_bytes(), encoding)
    return found


def chosen_encoding(accept_encoding: str) -> str | None:
    """The best encoding the browser accepts: br (when installed), then gzip; None for neither."""
    accepted = set()
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        if re.search(r"q=0(\.0*)?\s*$", params.strip()):
            continue
        accepted.add(name.strip())
    if "br" in accepted and brotli is not None:
        return "br"
    if "gzip" in accepted or "*" in accepted:
        return "gzip"
    return None


@functools.lru_cache(maxsize=1)
def enabled() -> bool:
    """COMPANION_COMPRESS, read once per process (an unreadable settings file leaves it on)."""
    try:
        return (config.read_settings().get("COMPANION_COMPRESS") or "1").strip() != "0"
    except Exception:  # the pages report a broken settings file; compression is no reason to fail
        return True


caches.register(enabled.cache_clear)


def _header(scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def static_file(path: str) -> Path | None:
    """The file Streamlit would serve for a request path under its static prefix, if any."""
    prefix = static_prefix()
    if not path.startswith(prefix):
        return None
    relative = path[len(prefix) :]
    if not relative or ".." in relative.split("/") or "\\" in relative:
        return None
    candidate = STATIC_DIR / "static" / relative
    if candidate.suffix.lower() not in _COMPRESSIBLE or not candidate.is_file():
        return None
    return candidate


class CompressedStatic:
    """ASGI middleware: Streamlit's compressible static files, brotli or gzip, cached for a year."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET" or not enabled() or _header(scope, b"range"):
            await self.app(scope, receive, send)
            return
        found = static_file(scope["path"])
        encoding = chosen_encoding(_header(scope, b"accept-encoding")) if found else None
        if found is None or encoding is None or found.stat().st_size < _SMALLEST:
            await self.app(scope, receive, send)
            return
        body = _compressed.get((str(found), encoding))
        if body is None:
            body = await anyio.to_thread.run_sync(compressed_file, found, encoding)
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in {"application/javascript", "application/json"}:
            kind += "; charset=utf-8"
        headers = [
            (b"content-type", kind.encode()),
            (b"content-encoding", encoding.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"vary", b"Accept-Encoding"),
            (b"cache-control", static_cache_control(found.name).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})
