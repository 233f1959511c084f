"""One HTTP request through the app's routes as a browser's fetch would send it, without a
network or an HTTP client library."""

import asyncio
import json
import threading

from starlette.applications import Starlette

from companion.ui.routes import ROUTES


def exchange(
    method: str, path: str, *, data: bytes = b"", query: str = "", headers: tuple[tuple[bytes, bytes], ...] = ()
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers with lowercase names, body bytes) of one request, JSON or a file alike."""
    app = Starlette(routes=ROUTES)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent, bodies = [], [{"type": "http.request", "body": data, "more_body": False}]

    async def receive():
        if bodies:
            return bodies.pop()
        await asyncio.Event().wait()  # the client stays connected (a file answer listens for a disconnect)

    async def send(message):
        sent.append(message)

    # In a thread of its own: another suite (Playwright) may leave an event loop running here.
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join()
    start = next(m for m in sent if m["type"] == "http.response.start")
    answer_headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return (
        start["status"],
        answer_headers,
        b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"),
    )


def request(method: str, path: str, body=None, *, raw: bytes | None = None, query: str = "") -> tuple[int, dict]:
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
    status, _, payload = exchange(method, path, data=data, query=query)
    return status, json.loads(payload)
