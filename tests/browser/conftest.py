"""Browser tests: a real `streamlit run` on 127.0.0.1, driven by Playwright in Debian's chromium.

Playwright cannot download its own browsers here, so the session's browser is Debian's
``chromium`` (``executable_path``). Without chromium the tests skip locally, but fail in CI
(``CI`` set): there a missing browser is a broken set-up, not a reason to pass.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = ROOT / "app" / "streamlit_app.py"
AXE_SCRIPT = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60  # [s] generous: CI machines are shared


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_dir = Path(__file__).resolve().parent
    for item in items:
        if browser_dir in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _require_browser(request: pytest.FixtureRequest) -> None:
    """Skip (locally) or fail (in CI) when Debian's chromium or axe-core is missing."""
    missing = [
        what
        for what, present in (("chromium", chromium_path()), ("axe-core", AXE_SCRIPT.is_file()))
        if not present
    ]
    if not missing:
        return
    message = f"browser tests need {', '.join(missing)}: run `bash scripts/test` to install"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": CHROMIUM_ARGS,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy within {timeout} s")


def start_server(
    *extra: str, port: int | None = None, env: dict[str, str] | None = None
) -> tuple[str, subprocess.Popen]:
    """Start `streamlit run` on ``port`` (default: a free one) on loopback; returns its base URL
    and process. ``env`` adds environment variables, e.g. the image's
    ``STREAMLIT_SERVER_ALLOWED_HOSTS``."""
    port = free_port() if port is None else port
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ENTRYPOINT),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *extra,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(url, process, SERVER_START_TIMEOUT)
    except Exception:
        process.kill()
        raise
    return url, process


def stop_server(process: subprocess.Popen) -> None:
    """Stop a server started by :func:`start_server`, killing it if it does not stop in 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of one real Streamlit server shared by the browser tests."""
    url, process = start_server()
    yield url
    stop_server(process)


def wait_for_app_idle(page, timeout: float = 30_000) -> None:
    """Wait until the script has finished running (Streamlit marks it on the stApp element)."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )


def run_axe(page) -> list[dict]:
    """Inject axe-core and return the WCAG 2.0/2.1 A and AA violations on the page."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
