"""Benchmark the Open Referral UK API (directory/openreferral/) on PostgreSQL. Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/openreferral.py

Like bench/directory.py (whose scratch-database helpers it uses): a scratch database beside DATABASE_URL's (dropped at
the end unless --keep), migrated, the site shell loaded, synthetic services generated (demo/generate.py).
At each size (1,000 then 10,000 published services) it measures, in-process through the whole Django stack
(middleware included, no network):

- `/services?per_page=50` (the list: one-to-one fields and organisation),
- `/services?per_page=50&full=true` (everything nested),
- a keyword and a taxonomy term together (`search=...&taxonomy_term_id=...`, five in rotation),
- a constant JSON response through the same middleware (a view of this script's own URLconf), as the yardstick:
  each median and 95th percentile is also given as a ratio to the constant view's, so a loaded machine's slowness
  partly cancels out;

median and 95th percentile server time, and the SQL queries a request costs at 10 and at 50 a page.

Then, at the largest size, the import (directory/openreferral/importer.py): the scratch database's feed is served by
`manage.py runserver` on 127.0.0.1 and imported by `import_feed_url` in a separate process into a second scratch
database (migrated, site shell loaded, no services), as a council leaving another directory would: the time it
takes (reading every page of the feed included, and that part on its own), the importer process's own CPU time, its
SQL queries (in all and a service) and its peak memory (maximum resident set size); then a second run of the same
feed (nothing changes). `--import-only` skips the API figures; `--sizes 10000 --import-only` is the 10,000-service
import figure; `--profile FILE` profiles the first import with cProfile."""

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_spec = importlib.util.spec_from_file_location("bench_directory", ROOT / "bench" / "directory.py")
assert _spec and _spec.loader
bench_directory = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_directory)

API = "/api/openreferral/v3"
CONSTANT = "/bench/constant"
SEARCHES = [
    ("autism", "leisure-and-short-breaks"),
    ("speech", "health"),
    ("club", "leisure-and-short-breaks"),
    ("therapy", "health"),
    ("support", "education"),
]

# This script is its own URLconf: the site's, plus the constant view.
urlpatterns: list = []


def constant(request):
    from django.http import JsonResponse

    return JsonResponse({"version": "HSDS-UK-3.0", "constant": True})


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per figure and size")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", help="name of a database kept by an earlier run (--keep): measure, no generating")
    parser.add_argument("--import-only", action="store_true", help="measure the import only")
    parser.add_argument("--no-import", action="store_true", help="measure the API only")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="profile the first import with cProfile: statistics to FILE, the 30 costliest functions printed",
    )
    parser.add_argument("--import-into", help=argparse.SUPPRESS)  # the child process: import this feed, print JSON
    return parser.parse_args()


def import_child(url, profile=None):
    """In a process of its own (DATABASE_URL: the target): import the feed at `url`; print as JSON the time, the part
    of it spent reading the feed, the process's own CPU time (on a loaded machine the wall time mostly measures the
    queue for the cores; this does not), the SQL queries it cost and the peak memory (maximum resident set size)."""
    import cProfile
    import io
    import json
    import pstats
    import resource

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from directory.openreferral import importer

    settings.LINK_CHECK_ALLOW_PRIVATE = True  # the feed is on this machine
    reading = []
    read_feed = importer.read_feed

    def timed_read(base):
        started = time.monotonic()
        try:
            return read_feed(base)
        finally:
            reading.append(time.monotonic() - started)

    importer.read_feed = timed_read
    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    profiler = cProfile.Profile() if profile else None
    with connection.execute_wrapper(count):
        cpu_started = time.process_time()
        started = time.monotonic()
        if profiler:
            profiler.enable()
        report = importer.import_feed_url(url, area="local")
        if profiler:
            profiler.disable()
        took = time.monotonic() - started
        cpu = time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if profiler:
        profiler.dump_stats(profile)
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(30)
        print(text.getvalue(), file=sys.stderr)
    print(
        json.dumps(
            {
                "seconds": took,
                "reading_seconds": sum(reading),
                "cpu_seconds": cpu,
                "queries": queries[0],
                "peak_mb": peak_mb,
                "summary": report.summary(),
            }
        )
    )


