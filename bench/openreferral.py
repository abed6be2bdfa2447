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

median and 95th percentile server time, and the SQL queries a request costs at 10 and at 50 a page."""

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
    return parser.parse_args()


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
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            bench_directory.drop_database(prefix, name)


if __name__ == "__main__":
    sys.modules.setdefault(__name__, sys.modules["__main__"])
    main()
