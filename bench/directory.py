"""Benchmark the service directory on PostgreSQL (issue 3, item 8). Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/directory.py

It creates a scratch database beside DATABASE_URL's (dropped at the end unless --keep), migrates it, loads the
site shell and generates synthetic services (demo/generate.py). At each size (1,000 then 10,000 published
services) it measures the directory page with a keyword and three filters: median and 95th percentile server time
(the whole Django stack in-process, middleware and template included, no network) and the SQL query count, also
at 10 and at 50 results a page. Then it serves the site with gunicorn and measures requests per second for a
service page with keep-alive HTTP clients."""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = [
    "?q=autism&age=7&tier=targeted&category=leisure-and-short-breaks",
    "?q=speech&age_band=0-4&need=speech-language-communication&free=on",
    "?q=club&need=adhd&tier=targeted&delivery=in_person",
    "?q=therapy&age=12&category=health&area=local",
    "?q=support&age_band=16-19&need=autism&self_referral=on",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per size")
    parser.add_argument("--gunicorn-seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", help="name of a database kept by an earlier run (--keep): measure, no generating")
    return parser.parse_args()


def scratch_database(base_url):
    import psycopg

    prefix = base_url.rpartition("/")[0]
    name = f"lo_bench_directory_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return prefix, name


def drop_database(prefix, name):
    import psycopg

    with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure_directory(client, directory_url, requests):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from directory.services import views as directory_views

    for query in QUERIES:  # warm up: connection, caches, PostgreSQL's plans
        for _ in range(3):
            assert client.get(directory_url + query).status_code == 200
    times = []
    for i in range(requests):
        query = QUERIES[i % len(QUERIES)]
        start = time.perf_counter()
        response = client.get(directory_url + query)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    counts = {}
    results = {}
    for per_page in (10, 50):
        directory_views.RESULTS_PER_PAGE = per_page
        for query in QUERIES:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(directory_url + query)
            counts.setdefault(per_page, set()).add(len(captured))
            found = re.search(r'id="results-heading">(\d+) service', response.content.decode())
            results[query] = int(found.group(1)) if found else None
    directory_views.RESULTS_PER_PAGE = 20
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": counts,
        "results": results,
    }


def gunicorn_requests_per_second(env, path, seconds, clients):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    workers = os.environ.get("WEB_CONCURRENCY", "2")
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "localoffer.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            workers,
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", path)
                assert conn.getresponse().status == 200
                conn.close()
                break
            except (OSError, http.client.HTTPException):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        done = []
        stop = time.monotonic() + seconds

        def hammer():
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            count = 0
            while time.monotonic() < stop:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status == 200:
                    count += 1
            done.append(count)

        threads = [threading.Thread(target=hammer) for _ in range(clients)]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sum(done) / (time.monotonic() - start), workers
    finally:
        server.terminate()
        server.wait(10)


def main():
    args = parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres")
    if args.reuse:
        prefix, name = base.rpartition("/")[0], args.reuse
        args.keep = True
    else:
        prefix, name = scratch_database(base)
    os.environ["DATABASE_URL"] = f"{prefix}/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    try:
        import django

        django.setup()
        from io import StringIO

        from django.core.management import call_command
        from django.test import Client

        from demo.generate import generate
        from demo.loaders import site as demo
        from directory.models import ServicePage
        from tests.factories import get_directory

        call_command("migrate", verbosity=0)
        demo.load(StringIO())
        directory = get_directory()
        client = Client(HTTP_HOST="localhost")
        rows = []
        have = ServicePage.objects.live().count()
        for size in args.sizes:
            started = time.monotonic()
            if size > have:
                generate(size - have, seed=size)
                have = size
            created_in = time.monotonic() - started
            call_command_analyse()
            figures = measure_directory(client, directory.url, args.requests)
            rows.append((size, figures, created_in))
            print(
                f"{size:>6} services (generated in {created_in:.0f}s): median {figures['median']:.1f} ms, "
                f"p95 {figures['p95']:.1f} ms, queries at 10 a page {sorted(figures['queries'][10])}, "
                f"at 50 a page {sorted(figures['queries'][50])}; results per query {list(figures['results'].values())}",
                flush=True,
            )
        service = ServicePage.objects.live().order_by("pk").last()
        env = {**os.environ, "DATABASE_URL": f"{prefix}/{name}", "DJANGO_SETTINGS_MODULE": "localoffer.settings.test"}
        from django.db import connections

        connections.close_all()
        rps, workers = gunicorn_requests_per_second(env, service.url, args.gunicorn_seconds, args.clients)
        print(
            f"service page through gunicorn ({workers} workers x 4 threads, {args.clients} keep-alive clients, "
            f"{have} services): {rps:.0f} requests/second",
            flush=True,
        )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(prefix, name)


def call_command_analyse():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
