"""Spark reading Parquet and CSV files itself: the readers' row checks as Spark SQL.

The files are read by Spark (``spark.read.parquet``; ``spark.read.csv`` with every column as
text and the lines with the wrong number of fields flagged in the scan), the checks are the SQL
of :mod:`calculator.usage._direct_sql` in its Spark dialect, and the counting is the engines'
shared SQL (:func:`calculator.usage._engines.spark_count`). Intermediate tables are cached
(memory, then disk) and dropped as soon as the next one is made.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import numpy as np
import pyarrow as pa

from calculator.usage._direct_sql import SPARK
from calculator.usage._engine import MonthlyCounts
from calculator.usage._engines import spark_count, spark_session

BROKEN = "_seat_savings_broken"
"""The column Spark fills with a CSV line whose number of fields differs from the header's."""


def _column(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


class SparkChecks:
    """The checks and the counting in the process's Spark session."""

    dialect = SPARK
    name = "Spark"

    def __init__(self) -> None:
        self.spark = spark_session()
        self.kept: dict[str, Any] = {}
        self.views: list[str] = []

    def source(self, plan: Any) -> tuple[str, bool]:
        """Register the files as the view ``ss_source`` (columns ``c_agent`` ..., ``c_file``
        the file's path, ``c_row`` a Parquet file's record index); whether it flags broken CSV
        lines (``c_broken``)."""
        from pyspark.sql import functions
        from pyspark.sql.types import StringType, StructField, StructType

        from calculator.usage._direct import _csv_header

        paths = [str(path) for path in plan.paths]
        # Files are named one by one (the folder's `_` and `.` files are already left out), so
        # partition folders are not turned into columns: recursiveFileLookup turns that off.
        reader = self.spark.read.option("recursiveFileLookup", "true")
        if plan.reader == "parquet":
            frame = (
                reader.option("datetimeRebaseMode", "CORRECTED")
                .option("int96RebaseMode", "CORRECTED")
                .parquet(*paths)
            )
            broken = False
        else:
            headers = _csv_header(plan.paths[0]) or []
            schema = StructType(
                [StructField(header, StringType()) for header in headers]
                + [StructField(BROKEN, StringType())]
            )
            # Every field as text; a line with too few or too many fields keeps its text in
            # BROKEN (PERMISSIVE), as DuckDB's rejects and the readers' count find it.
            frame = reader.csv(
                paths,
                schema=schema,
                header=True,
                sep=",",
                quote='"',
                escape='"',
                encoding="UTF-8",
                mode="PERMISSIVE",
                columnNameOfCorruptRecord=BROKEN,
                enforceSchema=True,
            )
            broken = True
        selected = [
            functions.col(_column(header)).alias(f"c_{column.value}")
            for column, header in plan.columns.items()
        ]
        # Spark's own metadata column, even where the files have a column of the same name.
        metadata = frame.metadataColumn("_metadata")
        row = metadata.getField("row_index") if plan.reader == "parquet" else functions.lit(None)
        selected += [
            metadata.getField("file_path").alias("c_file"),
            row.cast("bigint").alias("c_row"),  # CSV lines are not numbered
        ]
        if broken:
            selected.append(functions.col(BROKEN).isNotNull().alias("c_broken"))
        frame.select(*selected).createOrReplaceTempView("ss_source")
        self.views.append("ss_source")
        return "select * from ss_source", broken

    @staticmethod
    def file_index(plan: Any, file: str) -> int:
        """The index in ``plan.paths`` of the file Spark names by its URL (``file:/...``)."""
        path = Path(url2pathname(urlparse(file).path)).resolve()
        return [Path(known).resolve() for known in plan.paths].index(path)

    @staticmethod
    def errors() -> tuple[type[Exception], ...]:
        from py4j.protocol import Py4JJavaError
        from pyspark.errors import PySparkException

        return (PySparkException, Py4JJavaError)

    @staticmethod
    def describe(error: Exception) -> str:
        """The first line of what Java said (py4j's own first line only names the call)."""
        java = getattr(error, "java_exception", None)
        text = str(java.toString()) if java is not None else str(error)
        return text.strip().splitlines()[0] if text.strip() else type(error).__name__

    def keep(self, name: str, sql: str) -> None:
        # Computed now and kept by the executors (memory, then disk) without its lineage: the
        # next queries plan against a table, not against the whole chain of checks again.
        frame = self.spark.sql(sql).localCheckpoint(eager=True)
        frame.createOrReplaceTempView(name)
        self.kept[name] = frame
        self.views.append(name)

    def drop(self, name: str) -> None:
        self.kept.pop(name).unpersist()

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.spark.sql(sql).collect()]

    def register(self, name: str, table: pa.Table) -> None:
        with warnings.catch_warnings():
            # PySpark warns about pandas 3 on import of its pandas helpers; no pandas is used.
            warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
            self.spark.createDataFrame(table).createOrReplaceTempView(name)
        self.views.append(name)

    def arrays(self, sql: str) -> list[np.ndarray]:
        table = self.spark.sql(sql).toArrow()
        return [column.to_numpy() for column in table.columns]

    def bad_rows(self, plan: Any) -> int:
        return 0  # counted in the checks themselves (reason BROKEN_ROW)

    def count(self, months: int, n_agents: int, min_ticks: int) -> MonthlyCounts:
        return spark_count(self.spark, months, n_agents, min_ticks)

    def close(self) -> None:
        for frame in self.kept.values():
            frame.unpersist()
        self.kept.clear()
        for name in dict.fromkeys([*self.views, "sessions", "merged"]):
            self.spark.catalog.dropTempView(name)
