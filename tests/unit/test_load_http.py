"""bench/load.py's HTTP client reads a body as a proxy sends it: by length, or chunked."""

import asyncio
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.load import _read_body  # noqa: E402


def read(raw: bytes, headers: dict[str, str]) -> tuple[bytes, bytes]:
    async def go() -> tuple[bytes, bytes]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await _read_body(reader, headers), await reader.read()

    # A thread of its own: an earlier test in the session may leave a loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, go()).result()


def test_a_chunked_body_is_joined_and_the_next_response_left_alone():
    body, rest = read(b'5\r\n{"a":\r\n3;x=1\r\n 1}\r\n0\r\n\r\nHTTP/1.1 200', {"transfer-encoding": "chunked"})
    assert body == b'{"a": 1}'
    assert rest == b"HTTP/1.1 200"


def test_a_body_by_length_and_none_without_either():
    assert read(b"abcdef", {"content-length": "4"}) == (b"abcd", b"ef")
    with pytest.raises(ValueError):
        read(b"abc", {})
