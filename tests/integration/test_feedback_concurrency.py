"""50 people send comments at the same moment to a real server on PostgreSQL: every comment arrives, exactly once,
even when each of them sends the same form twice."""

import re
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

from feedback.models import Comment
from tests.conftest import postgres_url

CLIENTS = 50

pytestmark = pytest.mark.postgres


class Browser:
    """One family's browser: its own cookies, its own copy of the form."""

    def __init__(self, base_url, number):
        self.base_url = base_url
        self.number = number
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.form = None

    def load_form(self):
        html = self.opener.open(f"{self.base_url}/have-your-say/", timeout=60).read().decode()
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]*)"', html))
        self.form = urllib.parse.urlencode(
            {
                **fields,
                "topic": "missing",
                "role": "parent",
                "body": f"Concurrent comment number {self.number} 🧪",
                "website": "",
            }
        ).encode()

    def send(self, barrier):
        barrier.wait(timeout=60)
        request = urllib.request.Request(f"{self.base_url}/have-your-say/", data=self.form, method="POST")
        with self.opener.open(request, timeout=120) as response:
            return response.status, response.geturl()


class BigBacklogServer(ThreadedWSGIServer):
    request_queue_size = 128  # socketserver's default of 5 would reset most of 50 simultaneous connections


class ServerThread(LiveServerThread):
    server_class = BigBacklogServer


@pytest.fixture
def server(transactional_db):
    """A real threaded HTTP server in this process, on the test database (each request its own connection)."""
    thread = ServerThread("127.0.0.1", StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def open_form(settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = (1000, 600)  # every client here shares 127.0.0.1
    cache.clear()


@pytest.mark.skipif(postgres_url() is None, reason="runs in the PostgreSQL pass (set DATABASE_URL=postgres://...)")
def test_fifty_parallel_comments_arrive_exactly_once(server, open_form, home_page):
    browsers = [Browser(server, number) for number in range(CLIENTS)]
    for browser in browsers:
        browser.load_form()

    results = []
    for _wave in range(2):  # the second wave is everyone sending the same form again (a double click, a retry)
        barrier = threading.Barrier(CLIENTS)
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            results.append(list(pool.map(lambda browser: browser.send(barrier), browsers)))

    for status, url in results[0] + results[1]:
        assert status == 200 and "/have-your-say/thank-you/?ref=" in url

    # The retry landed on the same confirmation as the first send.
    def reference(url):
        return url.split("ref=")[1].split(":")[0]

    assert [reference(url) for _, url in results[0]] == [reference(url) for _, url in results[1]]
    bodies = list(Comment.objects.values_list("body", flat=True))
    assert sorted(bodies) == sorted(f"Concurrent comment number {n} 🧪" for n in range(CLIENTS))
    assert Comment.objects.values("reference").distinct().count() == CLIENTS
