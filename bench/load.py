"""A headless Streamlit client and load generator.

A browser is far too heavy to stand in for a hall of phones, so this speaks
Streamlit's own websocket protocol instead: hundreds of sessions from one
asyncio process, each a `Session` that sends `BackMsg`s and follows the
`ForwardMsg` stream the way the frontend does.

    python bench/load.py --port PORT --pid PID --sessions 100 --duration 20 --script bare
    python bench/load.py --serve bench/bare_page.py --sessions 100 --duration 20 --pin

Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import re
import sys
import time
import zlib
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

if __package__ in (None, ""):  # run as a file: make `bench.serve` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from bench import serve as serving

LOOPBACK = "127.0.0.1"
# The frontend sends this in the subprotocol slot meant for an XSRF token when
# it has none; the server only reads that slot for auth cookies.
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]
MAX_AUTO_RERUN_TICKS = 100_000  # a fragment timer stops with its session anyway
MAX_POLLS = 100_000  # a poller stops with its session anyway
POLL_ACTION = "poll"  # a page iframe's GET every few seconds (/api/version, /api/questions)
# What Chromium on a phone sends with every request. Accept-Encoding matters most: Streamlit gzips
# every answer over 1,000 bytes that is not under /static/ or the root page (page paths such as
# /questions and our /api/ routes included), and compressing costs the server CPU.
BROWSER_HEADERS = (
    (
        "User-Agent",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36",
    ),
    ("Accept-Encoding", "gzip, deflate, br, zstd"),
    ("Accept-Language", "nb-NO,nb;q=0.9,en;q=0.8"),
    ("sec-ch-ua", '"Not:A-Brand";v="8", "Chromium";v="131"'),
    ("sec-ch-ua-mobile", "?1"),
    ("sec-ch-ua-platform", '"Android"'),
)
BROWSER_CONNECTIONS = 6  # Chromium's parallel HTTP/1.1 connections per host
# Of the fonts Streamlit's stylesheet declares, the ones our pages make Chromium fetch: the icon
# font (the text font is preloaded by the HTML; KaTeX, code and serif fonts are never drawn).
CSS_FONTS_USED = ("MaterialSymbols",)

_FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "FINISHED_SUCCESSFULLY",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "FINISHED_WITH_COMPILE_ERROR",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "FINISHED_FRAGMENT_RUN_SUCCESSFULLY",
}

_SUCCESS = {"FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"}

# Which WidgetState field each widget element fills, as the frontend does.
_VALUE_FIELD = {
    "button": "trigger_value",
    "download_button": "trigger_value",
    "checkbox": "bool_value",
    "text_input": "string_value",
    "text_area": "string_value",
    "selectbox": "string_value",  # the option's formatted label
    "radio": "string_value",
    "color_picker": "string_value",
    "feedback": "string_value",
    "time_input": "string_value",
    "multiselect": "string_array_value",
    "button_group": "string_array_value",
    "date_input": "string_array_value",
    "slider": "double_array_value",
    "number_input": "double_value",
    "pagination": "int_value",
    "menu_button": "string_trigger_value",
    "chat_input": "chat_input_value",
}
# Sent with one rerun only, like a click.
_ONE_SHOT = {"trigger_value", "string_trigger_value", "chat_input_value"}
_TEXT_FIELDS = ("markdown", "heading", "text", "alert", "code")


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host != LOOPBACK:
        raise ValueError(f"refusing {host!r}: this tool only talks to {LOOPBACK}")


class SessionClosed(RuntimeError):
    """The websocket is gone; the failed action is already recorded."""


@dataclass
class RunResult:
    action: str
    latency_s: float
    deltas: int
    status: str  # a ScriptFinishedStatus name, "timeout" or "closed"
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind, message)

    @property
    def finished(self) -> bool:
        return self.status in _FINISHED.values()

    @property
    def ok(self) -> bool:
        return self.status in _SUCCESS and not self.errors


@dataclass(frozen=True)
class Widget:
    id: str
    kind: str  # the Element oneof name: "button", "text_input", ...
    label: str
    path: tuple[int, ...]
    proto: Any  # the element's own message, e.g. a TextInput
    fragment_id: str = ""  # set when drawn by an st.fragment: a touch reruns only that

    @property
    def key(self) -> str | None:
        """The user's `key=`, which Streamlit appends to generated ids."""
        if not self.id.startswith("$$ID-"):
            return self.id
        user_key = self.id.split("-", 2)[-1]
        return None if user_key == "None" else user_key


# --- what the page shows ---------------------------------------------------


@dataclass
class _Node:
    element: Any  # an Element or Block message
    is_block: bool
    run_id: str
    fragment_id: str


class PageModel:
    """The latest element at each delta path, as the frontend's tree holds it."""

    def __init__(self) -> None:
        self.nodes: dict[tuple[int, ...], _Node] = {}

    def apply(self, path: tuple[int, ...], delta: Any, run_id: str) -> None:
        kind = delta.WhichOneof("type")
        if kind == "new_element":
            self.nodes[path] = _Node(delta.new_element, False, run_id, delta.fragment_id)
        elif kind == "add_block":
            self.nodes[path] = _Node(delta.add_block, True, run_id, delta.fragment_id)

    def prune(self, run_id: str, fragment_ids: Iterable[str]) -> None:
        """Drop what a finished run did not redraw: the whole page after a full
        run, only the fragment's own elements after a fragment run."""
        frags = set(fragment_ids)
        self.nodes = {
            p: n for p, n in self.nodes.items() if n.run_id == run_id or (frags and n.fragment_id not in frags)
        }

    def elements(self) -> Iterator[tuple[tuple[int, ...], str, Any]]:
        for path, kind, proto, _ in self._elements():
            yield path, kind, proto

    def _elements(self) -> Iterator[tuple[tuple[int, ...], str, Any, str]]:
        for path in sorted(self.nodes):
            node = self.nodes[path]
            if not node.is_block:
                kind = node.element.WhichOneof("type")
                if kind:
                    yield path, kind, getattr(node.element, kind), node.fragment_id

    def widgets(self) -> list[Widget]:
        found = []
        for path, kind, proto, fragment_id in self._elements():
            if "id" in proto.DESCRIPTOR.fields_by_name and proto.id:
                has_label = "label" in proto.DESCRIPTOR.fields_by_name
                label = proto.label if has_label else ""
                found.append(Widget(proto.id, kind, label, path, proto, fragment_id))
        return found

    def texts(self) -> list[str]:
        out = []
        for _, kind, proto in self.elements():
            if kind in _TEXT_FIELDS:
                out.append(getattr(proto, "body", "") or getattr(proto, "code_text", ""))
        return out


