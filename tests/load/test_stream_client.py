"""The WebSocket load client reads a run the way a person reads the page, and stays on loopback."""

from __future__ import annotations

import pytest
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.Exception_pb2 import Exception as ExceptionProto
from streamlit.proto.Metric_pb2 import Metric
from streamlit.proto.NumberInput_pb2 import NumberInput

from tests.load.stream_client import Run, StreamSession


@pytest.mark.parametrize(
    "url", ["http://localhost:8501", "http://10.0.0.5:8501", "http://example.com", "http://[::1]:1"]
)
def test_client_refuses_anything_but_127_0_0_1(url):
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        StreamSession(url)


def test_client_takes_the_stream_address_and_origin_from_the_base_url():
    session = StreamSession("http://127.0.0.1:8765", "s=abc")
    assert session.stream_url == "ws://127.0.0.1:8765/_stcore/stream"
    assert session.origin == "http://127.0.0.1:8765"
    assert session.query_string == "s=abc"


def test_run_reads_metrics_problems_and_keyed_widgets():
    run = Run()
    run.elements[(0, 0)] = Metric(label="Savings per month: Active users", body="$5,450.00")
    run.elements[(0, 1)] = Alert(body="all good", format=Alert.SUCCESS)
    run.elements[(0, 2)] = NumberInput(id="$$ID-abc123-quick_active", value=70)
    run.elements[(0, 3)] = NumberInput(id="$$ID-def456-None", value=1)  # no key: not listed
    assert run.metrics() == {"Savings per month: Active users": "$5,450.00"}
    assert run.problems() == []
    assert list(run.widgets("number_input")) == ["quick_active"]

    run.elements[(1, 0)] = Alert(body="Active users (80) exceed seats", format=Alert.ERROR)
    run.elements[(1, 1)] = ExceptionProto(type="ValueError", message="boom")
    run.compile_error = True
    assert run.problems() == [
        "exception: ValueError: boom",
        "error box: Active users (80) exceed seats",
        "the script did not compile",
    ]
