"""One allowance per client across every worker: the rate limit counts in the shared cache (Redis, or the database
cache without it), atomically, so no two workers can both let the same client past its limit.

In-process, many threads race for the last slots on each backend; then real gunicorn with two workers behind a trusted
proxy (this test, on loopback), as production runs, on PostgreSQL: the sixth comment from one visitor inside the
window is refused whichever worker serves it, and 50 visitors commenting at the same moment all arrive exactly once.

Redis is TEST_REDIS_URL (.ci/run starts one): skipped on a laptop without it, a failure in CI."""

import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from http.client import HTTPConnection
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings

from localoffer import ratelimit
from tests.browser.conftest import free_port, wait_for
from tests.conftest import collected_static, postgres_url, require, scratch_database

ROOT = Path(__file__).resolve().parents[2]
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "")
CACHE_TABLE = "localoffer_cache"
LIMIT = 5  # FEEDBACK_RATE_LIMIT's default: 5 comments in 600 s
CLIENTS = 50
needs_postgres = pytest.mark.skipif(
    postgres_url() is None, reason="runs in the PostgreSQL pass (set DATABASE_URL=postgres://...)"
)


def redis_url():
    """TEST_REDIS_URL, once it answers."""
    answers = False
    if TEST_REDIS_URL:
        import redis

        try:
            answers = bool(redis.Redis.from_url(TEST_REDIS_URL, socket_timeout=2).ping())
        except redis.RedisError:
            answers = False
    require(answers, "needs Redis: set TEST_REDIS_URL=redis://127.0.0.1:6379/15 to a running redis-server")
    return TEST_REDIS_URL


def cache_settings(backend):
    if backend == "redis":
        # A prefix of its own, so runs sharing the Redis database never see each other's counts.
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": uuid.uuid4().hex,
        }
    if backend == "database":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


@pytest.fixture
def shared_cache(request):
    """The default cache on the backend named by the test's parameter (the database cache's table made, as the
    release step makes it, with createcachetable)."""
    backend = request.param
    with override_settings(CACHES={"default": cache_settings(backend)}):
        if backend == "database":
            call_command("createcachetable", verbosity=0)
        yield backend  # (no cache.clear() for Redis: it would empty the whole database, other runs' keys too)


def visitor(address="198.51.100.7"):
    return RequestFactory().get("/", REMOTE_ADDR=address)


# The database cache on PostgreSQL, committed for real (threads have connections of their own).
BACKENDS = [
    "locmem",
    "redis",
    pytest.param("database", marks=[needs_postgres, pytest.mark.django_db(transaction=True)]),
]


@pytest.mark.parametrize("shared_cache", BACKENDS, indirect=True)
def test_limit_per_client_and_form_until_the_window_moves_on(shared_cache):
    allowed = [ratelimit.allow(visitor(), "test", 2, 2).allowed for _ in range(3)]
    assert allowed == [True, True, False]
    refused = ratelimit.allow(visitor(), "test", 2, 2)
    assert not refused.allowed and 1 <= refused.retry_after <= 2
    assert ratelimit.allow(visitor("198.51.100.8"), "test", 2, 2).allowed  # another client
    assert ratelimit.allow(visitor(), "other-form", 2, 2).allowed  # another form
    time.sleep(refused.retry_after + 0.2)
    assert ratelimit.allow(visitor(), "test", 2, 2).allowed  # the window has moved on


@pytest.mark.parametrize("shared_cache", BACKENDS, indirect=True)
def test_racing_requests_never_pass_the_limit_together(shared_cache):
    """20 requests from one client at the same moment, each on its own thread (and database connection): exactly
    the limit gets through."""
    threads = 20
    barrier = threading.Barrier(threads)

    def attempt(_):
        barrier.wait(timeout=30)
        try:
            return ratelimit.allow(visitor(), "race", LIMIT, 60).allowed
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(attempt, range(threads)))
    assert results.count(True) == LIMIT


# --- Real gunicorn, two workers -----------------------------------------------------------------------------------


