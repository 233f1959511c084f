"""One HTTP request through the app's routes as a browser's fetch would send it, without a
network or an HTTP client library."""

import asyncio
import json
import threading

from starlette.applications import Starlette

from companion.ui.routes import ROUTES


def request(method: str, path: str, body=None, *, raw: bytes | None = None, query: str = "") -> tuple[int, dict]:
    app = Starlette(routes=ROUTES)
    data = raw if raw is not None else (b"" if body is None else json.dumps(body).encode())
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
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": data, "more_body": False}

    async def send(message):
        sent.append(message)

    # In a thread of its own: another suite (Playwright) may leave an event loop running here.
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join()
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    return status, json.loads(b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body"))
