"""Fixtures shared by the usage tests."""

from __future__ import annotations

import os

import pytest

from calculator.usage import _engines


@pytest.fixture(scope="session")
def spark():
    """One local Spark session for the whole test session: one core, one shuffle partition,
    tuned for tiny jobs (quick JIT only, no generated code per query)."""
    os.environ.setdefault("SPARK_MASTER", "local[1]")
    os.environ.setdefault("SPARK_PARTITIONS", "1")
    session = _engines.spark_session(small_data=True)
    assert session.conf.get("spark.sql.shuffle.partitions") == os.environ["SPARK_PARTITIONS"]
    assert session.conf.get("spark.sql.codegen.wholeStage") == "false"
    yield session
    session.stop()
    _engines._SPARK = None
