"""/api/version is answered ahead of Streamlit's middleware, and only that path is."""

import asyncio
import json
import threading

from companion import caches, schedule
from companion.ui import routes


def call(app, path, method="GET"):
    """Drive one ASGI request on a private event loop (pytest may already run one)."""
    sent, result = [], {}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    def run():
        result["value"] = asyncio.run(
            app({"type": "http", "path": path, "method": method, "headers": []}, receive, send)
        )

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return sent


def test_version_is_answered_without_reaching_the_app_behind(db_path, monkeypatch, conn, at):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    reached = []

    async def behind(scope, receive, send):
        reached.append(scope["path"])

    sent = call(routes.VersionFastPath(behind), "/api/version")
    assert reached == []
    assert sent[0]["status"] == 200
    first = json.loads(sent[1]["body"])
    assert set(first) == {"version", "questions", "hall"}

    schedule.set_delay(conn, 10, now=at("11:00"))
    caches.reset_all()  # the answer of a moment ago is not kept for its second
    moved = json.loads(call(routes.VersionFastPath(behind), "/api/version")[1]["body"])
    assert moved["version"] != first["version"]


def test_every_other_request_passes_through(db_path, monkeypatch):
    monkeypatch.setenv("COMPANION_DB", str(db_path))
    reached = []

    async def behind(scope, receive, send):
        reached.append((scope["method"], scope["path"]))

    call(routes.VersionFastPath(behind), "/_stcore/health")
    call(routes.VersionFastPath(behind), "/api/version", method="POST")
    assert reached == [("GET", "/_stcore/health"), ("POST", "/api/version")]


def test_an_unreadable_database_is_a_503_not_a_guess(tmp_path, monkeypatch):
    (tmp_path / "garbled.db").write_bytes(b"not a database, whatever the name says" * 100)
    monkeypatch.setenv("COMPANION_DB", str(tmp_path / "garbled.db"))

    async def behind(scope, receive, send):
        raise AssertionError("not reached")

    sent = call(routes.VersionFastPath(behind), "/api/version")
    assert sent[0]["status"] == 503


def test_a_polling_connection_outlives_uvicorns_idle_timeout(db_path, monkeypatch):
    """uvicorn drops a connection idle for `timeout_keep_alive`; a poll raises that for its own
    connection, so the next poll reuses it instead of opening a new one."""
    import socket
    import time

    import uvicorn

    monkeypatch.setenv("COMPANION_DB", str(db_path))
    monkeypatch.setattr(routes, "POLL_KEEP_ALIVE_SECONDS", 30)

    async def behind(scope, receive, send):
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        config = uvicorn.Config(routes.VersionFastPath(behind), timeout_keep_alive=1, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 30
            while not server.started:
                assert thread.is_alive(), "uvicorn stopped before it started"
                assert time.monotonic() < deadline, "uvicorn did not start within 30 s"
                time.sleep(0.05)
            with socket.create_connection(("127.0.0.1", port), timeout=5) as phone:
                assert get_version(phone).startswith(b"HTTP/1.1 200")
                time.sleep(1.5)  # past uvicorn's own timeout
                assert get_version(phone).startswith(b"HTTP/1.1 200")
        finally:
            server.should_exit = True
            thread.join(10)


def get_version(sock) -> bytes:
    sock.sendall(b"GET /api/version HTTP/1.1\r\nHost: localhost\r\n\r\n")
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(4096)
        if not chunk:
            return answer  # the server closed the connection
        answer += chunk
    return answer