def measure_import(source_url, prefix, services, profile=None):
    """Serve the scratch database's feed and import it into a second scratch database, twice."""
    import json
    import socket
    import subprocess
    import tempfile
    import urllib.request

    _, target = bench_directory.scratch_database(prefix + "/postgres")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "localoffer.settings.test"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
        env={**env, "DATABASE_URL": source_url},
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        target_env = {**env, "DATABASE_URL": f"{prefix}/{target}"}
        subprocess.run([*manage, "migrate", "-v0"], env=target_env, cwd=ROOT, check=True)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from io import StringIO; "
                "from demo.loaders import site; site.load(StringIO()); "
                "from tests.factories import get_directory; get_directory()",
            ],
            env=target_env,
            cwd=ROOT,
            check=True,
        )
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        feed = f"http://127.0.0.1:{port}{API}/"
        for label in ("import", "again (nothing changed)"):
            profiling = ["--profile", profile] if profile and label == "import" else []
            done = subprocess.run(
                [sys.executable, __file__, "--import-into", feed, *profiling],
                env=target_env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            if profiling:
                print(done.stderr, flush=True)
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(
                f"    import of {services} services, {label:<24} {figures['seconds']:6.1f} s "
                f"({figures['seconds'] / services * 1000:.1f} ms a service; reading the feed "
                f"{figures['reading_seconds']:.1f} s; the importer's own CPU {figures['cpu_seconds']:.1f} s, "
                f"{figures['cpu_seconds'] / services * 1000:.1f} ms a service), {figures['queries']} SQL queries "
                f"({figures['queries'] / services:.2f} a service), peak memory {figures['peak_mb']:.0f} MB: "
                f"{figures['summary']}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(15)
        bench_directory.drop_database(prefix, target)


def timed(client, paths, requests):
    for path in paths:  # warm up: connection, caches, PostgreSQL's plans
        for _ in range(3):
            assert client.get(path).status_code == 200, path
    times = []
    for i in range(requests):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, path
    return statistics.median(times), bench_directory.percentile(times, 0.95)


def query_counts(client, paths):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = set()
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        counts.add(len(captured))
    return sorted(counts)


def main():
    args = parse_args()
    if args.import_into:
        return import_child(args.import_into, args.profile)
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres")
    if args.reuse:
        prefix, name = base.rpartition("/")[0], args.reuse
        args.keep = True
    else:
        prefix, name = bench_directory.scratch_database(base)
    os.environ["DATABASE_URL"] = f"{prefix}/{name}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "localoffer.settings.test"
    from django.db import connections

    try:
        import django

        django.setup()
        from io import StringIO

        from django.conf import settings
        from django.core.management import call_command
        from django.test import Client
        from django.urls import include, path

        from demo.generate import generate
        from demo.loaders import site as demo
        from directory.models import ServiceCategory, ServicePage

        urlpatterns[:] = [path(CONSTANT.lstrip("/"), constant), path("", include("localoffer.urls"))]
        settings.ROOT_URLCONF = __name__

        call_command("migrate", verbosity=0)
        demo.load(StringIO())
        client = Client(HTTP_HOST="localhost")
        have = ServicePage.objects.live().count()
        for size in args.sizes:
            started = time.monotonic()
            if size > have:
                generate(size - have, seed=size)
                have = size
            created_in = time.monotonic() - started
            bench_directory.call_command_analyse()
            if args.import_only:
                continue
            terms = {c.slug: c.uuid for c in ServiceCategory.objects.all()}
            searches = [f"{API}/services?search={word}&taxonomy_term_id={terms[slug]}" for word, slug in SEARCHES]
            figures = {
                "constant view": [CONSTANT],
                "/services?per_page=50": [f"{API}/services?per_page=50"],
                "/services?per_page=50&full=true": [f"{API}/services?per_page=50&full=true"],
                "search + taxonomy_term_id, 50 a page": [f"{path}&per_page=50" for path in searches],
            }
            results = {label: timed(client, paths, args.requests) for label, paths in figures.items()}
            counts = {
                label: (
                    query_counts(client, [p.replace("per_page=50", "per_page=10") for p in paths]),
                    query_counts(client, paths),
                )
                for label, paths in figures.items()
            }
            base_median, base_p95 = results["constant view"]
            print(f"{have:>6} published services (generated in {created_in:.0f}s):", flush=True)
            for label, (median, p95) in results.items():
                at_10, at_50 = counts[label]
                print(
                    f"    {label:<40} median {median:6.1f} ms  p95 {p95:6.1f} ms  (x the constant view: median "
                    f"{median / base_median:5.1f}, p95 {p95 / base_p95:5.1f})  queries at 10 / 50 a page: "
                    f"{at_10} / {at_50}",
                    flush=True,
                )
        if not args.no_import:
            connections.close_all()
            measure_import(os.environ["DATABASE_URL"], prefix, have, args.profile)
    finally:
        connections.close_all()
        if not args.keep:
            bench_directory.drop_database(prefix, name)


if __name__ == "__main__":
    sys.modules.setdefault(__name__, sys.modules["__main__"])
    main()
