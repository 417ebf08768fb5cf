"""The documented deployment: the app behind ``deploy/nginx.conf`` with its allowed host set.

The proxy adds the security headers (a Content-Security-Policy that forbids framing and foreign
scripts, Referrer-Policy, X-Frame-Options); the app, started as the image starts it with
``STREAMLIT_SERVER_ALLOWED_HOSTS``, refuses WebSockets for any other host name (DNS rebinding).
Every page must work under that policy: a violation would mean a blank page in production.
"""

from __future__ import annotations

import re
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.components import focus_keeper
from tests.browser.calculator_page import enter_value, metric_value, open_app
from tests.browser.conftest import (
    ROOT,
    free_port,
    start_server,
    stop_server,
    wait_for_app_idle,
)
from tests.tools import require

PUBLIC_HOST = "localhost"  # stands for the public host name in the test
PAGES = ["usage", "budget", "side_by_side", "presenter", "method"]
_RECORD_VIOLATIONS = """
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", event =>
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));
"""


def _proxy_config(listen: int, app_port: int, folder: Path) -> Path:
    """The repository's nginx.conf with the EDIT values set for this test, in a whole nginx.conf."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("listen 8080", f"listen 127.0.0.1:{listen}")
    site = site.replace("server_name calculator.example.gov;", f"server_name {PUBLIC_HOST};")
    site = site.replace("http://127.0.0.1:8501", f"http://127.0.0.1:{app_port}")
    config = folder / "nginx.conf"
    config.write_text(
        f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n access_log off;\n client_body_temp_path {folder};\n"
        f" proxy_temp_path {folder};\n{site}\n}}\n"
    )
    return config


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(proxy URL, app URL): nginx with the repository's config in front of the app."""
    require("nginx")
    app_url, app = start_server(env={"STREAMLIT_SERVER_ALLOWED_HOSTS": PUBLIC_HOST})
    listen = free_port()
    folder = tmp_path_factory.mktemp("nginx")
    config = _proxy_config(listen, int(app_url.rsplit(":", 1)[1]), folder)
    proxy = subprocess.Popen(
        ["nginx", "-c", str(config), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(listen)
        yield f"http://{PUBLIC_HOST}:{listen}", app_url
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        stop_server(app)


def _wait_for_port(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            subprocess.run(["sleep", "0.1"], check=True)
    raise RuntimeError(f"nginx did not listen on {port}")


def _raw_get(port: int, host: str, path: str = "/", upgrade: bool = False) -> str:
    """The status line and headers of one HTTP request sent by hand (any Host header)."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}"]
    if upgrade:
        lines += [
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: 13",
            f"Origin: http://{host}:{port}",
        ]
    else:
        lines.append("Connection: close")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                break
            received += chunk
    return received.split(b"\r\n\r\n")[0].decode("latin-1")


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def test_pages_carry_the_security_headers(deployed):
    """Framing forbidden, scripts from the app only, no referrer sent to other sites."""
    proxy_url, _ = deployed
    head = _raw_get(_port(proxy_url), PUBLIC_HOST)
    assert head.startswith("HTTP/1.1 200")
    policy = re.search(r"^Content-Security-Policy: (.*)$", head, flags=re.MULTILINE | re.I)
    assert policy
    assert "frame-ancestors 'none'" in policy.group(1)
    scripts = re.search(r"script-src ([^;]*);", policy.group(1))
    assert scripts
    assert "'self'" in scripts.group(1).split()
    assert not {"'unsafe-inline'", "'unsafe-eval'", "*"} & set(scripts.group(1).split())
    # The app's one inline script, by the hash of its text as it is now.
    assert focus_keeper.policy_hash() in scripts.group(1).split()
    assert re.search(r"^X-Frame-Options: DENY\r?$", head, flags=re.MULTILINE | re.I)
    assert re.search(r"^Referrer-Policy: no-referrer\r?$", head, flags=re.MULTILINE | re.I)
    assert re.search(r"^X-Content-Type-Options: nosniff\r?$", head, flags=re.MULTILINE | re.I)


def test_other_host_names_get_no_answer_from_the_proxy(deployed):
    """A request for another host name (a rebinding domain, the bare address) is dropped."""
    proxy_url, _ = deployed
    assert _raw_get(_port(proxy_url), "evil.example") == ""


def test_app_refuses_websockets_for_other_host_names(deployed):
    """With the allowed host set as the image sets it, a WebSocket for evil.example is refused,
    while one for the public host name opens (so the refusal is about the host)."""
    _, app_url = deployed
    assert _raw_get(_port(app_url), PUBLIC_HOST, "/_stcore/stream", upgrade=True).startswith(
        "HTTP/1.1 101"
    )
    refused = _raw_get(_port(app_url), "evil.example", "/_stcore/stream", upgrade=True)
    assert not refused.startswith("HTTP/1.1 101")
    assert refused.startswith("HTTP/1.1 403")


def test_every_page_works_under_the_policy(deployed, page):
    """Through the proxy the calculator answers an input, and no page breaks a policy rule."""
    proxy_url, _ = deployed
    page.add_init_script(_RECORD_VIOLATIONS)
    open_app(page, proxy_url)
    enter_value(page, "quick_active", 60)
    expect(metric_value(page, "Savings per month")).to_have_text("$6,100.00")
    assert page.evaluate("window.__cspViolations") == []
    for path in PAGES:
        page.goto(f"{proxy_url}/{path}")
        wait_for_app_idle(page)
        expect(page.locator("[data-testid='stMain']")).to_be_visible()
        assert page.evaluate("window.__cspViolations") == [], path
