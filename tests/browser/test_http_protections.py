"""What the server refuses at the HTTP level, before any page code runs: uploads without this
site's XSRF token, and other sites' origins (no CORS grant).

Requests are sent by hand to the real server on 127.0.0.1 (checklist items 17 and 28 of the
reliability checklist, docs/reliability-checklist.md).
"""

from __future__ import annotations

import socket

from tests.browser.test_proxy import _port, _raw_get

UPLOAD_PATH = "/_stcore/upload_file/any-session/any-file"


def _send(port: int, head: str) -> str:
    """The status line and headers answering ``head`` (a request with no body sent)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode())
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(4096)
            if not chunk:
                break
            received += chunk
    return received.split(b"\r\n\r\n")[0].decode("latin-1")


def test_upload_without_the_xsrf_token_is_forbidden(app_url):
    """A PUT to the upload route with no XSRF cookie and token is refused with 403."""
    body = "--b\r\nContent-Disposition: form-data; name=file; filename=a.csv\r\n\r\nx\r\n--b--\r\n"
    answer = _send(
        _port(app_url),
        f"PUT {UPLOAD_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        f"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: {len(body)}\r\n\r\n"
        + body,
    )
    assert answer.startswith("HTTP/1.1 403")


def test_other_origins_get_no_cors_grant(app_url):
    """A page of another site asking the health route gets no Access-Control-Allow-Origin for
    itself (CORS protection is on)."""
    answer = _send(
        _port(app_url),
        "GET /_stcore/health HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://evil.example\r\n"
        "Connection: close\r\n\r\n",
    )
    assert answer.startswith("HTTP/1.1 200")
    grants = [
        line.split(":", 1)[1].strip()
        for line in answer.splitlines()
        if line.lower().startswith("access-control-allow-origin:")
    ]
    assert "http://evil.example" not in grants
    assert "*" not in grants


def test_the_health_route_answers_ok(app_url):
    """The route the image's health check and load balancers poll answers 200 ok."""
    assert _raw_get(_port(app_url), "127.0.0.1", "/_stcore/health").startswith("HTTP/1.1 200")
