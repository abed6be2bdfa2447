"""directory.url_safety: which submitted addresses we accept, and fetching them without reaching private networks."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from directory import url_safety
from directory.url_safety import ERROR_PRIVATE, ERROR_SCHEME, check_public_url, fetch_status, is_public_address


def fake_dns(monkeypatch, mapping):
    """Make url_safety's resolver answer from a dict of host -> [addresses]."""

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in mapping:
            raise socket.gaierror(-2, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addr, port)) for addr in mapping[host]]

    monkeypatch.setattr(url_safety.socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
        "ftp://example.com/report.pdf",
        "www.example.com/report",
    ],
)
def test_only_http_and_https_are_accepted(url):
    assert check_public_url(url) == ERROR_SCHEME


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.1.2.3/report",
        "https://192.168.0.10/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://localhost:8000/",
        "http://printer.local/",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(url):
    assert check_public_url(url) == ERROR_PRIVATE


def test_every_resolved_address_must_be_public(monkeypatch):
    fake_dns(monkeypatch, {"good.example.org": ["93.184.216.34"], "sneaky.example.org": ["93.184.216.34", "10.0.0.5"]})
    assert check_public_url("https://good.example.org/sen") is None
    assert check_public_url("https://sneaky.example.org/sen") == ERROR_PRIVATE


def test_names_that_do_not_resolve_are_not_a_safety_error(monkeypatch):
    fake_dns(monkeypatch, {})
    assert check_public_url("https://www.nowhere-school.sch.uk/send") is None


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("", "Enter a web address"),
        ("   ", "Enter a web address"),
        ("https://user:secret@example.org/", "user name or password"),
        ("https://", "real web address"),
        ("https://exa mple.org/", "real web address"),
        ("https://example/", "real web address"),
        ("https://2130706433/", "real web address"),
        ("https://example.org/" + "a" * 2100, "2000 characters"),
    ],
)
def test_bad_addresses_get_a_plain_message(url, fragment, monkeypatch):
    fake_dns(monkeypatch, {"example.org": ["93.184.216.34"]})
    assert fragment in check_public_url(url)


def test_public_address_rules():
    assert is_public_address("8.8.8.8")
    assert is_public_address("2a00:1450:4009:81f::200e")
    for address in ["127.0.0.1", "10.0.0.1", "::1", "fe80::1", "fc00::1", "224.0.0.1", "::ffff:10.0.0.1", "nonsense"]:
        assert not is_public_address(address), address


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        routes = {
            "/ok": (200, None),
            "/missing": (404, None),
            "/moved": (301, "/ok"),
            "/loop": (302, "/loop"),
            "/to-metadata": (302, "http://169.254.169.254/latest/"),
            "/private": (403, None),
        }
        status, location = routes.get(self.path, (500, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"hi")

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fetch_refuses_loopback_by_default(local_server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    status, final_url, error = fetch_status(f"{local_server}/ok", timeout=2)
    assert status is None and error == ERROR_PRIVATE


def test_fetch_blocks_at_connection_time_when_dns_changes(local_server, settings, monkeypatch):
    """A name that resolved to a public address during the check but connects to loopback is still refused."""
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    port = local_server.rsplit(":", 1)[1]
    monkeypatch.setattr(url_safety, "_resolve", lambda host, port: ["93.184.216.34"])
    real_getaddrinfo = socket.getaddrinfo

    def rebinding(host, *args, **kwargs):
        return real_getaddrinfo("127.0.0.1" if host == "rebind.example.org" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = fetch_status(f"http://rebind.example.org:{port}/ok", timeout=2)
    assert result.status is None
    assert result.error == ERROR_PRIVATE


def test_fetch_reports_status_redirects_and_errors(local_server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    ok = fetch_status(f"{local_server}/ok", timeout=2)
    assert ok.ok and ok.status == 200 and ok.final_url.endswith("/ok")

    moved = fetch_status(f"{local_server}/moved", timeout=2)
    assert moved.ok and moved.status == 200 and moved.final_url == f"{local_server}/ok"

    missing = fetch_status(f"{local_server}/missing", timeout=2)
    assert missing.status == 404 and "not found" in missing.error

    forbidden = fetch_status(f"{local_server}/private", timeout=2)
    assert forbidden.status == 403 and "not public" in forbidden.error

    loop = fetch_status(f"{local_server}/loop", timeout=2)
    assert not loop.ok and "too many" in loop.error


def test_redirect_to_a_private_address_is_refused(monkeypatch):
    """The first site is public; its redirect to a cloud metadata address is refused without being fetched."""

    class FakeResponse:
        status_code = 302
        headers = {"Location": "http://169.254.169.254/latest/meta-data/"}

        def close(self):
            pass

    calls = []

    def fake_get(self, url, **kwargs):
        calls.append(url)
        return FakeResponse()

    fake_dns(monkeypatch, {"www.school.example.org": ["93.184.216.34"]})
    monkeypatch.setattr(url_safety.requests.Session, "get", fake_get)
    result = fetch_status("https://www.school.example.org/sen", timeout=1)
    assert result.error == ERROR_PRIVATE
    assert calls == ["https://www.school.example.org/sen"]


def test_unknown_host_does_not_load(monkeypatch):
    fake_dns(monkeypatch, {})
    result = fetch_status("https://www.nowhere-school.sch.uk/send", timeout=1)
    assert not result.ok and result.status is None
    assert "could not be found" in result.error or "could not be reached" in result.error
