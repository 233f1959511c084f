"""A TCP proxy between the browser and the app that can cut the network, and slow it down.

`Cutter(target_port).start()` listens on a free loopback port of its own, in a thread with its own
event loop. `cut(seconds)` resets every open connection and refuses new ones for that long
(Playwright's set_offline leaves Streamlit's WebSocket open; this does not). `latency` (seconds,
one way) and `bytes_per_second` (shared by all connections, as one link is) make a slow network;
`sent_to_browser` counts the bytes that went to the browser.
"""

import asyncio
import socket
import threading
import time


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cutter:
    def __init__(self, target_port: int, *, latency: float = 0.0, bytes_per_second: float | None = None):
        self.target_port = target_port
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.latency = latency
        self.bytes_per_second = bytes_per_second
        self.sent_to_browser = 0
        self._refuse_until = 0.0
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._link_free_at = 0.0  # when the shared downlink has sent what it was given
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    # --- control, from the test's thread ---------------------------------------------------

    def start(self) -> "Cutter":
        self._thread.start()
        self._started.wait(10)
        return self

    def cut(self, seconds: float) -> None:
        """Reset every connection now and refuse new ones for `seconds`."""
        self._refuse_until = time.monotonic() + seconds
        asyncio.run_coroutine_threadsafe(self._reset_all(), self._loop).result(5)

    def restore(self) -> None:
        self._refuse_until = 0.0

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    # --- inside the proxy's loop -------------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(self._listen())
        self._started.set()
        self._loop.run_forever()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def _shutdown(self) -> None:
        self._server.close()
        await self._reset_all()
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    async def _reset_all(self) -> None:
        for writer in list(self._writers):
            sock = writer.get_extra_info("socket")
            try:
                if sock is not None:  # RST, not FIN: as a dropped Wi-Fi looks to the browser, at once
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                writer.transport.abort()
            except OSError:
                pass
        self._writers.clear()

    async def _accept(self, reader, writer) -> None:
        if time.monotonic() < self._refuse_until:
            await self._reset_one(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:  # the app is down: the browser sees a reset, as with a dead server
            await self._reset_one(writer)
            return
        self._writers.update({writer, up_writer})
        await asyncio.gather(
            self._pipe(reader, up_writer, to_browser=False),
            self._pipe(up_reader, writer, to_browser=True),
            return_exceptions=True,
        )
        for w in (writer, up_writer):
            self._writers.discard(w)
            w.transport.abort()

    async def _reset_one(self, writer) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        writer.transport.abort()

    async def _pipe(self, reader, writer, *, to_browser: bool) -> None:
        # The reader stamps each chunk as it comes; the writer sends it `latency` later, so a long
        # answer streams at the link's speed instead of waiting `latency` per chunk.
        queue: asyncio.Queue = asyncio.Queue()
        forward = asyncio.ensure_future(self._deliver(queue, writer, to_browser))
        try:
            while True:
                data = await reader.read(16384)
                queue.put_nowait((self._loop.time(), data))
                if not data:
                    break
            await forward
        finally:
            forward.cancel()

    async def _deliver(self, queue: asyncio.Queue, writer, to_browser: bool) -> None:
        while True:
            stamp, data = await queue.get()
            if self.latency:
                await asyncio.sleep(max(0.0, stamp + self.latency - self._loop.time()))
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            if to_browser and self.bytes_per_second:
                now = self._loop.time()
                start = max(now, self._link_free_at)
                self._link_free_at = start + len(data) / self.bytes_per_second
                await asyncio.sleep(self._link_free_at - now)
            if to_browser:
                self.sent_to_browser += len(data)
            writer.write(data)
            await writer.drain()
