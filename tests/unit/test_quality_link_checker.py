"""The link checker against a local HTTP server of the tests' own: no test touches the internet."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from directory.upkeep import links


class Handler(BaseHTTPRequestHandler):
    log = []  # (method, path, user agent, monotonic time)

    def log_message(self, *args):
        pass

    def answer(self, send_body):
        Handler.log.append((self.command, self.path, self.headers.get("User-Agent", ""), time.monotonic()))
        path = self.path.split("?", 1)[0]
        if path == "/ok":
            self.reply(200, send_body)
        elif path.startswith("/chain/"):
            remaining = int(path.rsplit("/", 1)[1])
            target = "/ok" if remaining == 0 else f"/chain/{remaining - 1}"
            self.reply(301, send_body, location=target)
        elif path == "/loop":
            self.reply(302, send_body, location="/loop")
        elif path == "/to-metadata":
            self.reply(301, send_body, location="http://169.254.169.254/latest/")
        elif path == "/missing":
            self.reply(404, send_body)
        elif path == "/error":
            self.reply(500, send_body)
        elif path == "/no-head":
            self.reply(405 if self.command == "HEAD" else 200, send_body)
        elif path == "/slow":
            time.sleep(1.5)
            self.reply(200, send_body)
        else:
            self.reply(404, send_body)

    def reply(self, status, send_body, location=None):
        body = b"hello"
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if send_body:
            try:
                self.wfile.write(body)
            except OSError:
                pass

    def do_HEAD(self):
        self.answer(send_body=False)

    def do_GET(self):
        self.answer(send_body=True)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local(settings):
    """Fetching from 127.0.0.1 is only allowed because this setting says so (tests only)."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    settings.LINK_CHECK_TIMEOUT = 0.5
    settings.LINK_CHECK_HOST_DELAY = 0
    Handler.log.clear()


def test_200_is_ok_with_a_clear_user_agent_and_a_single_head(server, local):
    result = links.check_url(f"{server}/ok")
    assert result.ok and result.status_code == 200 and result.error == ""
    assert result.final_url == f"{server}/ok" and result.redirect_chain == []
    assert [entry[0] for entry in Handler.log] == ["HEAD"]
    assert Handler.log[0][2].startswith("LocalOfferLinkChecker/")


def test_a_301_chain_is_followed_and_every_hop_recorded(server, local):
    result = links.check_url(f"{server}/chain/3")
    assert result.ok and result.status_code == 200
    assert result.final_url == f"{server}/ok"
    assert result.redirect_chain == [
        {"url": f"{server}/chain/3", "status": 301},
        {"url": f"{server}/chain/2", "status": 301},
        {"url": f"{server}/chain/1", "status": 301},
        {"url": f"{server}/chain/0", "status": 301},
    ]


def test_a_redirect_loop_stops(server, local, settings):
    settings.LINK_CHECK_MAX_REDIRECTS = 3
    result = links.check_url(f"{server}/loop")
    assert not result.ok and "redirect" in result.error.lower()
    assert len(result.redirect_chain) == 4


@pytest.mark.parametrize(("path", "status"), [("/missing", 404), ("/error", 500)])
def test_errors_are_broken_with_their_status(server, local, path, status):
    result = links.check_url(server + path)
    assert not result.ok and result.status_code == status
    assert f"error {status}" in result.error
    # HEAD said no, so GET was tried before calling it broken.
    assert [entry[0] for entry in Handler.log] == ["HEAD", "GET"]


def test_get_is_used_when_head_is_not_allowed(server, local):
    result = links.check_url(f"{server}/no-head")
    assert result.ok and result.status_code == 200
    assert [entry[0] for entry in Handler.log] == ["HEAD", "GET"]


def test_a_slow_server_times_out(server, local):
    started = time.monotonic()
    result = links.check_url(f"{server}/slow")
    assert time.monotonic() - started < 1.45  # the server answers after 1.5 seconds
    assert not result.ok and result.status_code is None
    assert result.error.startswith("Timed out")


def test_a_refused_connection_is_recorded(local):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = links.check_url(f"http://127.0.0.1:{port}/")
    assert not result.ok and result.status_code is None
    assert result.error.startswith("Connection refused")


def test_an_unknown_host_is_recorded(local):
    result = links.check_url("http://no-such-service.invalid/page")
    assert not result.ok and result.status_code is None
    assert result.error.startswith("Unknown host")


def test_loopback_is_never_fetched_without_the_test_setting(server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    Handler.log.clear()
    result = links.check_url(f"{server}/ok")
    assert not result.ok and result.error.startswith("Not checked")
    assert Handler.log == []


def test_the_link_checkers_own_setting_lets_it_alone_fetch_loopback(server, settings):
    # The browser tests' site: its link checker checks the tests' own server, its SENCO form still refuses it.
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    settings.LINK_HEALTH_ALLOW_PRIVATE = True
    settings.LINK_CHECK_HOST_DELAY = 0
    Handler.log.clear()
    assert links.check_url(f"{server}/ok").ok
    missing = links.check_url(f"{server}/missing")
    assert not missing.ok and missing.status_code == 404
    assert [path for _method, path, _agent, _at in Handler.log] == ["/ok", "/missing", "/missing"]  # HEAD, then GET
    assert links.url_safety.check_public_url(f"{server}/ok") == links.url_safety.ERROR_PRIVATE
    assert links.url_safety.fetch_status(f"{server}/ok").error == links.url_safety.ERROR_PRIVATE


@pytest.mark.parametrize("url", ["http://10.1.2.3/", "http://169.254.169.254/latest/", "http://[::1]/", "ftp://x.org/"])
def test_private_and_link_local_addresses_are_refused_before_connecting(settings, url):
    settings.LINK_CHECK_ALLOW_PRIVATE = False
    result = links.check_url(url)
    assert not result.ok and result.error.startswith("Not checked")


def test_a_redirect_into_a_private_address_is_not_followed(server, local, monkeypatch):
    # Allow the local test server, but judge the redirect target as production would.
    real_check = links.url_safety.check_public_url

    def check(url, private_ok=False):
        if url.startswith(server):
            return None
        with override_settings(LINK_CHECK_ALLOW_PRIVATE=False):
            return real_check(url)

    monkeypatch.setattr(links.url_safety, "check_public_url", check)
    result = links.check_url(f"{server}/to-metadata")
    assert not result.ok and result.error.startswith("Not checked")
    assert result.final_url == "http://169.254.169.254/latest/"
    assert result.redirect_chain == [{"url": f"{server}/to-metadata", "status": 301}]


def test_many_urls_to_one_host_are_spaced_by_the_per_host_delay(server, local, settings):
    settings.LINK_CHECK_HOST_DELAY = 0.2
    urls = [f"{server}/ok?{n}" for n in range(4)]
    started = time.monotonic()
    results = links.check_urls(urls, workers=4)
    assert set(results) == set(urls) and all(result.ok for result in results.values())
    assert len(Handler.log) == 4
    assert time.monotonic() - started >= 3 * 0.2  # four threads, but one host: three delays at least


def test_the_per_host_delay_does_not_hold_up_other_hosts(server, local, settings):
    settings.LINK_CHECK_HOST_DELAY = 2.0
    other = server.replace("127.0.0.1", "localhost")
    started = time.monotonic()
    results = links.check_urls([f"{server}/ok", f"{other}/ok"], workers=2)
    assert all(result.ok for result in results.values())
    assert time.monotonic() - started < 1.5  # had the hosts shared one delay, the second would wait 2 seconds