class Visitor:
    """One person's browser behind the proxy: the proxy (this test, on 127.0.0.1) says who they are in
    X-Forwarded-For and that they came over HTTPS. Every request is a new connection (no keep-alive), so any worker
    may take it; each is tagged so the access log says which did."""

    def __init__(self, port, address):
        self.port = port
        self.address = address
        self.form = None

    def request(self, method, path, body=None, headers=None):
        tag = uuid.uuid4().hex
        conn = HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.request(
                method,
                path,
                body=body,
                headers={
                    "Host": "localhost",
                    "X-Forwarded-Proto": "https",
                    "X-Forwarded-For": self.address,
                    "X-Test-Request": tag,
                    "Connection": "close",
                    **(headers or {}),
                },
            )
            response = conn.getresponse()
            return response.status, response.getheader("Location", ""), response.headers, response.read().decode(), tag
        finally:
            conn.close()

    def load_form(self, body):
        status, _, headers, html, _ = self.request("GET", "/have-your-say/")
        assert status == 200, html[-2000:]
        cookie = next(value.split(";")[0] for value in headers.get_all("Set-Cookie") if value.startswith("csrftoken="))
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]*)"', html))
        self.form = (
            cookie,
            urllib.parse.urlencode({**fields, "topic": "missing", "role": "parent", "body": body, "website": ""}),
        )

    def send(self):
        cookie, data = self.form
        status, location, _, _, tag = self.request(
            "POST",
            "/have-your-say/",
            body=data,
            headers={
                "Cookie": cookie,
                "Origin": "https://localhost",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        return status, location, tag

    def comment(self, body):
        self.load_form(body)
        return self.send()


def workers(log_path, tags):
    """The pid of the gunicorn worker that served each tagged request, from the access log (which a worker writes
    just after the response, so wait a moment for the last lines)."""
    deadline = time.monotonic() + 10
    while True:
        lines = Path(log_path).read_text().splitlines()
        served = {tag: pid for pid, _status, tag in (line.split() for line in lines if line.count(" ") == 2)}
        if all(tag in served for tag in tags) or time.monotonic() > deadline:
            return [served.get(tag) for tag in tags]
        time.sleep(0.1)


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="localoffer.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """What a deploy does before the site starts, on a scratch PostgreSQL database: static files collected, and the
    database as the release step leaves it (the run's migrated template: its createcachetable ran without REDIS_URL,
    so the database cache's table is there)."""
    if postgres_url() is None:
        pytest.skip("runs in the PostgreSQL pass (set DATABASE_URL=postgres://...)")
    tmp = tmp_path_factory.mktemp("shared-rate-limit")
    with scratch_database(tmp, migrated=True) as database_url:  # migrated as the release step does
        env = production_env(DATABASE_URL=database_url, STATIC_ROOT=collected_static())  # once per run
        with psycopg.connect(database_url) as conn:
            assert conn.execute("SELECT to_regclass(%s)", [CACHE_TABLE]).fetchone()[0] == CACHE_TABLE
        yield {"database_url": database_url, "static_root": env["STATIC_ROOT"]}


@pytest.fixture(scope="module", params=["redis", "database"])
def site(request, released, tmp_path_factory):
    """gunicorn with two workers on production settings, behind one trusted proxy, with Redis or the database cache."""
    backend = request.param
    tmp = tmp_path_factory.mktemp(f"gunicorn-{backend}")
    env = production_env(
        DATABASE_URL=released["database_url"],
        TRUSTED_PROXY_COUNT="1",
        TRUSTED_PROXIES="127.0.0.1",
        FEEDBACK_MIN_FILL_SECONDS="0",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        STATIC_ROOT=released["static_root"],
    )
    if backend == "redis":
        env["REDIS_URL"] = redis_url()
    port = free_port()
    access_log = tmp / "access.log"
    server_log = tmp / "server.log"
    # bin/start's gunicorn, plus an access log naming the worker (pid) that served each tagged request.
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "localoffer.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
        "--timeout",
        "60",
        "--forwarded-allow-ips",
        "127.0.0.1",
        "--access-logfile",
        str(access_log),
        "--access-logformat",
        "%(p)s %(s)s %({x-test-request}i)s",
    ]
    with open(server_log, "wb") as log:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz", server, server_log, seconds=120)
            yield {"backend": backend, "port": port, "access_log": access_log, "database_url": released["database_url"]}
        finally:
            server.terminate()
            server.wait(15)


def comment_bodies(database_url, prefix):
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT body, reference FROM feedback_comment WHERE body LIKE %s", [f"{prefix}%"]
        ).fetchall()
    return rows


@needs_postgres
def test_the_sixth_comment_in_the_window_is_refused_on_either_worker(site):
    prefix = f"Sixth {site['backend']}"
    person = Visitor(site["port"], "198.51.100.7" if site["backend"] == "redis" else "198.51.100.8")
    for number in range(LIMIT):
        status, location, _tag = person.comment(f"{prefix} {number}")
        assert status == 303 and "thank-you" in location

    # More tries, a few at a time so that both workers take some, until each has refused at least two.
    refused_by = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        for round_ in range(15):
            results = list(
                pool.map(
                    lambda n: Visitor(site["port"], person.address).comment(f"{prefix} extra {round_}.{n}"), range(4)
                )
            )
            assert [status for status, _, _ in results] == [429] * 4
            for worker in workers(site["access_log"], [tag for _, _, tag in results]):
                refused_by[worker] = refused_by.get(worker, 0) + 1
            if len(refused_by) == 2 and min(refused_by.values()) >= 2:
                break
    assert len(refused_by) == 2, f"one worker served every try: {refused_by}"
    assert len(comment_bodies(site["database_url"], prefix)) == LIMIT


@needs_postgres
def test_fifty_visitors_behind_the_proxy_comment_at_once_and_each_arrives_exactly_once(site):
    prefix = f"At once {site['backend']}"
    octet = 10 if site["backend"] == "redis" else 11
    people = [Visitor(site["port"], f"198.51.{octet}.{n + 1}") for n in range(CLIENTS)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda p: p[1].load_form(f"{prefix} {p[0]}"), enumerate(people)))

    waves = []
    for _wave in range(2):  # the second wave sends the same forms again (a double click, a retry)
        barrier = threading.Barrier(CLIENTS)

        def send(person):
            barrier.wait(timeout=60)
            return person.send()

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            waves.append(list(pool.map(send, people)))

    for status, location, _tag in waves[0] + waves[1]:
        assert status == 303 and "/have-your-say/thank-you/?ref=" in location
    # Each retry landed on the same confirmation as the first send.
    assert [loc.split("ref=")[1].split(":")[0] for _, loc, _ in waves[0]] == [
        loc.split("ref=")[1].split(":")[0] for _, loc, _ in waves[1]
    ]
    rows = comment_bodies(site["database_url"], prefix)
    assert sorted(body for body, _ in rows) == sorted(f"{prefix} {n}" for n in range(CLIENTS))
    assert len({reference for _, reference in rows}) == CLIENTS
    assert len(set(workers(site["access_log"], [tag for _, _, tag in waves[0]]))) == 2  # both workers took a share
