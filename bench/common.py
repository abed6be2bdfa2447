"""What the benchmark scripts share: a scratch PostgreSQL database, timing in-process through the whole Django stack,
SQL query counts, and gunicorn under load, each figure beside a constant-response view served the same way.

The yardstick is `/bench/constant` (bench/urls.py): a view that returns the same few bytes, reached through every
middleware the site has (the URLconf is the site's with this one path added). /healthz is not used: it is answered
by the first middleware, before the rest run. Dividing by it cancels much of a shared, loaded machine's slowness.

Imported by bench/directory.py and bench/openreferral.py, which are run as scripts (`python bench/directory.py`):
they put the repository on sys.path, so this module is `bench.common`."""

import http.client
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONSTANT = "/bench/constant"


def require_postgres():
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres")
    return base


def scratch_database(base_url, label="directory"):
    import psycopg

    prefix = base_url.rpartition("/")[0]
    name = f"lo_bench_{label}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return prefix, name


def drop_database(prefix, name):
    import psycopg

    with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(prefix, name):
    """Django on the scratch database (test settings: in-process figures), with the constant view routed."""
    os.environ["DATABASE_URL"] = f"{prefix}/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # not a line per request on the terminal
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"


def load_site_shell():
    from io import StringIO

    from django.core.management import call_command
    from django.db import transaction

    from demo.loaders import places, schools, site

    call_command("migrate", verbosity=0)
    for part in (site, places, schools):  # the demo council's pages, postcodes and schools; services are generated
        with transaction.atomic():
            part.load(StringIO())


def analyse():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(client, paths, requests, warm_up=3):
    """(median, 95th percentile) in ms of GET requests cycling through paths, after warming each up."""
    for path in paths:  # warm up: connection, caches, PostgreSQL's plans
        for _ in range(warm_up):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
    times = []
    for i in range(requests):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, path
    return statistics.median(times), percentile(times, 0.95)


def query_counts(client, paths):
    """The distinct numbers of SQL queries the paths cost (after one warm-up request each)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = set()
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts.add(len(captured))
    return sorted(counts)


def ratio(value, base):
    return value / base if base else float("nan")


# gunicorn under load -------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(database_url, redis_url, workers=2, threads=4):
    """The site as production serves it (bin/start's gunicorn, production settings, the shared cache in Redis),
    with the constant view's URLconf added (bench/settings.py). Yields the port."""
    static_root = tempfile.mkdtemp(prefix="lo-bench-static-")
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "STATIC_ROOT": static_root,
        "REDIS_URL": redis_url,
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "INFO",  # as production: a line per request (to nowhere here)
    }
    python = sys.executable
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = free_port()
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            "localoffer.wsgi:application",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,  # production logs a line per request; the benchmark reads none of them
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", CONSTANT, headers={"Host": "localhost"})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    break
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.3)
        yield port
    finally:
        server.terminate()
        server.wait(20)
        shutil.rmtree(static_root, ignore_errors=True)


def _hammer(port, paths, seconds, headers, queue):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    count = failures = 0
    i = 0
    stop = time.monotonic() + seconds
    while time.monotonic() < stop:
        conn.request("GET", paths[i % len(paths)], headers={"Host": "localhost", **headers})
        i += 1
        response = conn.getresponse()
        response.read()
        if response.status == 200:
            count += 1
        else:
            failures += 1
    queue.put((count, failures))


def requests_per_second(port, paths, seconds, clients, headers=None):
    """Successful requests a second from `clients` keep-alive clients (separate processes, so the client's own
    Python is not one GIL), each cycling through paths, for `seconds`."""
    for path in paths:  # warm every worker a little
        for _ in range(4):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", path, headers={"Host": "localhost", **(headers or {})})
            status = conn.getresponse().status
            conn.close()
            assert status == 200, (path, status)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [
        context.Process(target=_hammer, args=(port, paths, seconds, headers or {}, queue)) for _ in range(clients)
    ]
    start = time.monotonic()
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.monotonic() - start
    failures = sum(f for _c, f in results)
    if failures:
        print(f"    ({failures} responses were not 200)", flush=True)
    return sum(c for c, _f in results) / elapsed
