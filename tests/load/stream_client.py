"""A lightweight Streamlit client: one browser session over the app's WebSocket, without a browser.

A browser talks to a Streamlit server over one WebSocket (``/_stcore/stream``): it sends protobuf
``BackMsg`` messages (``rerun_script`` with the page's query string and every widget's value) and
receives ``ForwardMsg`` messages (``new_session`` at the start of each run, one ``delta`` per
element, ``page_info_changed`` when the script rewrites the query string, ``script_finished``).
This client does the same with the ``streamlit.proto`` classes and the ``websockets`` package, so a
two-core machine can hold dozens of sessions where it could hold a handful of headless browsers.

It keeps what a test needs from each run: the elements by their place on the page, the number
inputs by widget key (their values are sent back on the next run, as a browser does), the query
string, and any exception or error box. It connects to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState

LOOPBACK = "127.0.0.1"  # the only address load and fault traffic may go to
RUN_TIMEOUT = 60.0  # [s] one script run, generous: CI machines are shared
_FINISHED = (
    ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY,
    ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
)
_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


@dataclasses.dataclass
class Run:
    """What one script run sent: its elements by delta path, and how long it took [s]."""

    elements: dict[tuple[int, ...], object] = dataclasses.field(default_factory=dict)
    query_string: str | None = None  # set when the run rewrote the page's query string
    seconds: float = 0.0  # from sending the rerun request to ``script_finished``
    compile_error: bool = False

    def metrics(self) -> dict[str, str]:
        """Every ``st.metric`` on the page: label -> value text."""
        return {e.label: e.body for e in self._of("metric")}

    def problems(self) -> list[str]:
        """Exceptions, error boxes and compile errors: what a person would see as a failure."""
        found = [f"exception: {e.type}: {e.message}" for e in self._of("exception")]
        found += [f"error box: {e.body}" for e in self._of("alert") if e.format == Alert.ERROR]
        if self.compile_error:
            found.append("the script did not compile")
        return found

    def widgets(self, kind: str) -> dict[str, object]:
        """Widgets of one element type (e.g. ``number_input``) that have a key: key -> proto."""
        keyed = [e for e in self._of(kind) if e.id.startswith("$$ID-")]
        keys = {e.id: e.id.split("-", 2)[-1] for e in keyed}  # "$$ID-<hash>-<key>", "None": none
        return {keys[e.id]: e for e in keyed if keys[e.id] != "None"}

    def _of(self, kind: str) -> list:
        return [e for e in self.elements.values() if _kind(e) == kind]


def _kind(element) -> str:
    return element.DESCRIPTOR.name[0].lower() + "".join(
        f"_{c.lower()}" if c.isupper() else c for c in element.DESCRIPTOR.name[1:]
    )


class StreamSession:
    """One browser session, driven over the WebSocket. Use as ``async with``.

    ``url`` is the server's base address (loopback only); ``query_string`` the page's (e.g. a
    share token ``s=...``). Call :meth:`run` to load the page, then :meth:`change` to type a new
    value into a number input and wait for the rerun, as a person pressing Enter would.
    """

    def __init__(self, url: str, query_string: str = "") -> None:
        parts = urlsplit(url)
        if parts.hostname != LOOPBACK:
            raise ValueError(f"load and fault tests stay on {LOOPBACK}, not {parts.hostname!r}")
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.stream_url = f"ws://{parts.netloc}/_stcore/stream"
        self.query_string = query_string
        self.numbers: dict[str, NumberInput] = {}  # the number inputs of the last run, by key
        self._values: dict[str, WidgetState] = {}  # what the "browser" sends back, by key
        # A browser sends every widget's value with each run, an empty box as a state without
        # a value; a widget left out of the message loses its value.
        self._socket = None

    async def __aenter__(self) -> StreamSession:
        await self.connect()
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.close()

    async def connect(self) -> None:
        self._socket = await websockets.connect(
            self.stream_url,
            subprotocols=["streamlit"],
            origin=self.origin,
            max_size=None,
            open_timeout=RUN_TIMEOUT,
            ping_interval=None,  # the server's keep-alive is enough; a busy loop must not time out
        )

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
            self._socket = None

    async def run(self) -> Run:
        """Ask for a script run with the current widget values; wait until it finished."""
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = ""
        state.widget_states.widgets.extend(self._values.values())
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        run = await asyncio.wait_for(self._receive(), RUN_TIMEOUT)
        run.seconds = time.perf_counter() - started
        if run.query_string is not None:
            self.query_string = run.query_string
        self.numbers = run.widgets("number_input")
        for key, widget in self.numbers.items():
            if widget.set_value or key not in self._values:
                # The script set the value (or this is the first sight of the box): show it.
                value = widget.value if widget.HasField("value") else None
                self._values[key] = _number_state(widget, value)
        return run

    async def change(self, key: str, value: float | None) -> Run:
        """Set the number input ``key`` to ``value`` and rerun, as Enter in a browser does."""
        widget = self.numbers[key]
        self._values[key] = _number_state(widget, value)
        return await self.run()

    async def _receive(self) -> Run:
        run = Run()
        while True:
            message = ForwardMsg()
            message.ParseFromString(await self._socket.recv())
            kind = message.WhichOneof("type")
            if kind == "new_session":
                run.elements.clear()  # a (re)run starts: the page is sent again from the top
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                element = message.delta.new_element
                run.elements[tuple(message.metadata.delta_path)] = getattr(
                    element, element.WhichOneof("type")
                )
            elif kind == "page_info_changed":
                run.query_string = message.page_info_changed.query_string
            elif kind == "script_finished":
                if message.script_finished == _COMPILE_ERROR:
                    run.compile_error = True
                    return run
                if message.script_finished in _FINISHED:
                    return run
                # FINISHED_EARLY_FOR_RERUN: the script starts again; keep reading.


def _number_state(widget: NumberInput, value: float | None) -> WidgetState:
    state = WidgetState(id=widget.id)
    if value is None:
        return state
    if widget.data_type == NumberInput.INT:
        state.int_value = int(value)
    else:
        state.double_value = float(value)
    return state
