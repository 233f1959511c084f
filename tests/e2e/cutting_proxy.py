"""A TCP proxy between the browser and the app that can cut the connection, as venue Wi-Fi does.

`cut()` resets every open connection (RST, not a polite close) and resets every new one at once
until `restore()`; Playwright's set_offline alone leaves Streamlit's websocket open."""

import asyncio
import socket
import threading


class CuttingProxy:
    def __init__(self, target_port: int, host: str = "127.0.0.1"):
        self.host, self.target_port = host, target_port
        self.loop = asyncio.new_event_loop()
        self.cutting = False
        self.writers: set[asyncio.StreamWriter] = set()
        self.refused = 0
        with socket.socket() as s:
            s.bind((host, 0))
            self.port = s.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        started = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(started,), daemon=True)
        self.thread.start()
        started.wait(10)

    def _run(self, started: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._client, self.host, self.port))
        started.set()
        self.loop.run_forever()

    @staticmethod
    def _reset(writer: asyncio.StreamWriter) -> None:
        transport = writer.transport
        sock = transport.get_extra_info("socket")
        if sock is not None:  # SO_LINGER 0: close() sends RST
            try:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            except OSError:
                pass
        transport.abort()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if not writer.is_closing():
                writer.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if self.cutting:
            self.refused += 1
            self._reset(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            self._reset(writer)
            return
        self.writers.update((writer, up_writer))
        try:
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        finally:
            self.writers.discard(writer)
            self.writers.discard(up_writer)

    def _cut(self) -> None:
        self.cutting = True
        for writer in list(self.writers):
            self._reset(writer)
        self.writers.clear()

    async def _set(self, cutting: bool) -> None:
        if cutting:
            self._cut()
        else:
            self.cutting = False

    def cut(self) -> None:
        asyncio.run_coroutine_threadsafe(self._set(True), self.loop).result(5)

    def restore(self) -> None:
        asyncio.run_coroutine_threadsafe(self._set(False), self.loop).result(5)

    def close(self) -> None:
        def stop() -> None:
            self._cut()
            self.server.close()
            self.loop.stop()

        self.loop.call_soon_threadsafe(stop)
        self.thread.join(10)
