"""The error raised when a login log or roster file cannot be used at all."""

from __future__ import annotations

import re
from dataclasses import dataclass

from calculator._errors import CalculatorError
from calculator.usage._options import Column, LogFormat


@dataclass(frozen=True)
class ColumnsToName:
    """What would read a file whose fields were not all found: the fields to name, each with the
    header that probably holds it, and the layout to choose with them.

    A fact, not a sentence: each front end says it in its own words, naming its own controls
    (the command line its ``--format`` and ``--map`` options, see :meth:`command_line`).
    """

    fields: tuple[tuple[Column, str | None], ...]
    """Each field to name, with the header guessed to hold it (``None``: no guess)."""
    format: LogFormat | None = None
    """The layout to choose with them; ``None``: the one chosen or detected."""
    either: bool = False
    """Naming any one of the fields is enough (a logout, or a duration)."""
    noun: str = "column"
    """What the file's headers are: a table's columns, or JSON records' keys ("key")."""

    def command_line(self) -> str:
        """The way forward in the command line's words, e.g. ``Name it with logout=<column
        header>``, or ``Name the fields, e.g. --format sessions --map agent=User ...``."""
        if self.format is not None:
            parts = [
                f"--map {column.value}={_quote(header or f'<{column.value} {self.noun}>')}"
                for column, header in self.fields
            ]
            return f"Name the fields, e.g. --format {self.format.value} " + " ".join(parts)
        slot = "column header" if self.noun == "column" else self.noun
        joiner = " or " if self.either else " and "
        return "Name it with " + joiner.join(
            f"{column.value}=<{slot}>" for column, _ in self.fields
        )


def _quote(header: str) -> str:
    header = header[:40]
    return f'"{header}"' if re.search(r"[\s\"'$`\\]", header) else header


class LogFileError(CalculatorError):
    """A log or roster file could not be read; the message names the file and says what and where.

    Problems with single rows are not errors: they are counted in the data-quality report.

    When naming columns would read the file, :attr:`to_name` says which, and the message ends
    with the command line's way to name them; :attr:`problem` is the message without it, for a
    front end that says the way forward in its own words.
    """

    def __init__(self, problem: str, to_name: ColumnsToName | None = None) -> None:
        super().__init__(f"{problem}. {to_name.command_line()}" if to_name else problem)
        self.problem = problem
        self.to_name = to_name


class SingleColumnError(LogFileError):
    """A text file whose first rows hold no delimiter: one column, which no table here is.
    :attr:`first_row` is its first row, for a reader of another table to say so in its words."""

    def __init__(self, name: str, first_row: str) -> None:
        super().__init__(
            f"{name}: row 1 has a single column ('{first_row[:60]}'); a log needs an agent column "
            "and time columns separated by commas, semicolons, tabs or pipes"
        )
        self.first_row = first_row


class TooLargeError(LogFileError):
    """A compressed file or workbook that expands beyond the cap: refused before it is read.
    :attr:`limit` is the cap [bytes], for a reader of another table to say so in its words."""

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(
            f"{name}: decompresses to more than {limit:,} bytes, the limit; refused: split the "
            "log into smaller files (a month each, say) and read them together"
        )
        self.limit = limit


class NoTableInZipError(LogFileError):
    """A zip holding only documents and images. :attr:`skipped` names them."""

    def __init__(self, name: str, skipped: str) -> None:
        super().__init__(
            f"{name}: the zip holds no log, only documents or images ({skipped}); a log is a "
            "CSV, Excel, JSON or Parquet file"
        )
        self.skipped = skipped