# --- one phone ---------------------------------------------------------------


@dataclass
class _Pending:
    action: str
    sent_at: float
    done: asyncio.Future
    runs: set[str] = field(default_factory=set)
    deltas: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Timer:
    interval: float
    task: asyncio.Task | None = None
    stopped: bool = False


def _default_context() -> ContextInfo:
    ctx = ContextInfo()
    ctx.timezone = "Europe/Oslo"
    ctx.timezone_offset = -60  # minutes, JavaScript's sign convention
    ctx.locale = "nb-NO"
    ctx.is_embedded = False
    ctx.color_scheme = "light"
    return ctx


class Session:
    """One browser tab: a websocket, its page model and its widget values."""

    def __init__(self, *, timeout_s: float = 30.0, auto_rerun: bool = True) -> None:
        self.timeout_s = timeout_s
        self.auto_rerun = auto_rerun
        self.url = ""
        self.session_id = ""
        self.query_string = ""
        self.page_script_hash = ""
        self.pages: dict[str, tuple[str, str]] = {}  # hash -> (title, url_pathname)
        self.model = PageModel()
        self.script_is_running = False
        self.results: list[RunResult] = []
        self.stray_errors: list[tuple[str, str]] = []  # seen with no action waiting
        self.skipped_ticks = 0
        self.message_counts: Counter[str] = Counter()
        self._ws: ClientConnection | None = None
        self._reader: asyncio.Task | None = None
        self._lock = asyncio.Lock()
        self._pending: _Pending | None = None
        self._values: dict[str, WidgetState] = {}
        self._one_shot: dict[str, WidgetState] = {}
        self._timers: dict[str, _Timer] = {}
        self._tick_tasks: set[asyncio.Task] = set()
        self._run_id = ""
        self._asked_page = ""
        self._compile_error_to: list[tuple[str, str]] | None = None
        self._closing = False
        self.opened = False  # the websocket handshake succeeded
        self.closed = False
        self._context = _default_context()
        self.poller: VersionPoller | None = None
        self.stopped_pollers: list[VersionPoller] = []
        self.http: VersionPoller | None = None  # one-off fetches (votes), not the polling
        self.cookies: dict[str, str] = {}  # the browser's jar for this origin
        self.static_requests = 0  # HTTP requests of the page load (HTML, static files, probes)
        self.static_bytes = 0

    # -- connecting -------------------------------------------------------

    async def connect(
        self, url: str, query_string: str = "", *, page: str | None = None, browser: Browser | None = None
    ) -> RunResult:
        """Open the stream and load the page, as a browser does on opening a link.

        `url` is the server (http://127.0.0.1:PORT, optionally with a base path) or its stream URL.
        With `browser`, first what Chromium fetches before the websocket (the page's HTML, its
        static files unless cached, the health and host-config probes), and after the first run
        the scripts the drawn elements need; the load's latency covers all of it.
        """
        require_loopback(url)
        parts = urlsplit(url)
        prefix = parts.path.rstrip("/")
        prefix = "" if prefix.endswith("/_stcore/stream") else prefix
        self.url = f"http://{parts.netloc}"
        self.query_string = query_string.lstrip("?")
        started = time.perf_counter()
        fetcher = None
        if browser is not None:
            fetcher = PageFetcher(self.url, prefix, browser, timeout_s=self.timeout_s, cookies=self.cookies)
            try:
                await fetcher.before_stream(page or "", self.query_string)
            except Exception:
                await fetcher.close()
                raise
        # With the XSRF cookie, the frontend sends its value where SUBPROTOCOLS has a placeholder.
        xsrf = self.cookies.get("_streamlit_xsrf")
        jar = [("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))] if self.cookies else []
        try:
            self._ws = await connect(
                f"ws://{parts.netloc}{prefix}/_stcore/stream",
                subprotocols=[SUBPROTOCOLS[0], xsrf] if xsrf else SUBPROTOCOLS,
                # Chromium offers permessage-deflate; Streamlit accepts it only with
                # server.enableWebsocketCompression (off by default), and then it costs server CPU.
                compression="deflate" if browser is not None else None,
                additional_headers=[h for h in BROWSER_HEADERS if h[0] != "User-Agent"] + jar if browser else None,
                user_agent_header=BROWSER_HEADERS[0][1] if browser else None,
                origin=f"http://{parts.netloc}" if browser else None,
                max_size=None,
                open_timeout=self.timeout_s,
                ping_interval=None,  # the server pings; websockets answers by itself
                close_timeout=2,
            )
            self.opened = True
            self._reader = asyncio.create_task(self._read(), name="load-reader")
            result = await self.rerun(page=page, action="load")
            if fetcher is not None:
                await fetcher.after_first_run(kind for _, kind, _ in self.model.elements())
        finally:
            if fetcher is not None:
                await fetcher.close()
                self.static_requests += fetcher.requests
                self.static_bytes += fetcher.bytes
                result_errors = fetcher.errors
        if fetcher is not None:
            result.errors.extend(result_errors)
            result.latency_s = time.perf_counter() - started
        return result

    def start_polling(
        self,
        path: str | Callable[[], str] = "/api/version",
        interval_s: float = 5.0,
        on_answer: Callable[[bytes], None] | None = None,
    ) -> None:
        """Poll a plain HTTP route while the session lives, as the page's iframe does. `path` may
        be a function (the Spørsmål iframe sends the version it shows); `on_answer` sees each
        200 answer's body."""
        if self.poller is None and self.url:
            self.poller = VersionPoller(
                self.url, path, interval_s, timeout_s=self.timeout_s, on_answer=on_answer, cookies=self.cookies
            )
            self.poller.start()

    async def post_json(self, path: str, body: dict, action: str) -> RunResult:
        """A fetch() from an iframe in the page: a JSON POST on the phone's own keep-alive
        connection, recorded among the script's runs (it is the interaction)."""
        if self.http is None:
            self.http = VersionPoller(self.url, path, 0, timeout_s=self.timeout_s, cookies=self.cookies)
        result = await self.http.send(action, "POST", path, json.dumps(body).encode())
        self.results.append(result)
        return result

    def stop_polling(self) -> None:
        """The page with the polling iframe was left: its fetches stop with it."""
        if self.poller is not None:
            self.stopped_pollers.append(self.poller)
            self.poller.cancel()
            self.poller = None

    async def close(self) -> None:
        self._closing = True
        for old in self.stopped_pollers:
            await old.stop()
        if self.poller is not None:
            await self.poller.stop()
        if self.http is not None:
            await self.http.stop()
        self._stop_timers()
        current = asyncio.current_task()
        for task in self._tick_tasks:
            if task is not current:
                task.cancel()
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._ws.close(), 5)
        if self._reader is not None:
            with contextlib.suppress(BaseException):
                await asyncio.wait_for(self._reader, 5)
        self.closed = True

    # -- finding and setting widgets ---------------------------------------

    def widgets(self, kind: str | None = None) -> list[Widget]:
        return [w for w in self.model.widgets() if kind is None or w.kind == kind]

    def widget(
        self,
        label: str | None = None,
        *,
        key: str | None = None,
        kind: str | None = None,
        contains: str | None = None,
    ) -> Widget:
        """The one widget matching every given criterion, from the latest run."""
        matches = [
            w
            for w in self.widgets(kind)
            if (label is None or w.label == label)
            and (key is None or w.key == key)
            and (contains is None or contains in w.label)
        ]
        if len(matches) != 1:
            seen = ", ".join(f"{w.kind}:{w.label!r}/{w.key}" for w in self.widgets())
            raise LookupError(
                f"{len(matches)} widgets match label={label!r} key={key!r} "
                f"kind={kind!r} contains={contains!r}; on the page: {seen}"
            )
        return matches[0]

    def texts(self) -> list[str]:
        return self.model.texts()

    def has_text(self, fragment: str) -> bool:
        return any(fragment in t for t in self.texts())

    def set(self, widget: Widget | str, value: Any, field_name: str | None = None) -> None:
        """Give a widget a value for the next rerun (the user typed or picked).

        Buttons take `True` and count for one rerun only, like a click.
        """
        state = self._widget_state(widget, value, field_name)
        store = self._one_shot if state.WhichOneof("value") in _ONE_SHOT else self._values
        store[state.id] = state

    async def press(self, widget: Widget | str | None = None, *, action: str = "press", **find: Any) -> RunResult:
        """Click a button (given, or found by `label=`/`key=`/`contains=`) and wait for the run."""
        if widget is None:
            widget = self.widget(kind=find.pop("kind", "button"), **find)
        self.set(widget, True)
        # As the frontend does: a widget drawn by a fragment reruns only that fragment.
        fragment_id = widget.fragment_id if isinstance(widget, Widget) else ""
        return await self.rerun(action=action, fragment_id=fragment_id)

    def _widget_state(self, widget: Widget | str, value: Any, field_name: str | None) -> WidgetState:
        if isinstance(widget, str):
            widget = next((w for w in self.model.widgets() if w.id == widget), widget)
        wid = widget.id if isinstance(widget, Widget) else widget
        if field_name is None and isinstance(widget, Widget):
            field_name = _VALUE_FIELD.get(widget.kind)
            if widget.kind == "number_input" and widget.proto.data_type == widget.proto.INT:
                field_name = "int_value"
        field_name = field_name or _field_for_python_value(value)
        state = WidgetState(id=wid)
        if field_name in ("double_array_value", "string_array_value", "int_array_value"):
            getattr(state, field_name).data.extend(value)
        elif field_name in ("string_trigger_value", "chat_input_value"):
            getattr(state, field_name).data = value
        else:
            setattr(state, field_name, value)
        return state

    # -- running the script -------------------------------------------------

    async def rerun(
        self,
        page: str | None = None,
        widgets: Iterable[WidgetState | tuple[Widget | str, Any]] | None = None,
        query_string: str | None = None,
        *,
        action: str = "rerun",
        fragment_id: str = "",
        is_auto_rerun: bool = False,
    ) -> RunResult:
        """Ask for a script run and wait for its `script_finished`.

        `page` is a page title, url path or script hash; `query_string` replaces
        the URL's query (it stays, as in the address bar); `widgets` are extra
        values as WidgetState messages or (widget, value) pairs.
        """
        if self.closed or self._ws is None:
            raise SessionClosed("session is closed")
        for w in widgets or ():
            if isinstance(w, WidgetState):
                store = self._one_shot if w.WhichOneof("value") in _ONE_SHOT else self._values
                store[w.id] = w
            else:
                self.set(*w)
        async with self._lock:
            state = self._client_state(page, query_string, fragment_id, is_auto_rerun)
            loop = asyncio.get_running_loop()
            pending = _Pending(action, time.perf_counter(), loop.create_future())
            self._pending = pending
            try:
                await self._ws.send(BackMsg(rerun_script=state).SerializeToString())
                status = await asyncio.wait_for(asyncio.shield(pending.done), self.timeout_s)
            except TimeoutError:
                status = "timeout"
                why = f"{action}: no script_finished in {self.timeout_s}s"
                pending.errors.append(("timeout", why))
            except ConnectionClosed as exc:
                status = "closed"
                pending.errors.append(("connection_closed", str(exc)))
            finally:
                self._pending = None
            latency = time.perf_counter() - pending.sent_at
            result = RunResult(action, latency, pending.deltas, status, pending.errors)
            self.results.append(result)
        if status == "closed":
            self.closed = True
            raise SessionClosed(f"{action}: connection closed")
        return result

    def _client_state(self, page: str | None, query_string: str | None, fragment_id: str, auto: bool) -> ClientState:
        if query_string is not None:
            self.query_string = query_string.lstrip("?")
        page_name = ""
        if page is not None:
            self.page_script_hash, page_name = self._resolve_page(page)
            self._asked_page = page
        state = ClientState(
            query_string=self.query_string,
            page_script_hash=self.page_script_hash,
            page_name=page_name,
            fragment_id=fragment_id,
            is_auto_rerun=auto,
        )
        # Every rerun carries all current values, as the frontend's widget manager does.
        state.widget_states.widgets.extend(self._values.values())
        if not auto:
            state.widget_states.widgets.extend(self._one_shot.values())
            self._one_shot.clear()
        # cached_message_hashes stays empty: the server then never sends a
        # ref_hash in place of a message, so this client needs no cache.
        state.context_info.CopyFrom(self._context)
        state.context_info.url = f"{self.url}/{page_name}" + (f"?{self.query_string}" if self.query_string else "")
        return state

    def _resolve_page(self, page: str) -> tuple[str, str]:
        """(script hash, url path) for a page given by hash, title or url path."""
        for h, (title, pathname) in self.pages.items():
            if page in (h, title, pathname):
                return h, pathname
        # Not seen yet (e.g. the first load): the server matches url paths.
        return "", page.strip("/")

    # -- the ForwardMsg stream ---------------------------------------------

    async def _read(self) -> None:
        assert self._ws is not None
        try:
            async for raw in self._ws:
                msg = ForwardMsg()
                msg.ParseFromString(raw)
                self._on_message(msg)
        except ConnectionClosed:
            pass
        except Exception as exc:  # a bug here must show up in the report
            self._error("client", f"{type(exc).__name__}: {exc}")
        finally:
            self.closed = True
            self._stop_timers()
            pending = self._pending
            if pending is not None and not pending.done.done():
                if not self._closing:
                    pending.errors.append(("connection_closed", "server closed the stream"))
                pending.done.set_result("closed")

    def _error(self, kind: str, message: str) -> None:
        if self._pending is not None:
            self._pending.errors.append((kind, message))
        else:
            self.stray_errors.append((kind, message))

    def _on_message(self, msg: ForwardMsg) -> None:
        kind = msg.WhichOneof("type")
        self.message_counts[kind] += 1
        pending = self._pending
        run = msg.metadata.run
        if kind == "new_session":
            ns = msg.new_session
            self.session_id = ns.initialize.session_id or self.session_id
            self.page_script_hash = ns.page_script_hash
            self._set_pages(ns.app_pages)
            # Only lifecycle messages carry the run; deltas belong to the latest.
            self._run_id = run.script_run_id
            if pending is not None:
                pending.runs.add(run.script_run_id)
            if not run.fragment_ids:
                # A full run re-registers its fragments' timers.
                self._stop_timers()
        elif kind == "delta":
            if pending is not None:
                pending.deltas += 1
            self.model.apply(tuple(msg.metadata.delta_path), msg.delta, self._run_id)
            if msg.delta.new_element.WhichOneof("type") == "exception":
                exc = msg.delta.new_element.exception
                label = "warning" if exc.is_warning else "exception"
                self._error(f"{label}:{exc.type or '?'}", exc.message[:300])
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return  # st.rerun(): the next run continues the same action
            self.model.prune(run.script_run_id, run.fragment_ids)
            if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                live = {w.id for w in self.model.widgets()}
                self._values = {k: v for k, v in self._values.items() if k in live}
            ours = not run.script_run_id or (pending is not None and run.script_run_id in pending.runs)
            if pending is not None and ours and not pending.done.done():
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    # The details follow in a session_event; file them with this run.
                    self._compile_error_to = pending.errors
                pending.done.set_result(_FINISHED.get(msg.script_finished, "?"))
        elif kind == "navigation":
            self._set_pages(msg.navigation.app_pages)
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "session_status_changed":
            self.script_is_running = msg.session_status_changed.script_is_running
        elif kind == "page_not_found":
            self._error("page_not_found", msg.page_not_found.page_name or self._asked_page)
        elif kind == "session_event":
            if msg.session_event.HasField("script_compilation_exception"):
                exc = msg.session_event.script_compilation_exception
                text = f"{exc.type}: {exc.message}"[:300]
                if self._compile_error_to is not None:
                    self._compile_error_to.append(("compile_error", text))
                    self._compile_error_to = None
                else:
                    self._error("compile_error", text)
        elif kind == "auto_rerun":
            self._start_timer(msg.auto_rerun.fragment_id, msg.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fid in msg.stop_auto_rerun.fragment_ids:
                self._stop_timer(fid)
        elif kind == "ref_hash":
            # Never expected: this client claims no cached messages.
            self._error("ref_hash", msg.ref_hash)

    def _set_pages(self, app_pages: Iterable[Any]) -> None:
        pages = {p.page_script_hash: (p.page_name, p.url_pathname) for p in app_pages}
        if pages:
            self.pages = pages

    # -- fragment timers (st.fragment(run_every=...)) ---------------------

    def _start_timer(self, fragment_id: str, interval: float) -> None:
        if not self.auto_rerun or not fragment_id or interval <= 0:
            return  # the frontend also ignores a timer without a fragment
        old = self._timers.get(fragment_id)
        if old and not old.stopped and old.interval == interval:
            return  # re-registering the same interval leaves the countdown alone
        self._stop_timer(fragment_id)
        timer = _Timer(interval)
        timer.task = asyncio.create_task(self._tick(fragment_id, timer), name="load-tick")
        self._tick_tasks.add(timer.task)
        timer.task.add_done_callback(self._tick_tasks.discard)
        self._timers[fragment_id] = timer

    def _stop_timer(self, fragment_id: str) -> None:
        # Flag, don't cancel: the tick may be the caller (its fragment run
        # started a full rerun); it sees the flag when it next wakes.
        timer = self._timers.pop(fragment_id, None)
        if timer is not None:
            timer.stopped = True

    def _stop_timers(self) -> None:
        for fid in list(self._timers):
            self._stop_timer(fid)

    async def _tick(self, fragment_id: str, timer: _Timer) -> None:
        for _ in range(MAX_AUTO_RERUN_TICKS):
            await asyncio.sleep(timer.interval)
            if timer.stopped or self.closed:
                return
            if self._lock.locked():
                # A run is in flight; the server would fold this tick into it.
                self.skipped_ticks += 1
                continue
            try:
                await self.rerun(action="auto_rerun", fragment_id=fragment_id, is_auto_rerun=True)
            except SessionClosed:
                return


class VersionPoller:
    """A browser's `fetch(path)` every few seconds, on one keep-alive HTTP/1.1 connection.

    The Nå page's clock iframe polls /api/version like this, so an honest idle
    phone costs the server these requests as well as its websocket. Each GET is
    recorded as a RunResult; they are reported beside the script runs, not
    counted among them.
    """

    def __init__(
        self,
        url: str,
        path: str | Callable[[], str],
        interval_s: float,
        *,
        timeout_s: float = 10.0,
        on_answer: Callable[[bytes], None] | None = None,
        browser: bool = True,
        cookies: dict[str, str] | None = None,
    ) -> None:
        require_loopback(url)
        self.browser = browser  # send Chromium's headers (Accept-Encoding: gzip and friends)
        self.cookies = cookies if cookies is not None else {}  # the phone's jar, shared by its connections
        self.bytes = 0  # received, as on the wire
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or LOOPBACK, parts.port or 80
        self.path = path
        self.on_answer = on_answer
        self.interval_s = interval_s
        self.timeout_s = timeout_s
        self.results: list[RunResult] = []
        self.connections = 0  # opened so far: a poll on a connection the server dropped opens one
        self.last_body = b""
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="load-poll")

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(BaseException):
                await self._task
        self._drop()

    async def _loop(self) -> None:
        for _ in range(MAX_POLLS):
            await asyncio.sleep(self.interval_s)
            await self.get_once()

    async def get_once(self) -> RunResult:
        result = await self.send(POLL_ACTION)
        self.results.append(result)
        return result

    async def send(self, action: str, method: str = "GET", path: str | None = None, payload: bytes = b"") -> RunResult:
        """One request on the keep-alive connection, timed; a non-200 answer is an error."""
        path = path or (self.path() if callable(self.path) else self.path)
        started = time.perf_counter()
        errors: list[tuple[str, str]] = []
        status = "FINISHED_SUCCESSFULLY"
        try:
            code, body = await asyncio.wait_for(self._request(method, path, payload), self.timeout_s)
            self.last_body = body
            if code != 200:
                status = "http_error"
                errors.append((f"http:{code}", body[:200].decode(errors="replace")))
            elif self.on_answer is not None and action == POLL_ACTION:
                self.on_answer(body)
        except TimeoutError:
            status = "timeout"
            errors.append(("http:timeout", f"{path}: no answer in {self.timeout_s}s"))
            self._drop()
        except (OSError, EOFError, ValueError, asyncio.IncompleteReadError) as exc:
            status = "closed"
            errors.append((f"http:{type(exc).__name__}", str(exc)[:200]))
            self._drop()
        return RunResult(action, time.perf_counter() - started, 0, status, errors)

    async def _request(
        self, method: str, path: str, payload: bytes, accept: str = "application/json", dest: str = "empty"
    ) -> tuple[int, bytes]:
        """One request; `dest` is its Sec-Fetch-Dest. As Chromium, a POST and a crossorigin
        (module script, stylesheet, font) request carry an Origin."""
        # One retry on a fresh connection: the server may close an idle keep-alive one.
        for attempt in (1, 2):
            if self._writer is None:
                self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
                self.connections += 1
            assert self._reader is not None
            body_head = (
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n" if method != "GET" else ""
            )
            browser = "".join(f"{k}: {v}\r\n" for k, v in BROWSER_HEADERS) if self.browser else ""
            if self.browser:
                mode = "navigate" if dest == "document" else "cors"
                browser += f"Sec-Fetch-Dest: {dest}\r\nSec-Fetch-Mode: {mode}\r\nSec-Fetch-Site: same-origin\r\n"
                if method != "GET" or dest in ("script", "style", "font"):
                    browser += f"Origin: http://{self.host}:{self.port}\r\n"
            if self.browser and self.cookies:
                browser += "Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()) + "\r\n"
            self._writer.write(
                f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{body_head}{browser}"
                f"Accept: {accept}\r\nConnection: keep-alive\r\n\r\n".encode()
                + payload
            )
            try:
                await self._writer.drain()
                head = await self._reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                self._drop()
                if attempt == 2:
                    raise
                continue
            lines = head.decode("latin-1").split("\r\n")
            code = int(lines[0].split()[1])
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            for line in lines[1:]:  # Streamlit's health answer sets the XSRF cookie
                if self.browser and line.lower().startswith("set-cookie:"):
                    name, _, value = line.split(":", 1)[1].split(";")[0].strip().partition("=")
                    self.cookies[name] = value
            body = await _read_body(self._reader, headers)
            self.bytes += len(body)
            if headers.get("content-encoding", "").lower() == "gzip":
                body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
            if headers.get("connection", "").lower() == "close":
                self._drop()
            return code, body
        raise AssertionError("unreachable")

    def _drop(self) -> None:
        if self._writer is not None:
            self._writer.close()
        self._reader = self._writer = None


async def _read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    """A response body by Content-Length, or chunked as a proxy that streams sends it."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0].strip(), 16)
            chunk = await reader.readexactly(size + 2)  # the data and its CRLF
            if size == 0:
                return b"".join(chunks)
            chunks.append(chunk[:-2])
    if "content-length" not in headers:
        raise ValueError("response without Content-Length")
    return await reader.readexactly(int(headers["content-length"]))


@dataclass(frozen=True)
class Browser:
    """How a phone's browser loads the page before (and just after) its websocket opens.

    `cached`: the static files are already in the browser's cache (Streamlit marks them immutable),
    so only the HTML and the probes go to the server, as for a phone that opened the app earlier
    that day. `static=False` leaves the static files out for another reason: a proxy in front of
    the app serves them, so this server never sees them.
    """

    cached: bool = False
    static: bool = True
    # A phone's network: each request waits a round trip, each answer its bytes at the phone's
    # share of the hall's Wi-Fi. Spread over a second or two as on a phone, the same requests
    # cost the server more CPU than in a burst over loopback (see docs/capacity.md).
    rtt_s: float = 0.03
    bandwidth_bps: float = 5_000_000  # bytes a second, all six connections together (40 Mbit/s)

    @property
    def fetches_static(self) -> bool:
        return self.static and not self.cached


_HTML_ASSET = re.compile(
    r"<(?:script[^>]*\bsrc|link[^>]*\brel=\"(?:modulepreload|stylesheet|preload|shortcut icon|icon)\"[^>]*\bhref)"
    r"=\"([^\"]+)\"",
    re.IGNORECASE,
)
_HTML_ASSET_REVERSED = re.compile(
    r"<link[^>]*\bhref=\"([^\"]+)\"[^>]*\brel=\"(?:modulepreload|stylesheet|preload|shortcut icon|icon)\""
)
_HTML_ENTRY = re.compile(r'<script[^>]*\bsrc="([^"]+)"', re.IGNORECASE)
_CSS_FONT = re.compile(r"url\((\.\./media/[^)]+\.woff2)\)")
_JS_IMPORT = re.compile(r"(?:from|import)\s*\"(\./[^\"]+\.js)\"")
_JS_CHUNK = re.compile(r"\"\./([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\.js\"")


def _dest(path: str) -> str:
    """The Sec-Fetch-Dest Chromium gives a static file."""
    for ending, dest in ((".js", "script"), (".css", "style"), (".woff2", "font"), (".png", "image")):
        if path.endswith(ending):
            return dest
    return "empty"


class PageFetcher:
    """The HTTP requests Chromium makes to load a Streamlit page, as seen in a real load
    (`page.on("request")`): the HTML; its scripts, modulepreloads, stylesheet, preloaded font and
    favicon; the font the stylesheet declares that our pages draw (`CSS_FONTS_USED`);
    `_stcore/health` and `_stcore/host-config` (on a page path first tried below
    that path, answered 404); after the first run the script chunk of each element kind drawn
    (`iframe` -> IFrame.*.js) with the chunks it imports. Found from what the server serves, so
    it follows a Streamlit upgrade. Up to six keep-alive connections, as Chromium uses.
    """

    def __init__(
        self, origin: str, prefix: str, browser: Browser, *, timeout_s: float = 30.0, cookies: dict[str, str]
    ) -> None:
        self.origin, self.prefix, self.browser, self.timeout_s = origin, prefix, browser, timeout_s
        self.connections = [
            VersionPoller(origin, "", 0, timeout_s=timeout_s, cookies=cookies) for _ in range(BROWSER_CONNECTIONS)
        ]
        self.requests = 0
        self.bytes = 0
        self.errors: list[tuple[str, str]] = []
        self.fetched: set[str] = set()
        self.scripts: dict[str, bytes] = {}  # path -> body, to follow imports
        self.document = ""
        self.entry = ""  # the page's module script

    async def _get(
        self, conn: VersionPoller, path: str, accept: str, ok: tuple[int, ...] = (200,), dest: str = "empty"
    ) -> bytes:
        self.requests += 1
        before = conn.bytes
        await asyncio.sleep(self.browser.rtt_s)
        try:
            code, body = await asyncio.wait_for(conn._request("GET", path, b"", accept, dest), self.timeout_s)
        except (TimeoutError, OSError, EOFError, ValueError, asyncio.IncompleteReadError) as exc:
            conn._drop()
            self.errors.append((f"page:{type(exc).__name__}", f"{path}: {exc}"[:200]))
            return b""
        finally:
            self.bytes += conn.bytes - before
        if self.browser.bandwidth_bps > 0:  # this connection's share of the phone's bandwidth
            await asyncio.sleep((conn.bytes - before) * BROWSER_CONNECTIONS / self.browser.bandwidth_bps)
        if code not in ok:
            self.errors.append((f"page:http:{code}", path))
        return body

    async def _many(self, paths: Iterable[str]) -> None:
        todo = [p for p in dict.fromkeys(paths) if p not in self.fetched]
        self.fetched.update(todo)
        queue: asyncio.Queue[str] = asyncio.Queue()
        for path in todo:
            queue.put_nowait(path)

        async def worker(conn: VersionPoller) -> None:
            while not queue.empty():
                path = queue.get_nowait()
                body = await self._get(conn, path, "*/*", dest=_dest(path))
                if path.endswith(".js"):
                    self.scripts[path] = body
                elif path.endswith(".css"):
                    text = body.decode(errors="replace")
                    fonts = [f for f in _CSS_FONT.findall(text) if any(name in f for name in CSS_FONTS_USED)]
                    for font in fonts:
                        url = urljoin(path, font)
                        if url not in self.fetched:
                            self.fetched.add(url)
                            queue.put_nowait(url)

        await asyncio.gather(*(worker(c) for c in self.connections[: max(1, min(len(todo), BROWSER_CONNECTIONS))]))

    async def before_stream(self, page: str, query_string: str) -> None:
        page = page.strip("/")
        doc = f"{self.prefix}/{page}" if page else f"{self.prefix}/"
        html = await self._get(
            self.connections[0],
            doc + (f"?{query_string}" if query_string else ""),
            "text/html,*/*;q=0.8",
            dest="document",
        )
        self.document = doc
        if self.browser.fetches_static:
            text = html.decode(errors="replace")
            entry = _HTML_ENTRY.search(text)
            self.entry = urljoin(doc, entry.group(1)) if entry else ""
            found = _HTML_ASSET.findall(text) + _HTML_ASSET_REVERSED.findall(text)
            await self._many(urljoin(doc, ref) for ref in found if not ref.startswith(("http:", "https:", "//")))
        probes = []
        if page:  # the frontend tries the page's path as a base path first
            probes += [(f"{doc}/_stcore/health", (200, 404)), (f"{doc}/_stcore/host-config", (200, 404))]
        probes += [(f"{self.prefix}/_stcore/health", (200,)), (f"{self.prefix}/_stcore/host-config", (200,))]
        for path, ok in probes:
            await self._get(self.connections[0], path, "*/*", ok)

    async def after_first_run(self, kinds: Iterable[str]) -> None:
        """The script chunks the drawn elements need, and what they import, not yet fetched."""
        if not self.browser.fetches_static or not self.scripts:
            return
        wanted = {k.replace("_", "").lower() for k in kinds}
        index = self.scripts.get(self.entry, b"").decode(errors="replace")  # it names every chunk
        todo = {
            urljoin(self.entry, m.group(0).strip('"'))
            for m in _JS_CHUNK.finditer(index)
            if m.group(1).lower() in wanted
        }
        while todo - self.fetched:
            fresh = todo - self.fetched
            await self._many(sorted(fresh))
            todo = {
                urljoin(path, ref) for path in fresh for ref in _JS_IMPORT.findall(self.scripts.get(path, b"").decode())
            }

    async def close(self) -> None:
        for conn in self.connections:
            conn._drop()


def _field_for_python_value(value: Any) -> str:
    if isinstance(value, bool):
        return "bool_value"
    if isinstance(value, int):
        return "int_value"
    if isinstance(value, float):
        return "double_value"
    if isinstance(value, str):
        return "string_value"
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "string_array_value"
    if isinstance(value, (list, tuple)):
        return "double_array_value"
    raise TypeError(f"cannot tell which WidgetState field takes {value!r}")


# --- many phones -------------------------------------------------------------


def _browser_for(i: int, browser: Browser | None, cached_share: float) -> Browser | None:
    """Phone i's browser: cached for an even spread of `cached_share` of the phones."""
    if browser is None or cached_share <= 0:
        return browser
    cached = math.floor((i + 1) * cached_share) > math.floor(i * cached_share)
    return Browser(cached=browser.cached or cached, static=browser.static)


class Budget:
    """How long and how much a scripted session may still do."""

    def __init__(self, deadline: float, max_actions: int, think_s: float) -> None:
        self.deadline = deadline  # on the event loop's clock
        self.max_actions = max_actions
        self.think_s = think_s
        self.used = 0

    def time_left(self) -> float:
        return self.deadline - asyncio.get_running_loop().time()

    def spend(self) -> bool:
        """Claim one action; False once the budget or the time is used up."""
        if self.used >= self.max_actions or self.time_left() <= 0:
            return False
        self.used += 1
        return True

    async def think(self, mean_s: float | None = None) -> bool:
        """Pause like a person between taps; False if the run ends meanwhile."""
        mean = self.think_s if mean_s is None else mean_s
        pause = random.uniform(0.5 * mean, 1.5 * mean)
        await asyncio.sleep(max(0.0, min(pause, self.time_left())))
        return self.time_left() > 0


Script = Callable[[Session, Budget], Awaitable[None]]


async def bare_script(session: Session, budget: Budget) -> None:
    """Look at the page and rerun it now and then, as any widget touch would."""
    while await budget.think() and budget.spend():
        await session.rerun(action="rerun")


SCRIPTS: dict[str, Script] = {"bare": bare_script}


@dataclass
class LoadResult:
    sessions: int
    latencies: dict[str, list[float]]  # seconds, per action
    errors: Counter[str]
    examples: dict[str, str]  # one message per error kind
    sessions_connected: int
    sessions_finished: int  # got at least one script_finished
    completed: int  # runs that reached script_finished
    skipped_ticks: int
    wall_s: float
    client_cpu_s: float


async def run_load(
    url: str,
    n_sessions: int,
    script: Script,
    duration_s: float,
    ramp_s: float = 0.0,
    *,
    query_string: str | Callable[[int], str] = "",
    page: str | Callable[[int], str | None] | None = None,
    think_s: float = 2.0,
    max_actions: int = 10_000,
    timeout_s: float = 30.0,
    browser: Browser | None = Browser(),
    cached_share: float = 0.0,
) -> LoadResult:
    """Run `n_sessions` sessions at once, each loading the page and then following `script`.

    Sessions start spread over the first `ramp_s` seconds; all stop at
    `duration_s`. `query_string` and `page` may be per-session functions of
    the session's index, e.g. to hand each phone its own token.

    Each phone first loads the page as `browser` says (None: the websocket alone); a share
    `cached_share` of them (every k-th, evenly spread) already has the static files cached.
    """
    require_loopback(url)
    loop = asyncio.get_running_loop()
    started = loop.time()
    end = started + duration_s
    ramp_s = min(ramp_s, duration_s / 2)
    cpu0 = os.times()
    sessions: list[Session] = []
    errors: Counter[str] = Counter()
    examples: dict[str, str] = {}

    def note(kind: str, message: str) -> None:
        errors[kind] += 1
        examples.setdefault(kind, message)

    async def one(i: int) -> None:
        await asyncio.sleep(ramp_s * i / max(n_sessions, 1))
        session = Session(timeout_s=timeout_s)
        sessions.append(session)
        qs = query_string(i) if callable(query_string) else query_string
        pg = page(i) if callable(page) else page
        try:
            try:
                await session.connect(url, qs, page=pg, browser=_browser_for(i, browser, cached_share))
            except SessionClosed:
                raise
            except Exception as exc:  # refused, handshake failed, timed out
                note(f"connect:{type(exc).__name__}", str(exc)[:300])
                return
            await script(session, Budget(end, max_actions, think_s))
        except SessionClosed:
            pass  # the failed action carries the error
        except Exception as exc:
            note(f"script:{type(exc).__name__}", str(exc)[:300])
        finally:
            await session.close()

    tasks = [asyncio.create_task(one(i)) for i in range(n_sessions)]
    _, late = await asyncio.wait(tasks, timeout=duration_s + 2 * timeout_s + 10)
    for task in late:
        task.cancel()
        note("overrun", "session still busy long after the run's end")
    await asyncio.gather(*late, return_exceptions=True)

    latencies: dict[str, list[float]] = {}
    completed = skipped = finished_sessions = connected = 0
    for s in sessions:
        connected += s.opened
        finished_sessions += any(r.finished for r in s.results)
        skipped += s.skipped_ticks
        polls = [r for p in [*s.stopped_pollers, s.poller] if p is not None for r in p.results]
        for r in polls:  # beside the script runs, not among `completed`
            latencies.setdefault(r.action, []).append(r.latency_s)
            for kind, message in r.errors:
                note(kind, message)
        for kind, message in s.stray_errors:
            note(kind, message)
        for r in s.results:
            latencies.setdefault(r.action, []).append(r.latency_s)
            completed += r.finished
            for kind, message in r.errors:
                note(kind, message)
    cpu1 = os.times()
    return LoadResult(
        sessions=n_sessions,
        latencies=latencies,
        errors=errors,
        examples=examples,
        sessions_connected=connected,
        sessions_finished=finished_sessions,
        completed=completed,
        skipped_ticks=skipped,
        wall_s=loop.time() - started,
        client_cpu_s=(cpu1.user + cpu1.system) - (cpu0.user + cpu0.system),
    )


# --- the server's side of the bill --------------------------------------------


@dataclass
class ServerCost:
    cpu_s: float
    wall_s: float
    rss_before_mb: float
    rss_after_mb: float
    rss_peak_mb: float  # highest sampled during the run
    cpu_wait_s: float  # time the server was ready to run but had no CPU

    def cpu_ms_per(self, interactions: int) -> float:
        return 1000 * self.cpu_s / interactions if interactions else math.nan


async def measure_load(
    url: str, pid: int | None, *, warmup: bool = True, **run_kwargs: Any
) -> tuple[LoadResult, ServerCost | None]:
    """`run_load`, plus the server's CPU time and memory over the same window."""
    if warmup:
        # The first run imports the page's libraries; keep that out of the bill.
        first = Session()
        try:
            await first.connect(url)
        finally:
            await first.close()
    if pid is None:
        return await run_load(url, **run_kwargs), None
    before = serving.sample(pid)
    peak = before.rss_mb
    stop = asyncio.Event()

    async def watch_rss() -> None:
        nonlocal peak
        while not stop.is_set():
            with contextlib.suppress(OSError):
                peak = max(peak, serving.sample(pid).rss_mb)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 1.0)

    watcher = asyncio.create_task(watch_rss())
    try:
        result = await run_load(url, **run_kwargs)
    finally:
        stop.set()
        await watcher
    after = serving.sample(pid)
    cost = ServerCost(
        cpu_s=after.cpu_s - before.cpu_s,
        wall_s=after.at - before.at,
        rss_before_mb=before.rss_mb,
        rss_after_mb=after.rss_mb,
        rss_peak_mb=max(peak, after.rss_mb),
        cpu_wait_s=max(0.0, after.cpu_wait_s - before.cpu_wait_s),
    )
    return result, cost


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def format_report(result: LoadResult, cost: ServerCost | None, title: str = "") -> str:
    lines = [title] if title else []
    lines.append(
        f"{result.sessions} sessions, {result.wall_s:.1f} s: "
        f"{result.sessions_connected} connected, {result.sessions_finished} got script_finished, "
        f"{result.completed} runs completed"
    )
    lines.append(f"{'action':<12}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for action, values in sorted(result.latencies.items()):
        xs = sorted(v * 1000 for v in values)
        lines.append(
            f"{action:<12}{len(xs):>7}{percentile(xs, 50):>9.1f}{percentile(xs, 95):>9.1f}"
            f"{percentile(xs, 99):>9.1f}{xs[-1]:>9.1f}"
        )
    if result.errors:
        lines.append("errors:")
        for kind, n in result.errors.most_common():
            lines.append(f"  {kind}: {n}  e.g. {result.examples.get(kind, '')[:120]!r}")
    else:
        lines.append("errors: none")
    if result.skipped_ticks:
        lines.append(f"fragment ticks skipped while a run was in flight: {result.skipped_ticks}")
    if cost is not None:
        lines.append(
            f"server: {cost.cpu_s:.2f} CPU-s in {cost.wall_s:.1f} s "
            f"({100 * cost.cpu_s / cost.wall_s:.0f}% of a core), "
            f"{cost.cpu_ms_per(result.completed):.1f} CPU-ms per completed interaction; "
            f"RSS {cost.rss_before_mb:.0f} -> {cost.rss_after_mb:.0f} MB "
            f"(peak {cost.rss_peak_mb:.0f} MB)"
        )
        # Run-queue wait: other processes (or the server's own threads) held its
        # CPU. Much of it means the machine, not the app, set the latencies.
        busy = cost.cpu_wait_s > 0.1 * cost.wall_s
        lines.append(
            f"server waited {cost.cpu_wait_s:.2f} s for a CPU"
            + ("  <- CPU contended, latencies overstated" if busy else "")
        )
    client_share = result.client_cpu_s / result.wall_s if result.wall_s else 0
    lines.append(
        f"client: {result.client_cpu_s:.2f} CPU-s ({100 * client_share:.0f}% of a core)"
        + ("  <- client-bound, latencies overstated" if client_share > 0.8 else "")
    )
    return "\n".join(lines)


def report_dict(result: LoadResult, cost: ServerCost | None) -> dict[str, Any]:
    """The same numbers as `format_report`, for files and later comparison."""
    actions = {}
    for action, values in result.latencies.items():
        xs = sorted(v * 1000 for v in values)
        actions[action] = {
            "n": len(xs),
            **{f"p{p}_ms": round(percentile(xs, p), 2) for p in (50, 95, 99)},
        }
    out: dict[str, Any] = {
        "sessions": result.sessions,
        "sessions_finished": result.sessions_finished,
        "completed": result.completed,
        "wall_s": round(result.wall_s, 2),
        "actions": actions,
        "errors": dict(result.errors),
        "client_cpu_s": round(result.client_cpu_s, 2),
    }
    if cost is not None:
        out["server"] = {
            "cpu_s": round(cost.cpu_s, 3),
            "cpu_ms_per_interaction": round(cost.cpu_ms_per(result.completed), 2),
            "rss_before_mb": round(cost.rss_before_mb, 1),
            "rss_after_mb": round(cost.rss_after_mb, 1),
            "rss_peak_mb": round(cost.rss_peak_mb, 1),
            "cpu_wait_s": round(cost.cpu_wait_s, 2),
        }
    return out


# --- command line -------------------------------------------------------------


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Headless sessions against a local Streamlit server.")
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--port", type=int, help="a server already running on 127.0.0.1")
    where.add_argument("--serve", metavar="FILE", help="start `streamlit run FILE` for this run")
    ap.add_argument("--pid", type=int, help="the server's pid, for CPU and RSS (with --port)")
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--duration", type=float, default=20.0, help="seconds, ramp included")
    ap.add_argument("--ramp", type=float, default=None, help="seconds to start all sessions")
    ap.add_argument("--script", choices=sorted(SCRIPTS), default="bare")
    ap.add_argument("--think", type=float, default=2.0, help="mean pause between actions, s")
    ap.add_argument("--query", default="", help="query string every session opens with")
    ap.add_argument("--page", default=None, help="page (title or url path) to open")
    ap.add_argument("--timeout", type=float, default=30.0, help="per action, s")
    ap.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="streamlit option for --serve, e.g. runner.postScriptGC=true",
    )
    ap.add_argument("--pin", action="store_true", help="server on core 0, this client on core 1")
    ap.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = ap.parse_args(argv)
    if not 1 <= args.sessions <= 2000 or not 0 < args.duration <= 3600:
        ap.error("--sessions must be 1..2000 and --duration 0..3600")
    if args.ramp is None:
        args.ramp = min(5.0, args.duration / 4)
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.pin and len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {1})
    run_kwargs = dict(
        n_sessions=args.sessions,
        script=SCRIPTS[args.script],
        duration_s=args.duration,
        ramp_s=args.ramp,
        query_string=args.query,
        page=args.page,
        think_s=args.think,
        timeout_s=args.timeout,
    )
    title = f"script={args.script} sessions={args.sessions} duration={args.duration:g}s"
    with contextlib.ExitStack() as stack:
        if args.serve:
            options = dict(o.split("=", 1) for o in args.option)
            server = stack.enter_context(serving.serve(args.serve, options=options, cpu=0 if args.pin else None))
            url, pid = server.url, server.pid
            title += f" server={Path(args.serve).name} {' '.join(args.option)}".rstrip()
        else:
            url, pid = f"http://{LOOPBACK}:{args.port}", args.pid
        result, cost = asyncio.run(measure_load(url, pid, **run_kwargs))
    print(format_report(result, cost, title))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report_dict(result, cost), indent=2))
    return 0 if not result.errors else 1


if __name__ == "__main__":
    sys.exit(main())
