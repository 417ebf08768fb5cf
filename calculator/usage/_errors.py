"""The error raised when a login log or roster file cannot be used at all."""

from __future__ import annotations

from calculator._errors import CalculatorError


class LogFileError(CalculatorError):
    """A log or roster file could not be read; the message names the file and says what and where.

    Problems with single rows are not errors: they are counted in the data-quality report.
    """
