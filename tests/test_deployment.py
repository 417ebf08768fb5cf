"""Deployment settings: the Streamlit config keeps its protections, the image its health check."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DOCKERIGNORE = (ROOT / ".dockerignore").read_text()


def test_security_settings():
    """CORS and XSRF protection on, no error details, viewer toolbar, no static files."""
    assert CONFIG["server"]["enableCORS"] is True
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableStaticServing"] is False
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "viewer"


def test_table_toolbars_export_nothing():
    """Tables' own CSV download and copy are off: they would write typed names raw (a plan named
    =HYPERLINK(...) is a live formula in a spreadsheet); the app's download buttons neutralise them."""
    assert CONFIG["client"]["disableDataExport"] is True


def test_image_sets_the_allowed_hosts_from_the_environment():
    """The image answers WebSockets only for the host names in STREAMLIT_SERVER_ALLOWED_HOSTS."""
    assert re.search(
        r'^ENV STREAMLIT_SERVER_ALLOWED_HOSTS="[^"]+"$', DOCKERFILE, flags=re.MULTILINE
    )


def test_privacy_and_upload_cap():
    """No usage statistics; an explicit upload size cap."""
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["server"]["maxUploadSize"] == 200


def test_no_full_garbage_collection_after_each_run():
    """Streamlit's post-run gc.collect(2) is off: it held the interpreter lock for 50-70 ms after
    every input, delaying the page (benchmarks/browser_latency.py)."""
    assert CONFIG["runner"]["postScriptGC"] is False


def test_every_key_is_commented():
    """Each setting line follows a comment line that says why."""
    lines = (ROOT / ".streamlit" / "config.toml").read_text().splitlines()
    for index, line in enumerate(lines):
        if re.match(r"^[A-Za-z]+\s*=", line):
            assert lines[index - 1].startswith("#"), line


def test_image_runs_as_an_unprivileged_user():
    """A non-root USER is set before the server starts."""
    users = re.findall(r"^USER (\S+)", DOCKERFILE, flags=re.MULTILINE)
    assert users
    assert users[-1] not in {"root", "0"}


def test_image_installs_the_project_and_exposes_8501():
    """A slim Python base, `pip install .`, port 8501."""
    assert re.search(r"^FROM python:3\.\d+-slim$", DOCKERFILE, flags=re.MULTILINE)
    assert "pip install ." in DOCKERFILE
    assert re.search(r"^EXPOSE 8501$", DOCKERFILE, flags=re.MULTILINE)


def test_image_holds_the_method_document():
    """The Method page reads docs/method.md from the folder the app runs in."""
    assert re.search(r"^COPY docs \./docs$", DOCKERFILE, flags=re.MULTILINE)
    assert "docs" not in DOCKERIGNORE.split()


def test_health_check_needs_no_curl():
    """The HEALTHCHECK polls /_stcore/health with Python's standard library."""
    healthcheck = DOCKERFILE[DOCKERFILE.index("HEALTHCHECK") :]
    assert "/_stcore/health" in healthcheck
    assert "urllib.request" in healthcheck
    commands = [line for line in DOCKERFILE.splitlines() if not line.lstrip().startswith("#")]
    assert not any("curl" in line for line in commands)
