"""A first visit light on a poor network: Streamlit's static files compressed (ui/compression.py)
and its page carrying the event's name, the calm banner and no developer dialog (ui/page_shell.py)."""

import asyncio
import gzip
import json
import threading

import brotli

from companion.ui import compression, page_shell, streamlit_compat


def _call(middleware_cls, path, *, query=b"", accept=b"gzip, deflate, br", inner_body=b"", kind=b"text/html"):
    async def inner(scope, receive, send):
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", kind)]})
        await send({"type": "http.response.body", "body": inner_body})

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query,
        "headers": [(b"accept-encoding", accept)],
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    # In a thread of its own: another suite may leave an event loop running here (as tests/unit/asgi.py).
    worker = threading.Thread(target=lambda: asyncio.run(middleware_cls(inner)(scope, receive, send)))
    worker.start()
    worker.join()
    headers = dict(sent[0]["headers"])
    return headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_streamlits_bundle_goes_out_brotli_or_gzip_compressed_and_cached_for_a_year():
    name = next((streamlit_compat.STATIC_DIR / "static" / "js").glob("index.*.js")).name
    original = (streamlit_compat.STATIC_DIR / "static" / "js" / name).read_bytes()
    headers, body = _call(compression.CompressedStatic, f"/static/js/{name}")
    assert headers[b"content-encoding"] == b"br" and brotli.decompress(body) == original
    assert len(body) < len(original) / 3 and b"immutable" in headers[b"cache-control"]
    headers, body = _call(compression.CompressedStatic, f"/static/js/{name}", accept=b"gzip")
    assert headers[b"content-encoding"] == b"gzip" and gzip.decompress(body) == original
    headers, body = _call(compression.CompressedStatic, f"/static/js/{name}", accept=b"identity", inner_body=b"as is")
    assert b"content-encoding" not in headers and body == b"as is"  # Streamlit answers


def test_the_page_shows_the_events_name_keeps_the_dialog_closed_and_says_lost_connections_calmly(hall):
    page = streamlit_compat.INDEX_HTML.read_bytes()
    headers, body = _call(page_shell.PageShell, "/questions", query=b"lang=en", accept=b"gzip", inner_body=page)
    text = gzip.decompress(body).decode()
    assert headers[b"content-encoding"] == b"gzip"
    assert '<html lang="en">' in text and "<title>Workshop on regional development</title>" in text
    assert "Workshop on regional development</p><p>loading …</p>" in text
    assert '{"blockErrorDialogs":true}' in text and "Mistet forbindelsen – prøver igjen …" in text
    _, body = _call(page_shell.PageShell, "/", inner_body=page, accept=b"identity")
    assert "laster …" in body.decode() and '<html lang="nb">' in body.decode()


def test_the_host_config_keeps_streamlits_error_dialogs_closed():
    answer = json.dumps({"allowedOrigins": [], "blockErrorDialogs": False}).encode()
    _, body = _call(page_shell.PageShell, "/_stcore/host-config", inner_body=answer, kind=b"application/json")
    assert json.loads(body)["blockErrorDialogs"] is True
