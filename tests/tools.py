"""Test helpers shared across folders."""

from __future__ import annotations

import os
import shutil

import pytest


def require(*commands: str) -> None:
    """Skip locally, fail in CI (``CI`` set), when a command a test needs is not installed.

    ``bash scripts/test`` installs every such command, so in CI a missing one is a broken set-up.
    """
    missing = [command for command in commands if shutil.which(command) is None]
    if not missing:
        return
    message = f"needs {', '.join(missing)}: run `bash scripts/test` to install"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
