"""The Dockerfile's own steps, run for real, so the image cannot silently rot.

With a container engine (``docker info`` answers), the image is built and started and its
HEALTHCHECK awaited. Without one (these machines have only the docker client), the same steps run
on a clean virtual environment: the files the Dockerfile COPYs go to an empty folder, its
``pip install . && pip check`` runs there, its CMD starts the server with its ENV, and its
HEALTHCHECK command must succeed. The steps are read from the Dockerfile, not repeated here.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import time
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
HEALTH_TIMEOUT = 90  # [s] a cold start imports pandas, plotly and pydantic on a shared machine

pytestmark = pytest.mark.slow


def _instructions(keyword: str) -> list[str]:
    """Arguments of each ``KEYWORD ...`` instruction, continuation lines joined."""
    text = DOCKERFILE.replace("\\\n", " ")
    return [m.group(1).strip() for m in re.finditer(rf"^{keyword} (.+)$", text, re.MULTILINE)]


def _json_command(argument: str) -> list[str]:
    return json.loads(argument[argument.index("[") :])


def _image_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for argument in _instructions("ENV"):
        for pair in shlex.split(argument):
            key, _, value = pair.partition("=")
            env[key] = value
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _engine_available() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, check=False).returncode == 0


def test_dockerfile_names_its_steps():
    """The steps this test runs are there: COPY sources, pip install and check, CMD, HEALTHCHECK."""
    assert any(argument.startswith("pip install .") for argument in _instructions("RUN"))
    assert _json_command(_instructions("CMD")[-1])[:2] == ["streamlit", "run"]
    assert "CMD" in _instructions("HEALTHCHECK")[-1]
    assert _image_env()["STREAMLIT_SERVER_ALLOWED_HOSTS"] == "localhost 127.0.0.1"


@pytest.mark.skipif(not _engine_available(), reason="no container engine: the next test runs")
def test_image_builds_and_becomes_healthy():
    """docker build, docker run, and the HEALTHCHECK reports healthy."""
    tag = "seat-savings:test"
    subprocess.run(["docker", "build", "-t", tag, str(ROOT)], check=True)
    port = _free_port()
    container = subprocess.run(
        ["docker", "run", "-d", "--rm", "-p", f"127.0.0.1:{port}:8501", tag],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT + 60
        status = ""
        while time.monotonic() < deadline and status != "healthy":
            time.sleep(2)
            status = subprocess.run(
                ["docker", "inspect", "-f", "{{.State.Health.Status}}", container],
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
        assert status == "healthy"
    finally:
        subprocess.run(["docker", "stop", container], check=False, capture_output=True)


@pytest.mark.skipif(_engine_available(), reason="the image itself was built and started")
def test_image_steps_on_a_clean_virtual_environment(tmp_path):
    """Without an engine: the image's COPY, pip install, CMD and HEALTHCHECK on a clean venv."""
    workdir = tmp_path / "srv-app"
    workdir.mkdir()
    for argument in _instructions("COPY"):
        *sources, _ = argument.split()
        for source in sources:
            path = ROOT / source
            target = workdir / source
            if path.is_dir():
                shutil.copytree(path, target, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(path, target)
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    bin_dir = environment / "bin"
    env = {**os.environ, **_image_env(), "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    for argument in _instructions("RUN"):
        if argument.startswith("pip install ."):
            subprocess.run(argument, shell=True, cwd=workdir, env=env, check=True)

    port = _free_port()
    command = _json_command(_instructions("CMD")[-1])
    command = [
        "--server.address=127.0.0.1" if part.startswith("--server.address") else part
        for part in command
    ]
    command = [part.replace("8501", str(port)) for part in command]
    server = subprocess.Popen(
        command,
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = _json_command(_instructions("HEALTHCHECK")[-1])
        health = [part.replace("8501", str(port)) for part in health]
        assert health[0] == "python"
        health[0] = str(bin_dir / "python")
        deadline = time.monotonic() + HEALTH_TIMEOUT
        result = None
        while time.monotonic() < deadline:
            assert server.poll() is None, "the image's command exited"
            result = subprocess.run(health, cwd=workdir, env=env, capture_output=True, check=False)
            if result.returncode == 0:
                break
            time.sleep(1)
        assert result is not None
        assert result.returncode == 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
