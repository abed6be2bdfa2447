"""Benchmark the public site on PostgreSQL (issue 11, item 4): every figure in one run, each beside a
constant-response view served the same way. Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/directory.py [--sizes 1000 10000]

It creates a scratch database beside DATABASE_URL's (dropped at the end unless --keep), migrates it, loads the
demo council's site shell and generates synthetic published services (demo/generate.py, as `manage.py
generate_services` does), timing the generation. At each size it measures, in-process through the whole Django
stack (middleware and templates, no network; test settings, so the page cache is per process and the search
figures are taken with a session cookie, which bypasses it):

- the directory page with a keyword and three filters (five such searches in rotation): median and 95th
  percentile, and the same with a postcode and 5 miles added when the directory has a postcode filter;
- the constant view (bench/urls.py) the same way, and each figure as a multiple of it;
- the first search after a change and the first for each other keyword (what the warmed-up figures leave out);
- the SQL queries of each public page type (home, directory with filters, service page, school page, information
  page, comment form, schools finder, glossary, site search), for a visitor with a session (no page cache);
- the facet index's memory (what one worker holds).

Then, at the largest size, it serves the site with gunicorn (2 workers x 4 threads, production settings, Redis as
the shared cache, as bin/start and compose.yaml do) and measures requests per second for the constant view, the
search and a service page (with a session cookie: not from the page cache), and the same pages for a visitor
without a session (from the page cache), each as a percentage of the constant view's."""

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

QUERIES = [
    "?q=autism&age=7&tier=targeted&category=leisure-and-short-breaks",
    "?q=speech&age_band=0-4&need=speech-language-communication&free=on",
    "?q=club&need=adhd&tier=targeted&delivery=in_person",
    "?q=therapy&age=12&category=health&area=local",
    "?q=support&age_band=16-19&need=autism&self_referral=on",
]
POSTCODE = "&postcode=NB4+2EF&distance=5"  # a demo postcode (Eastfield), 5 miles
# A session cookie: the session middleware looks it up (an unknown one is an empty session) and the page cache lets
# the request through, as for a family with something in My list.
WITH_SESSION = {"Cookie": "sessionid=benchmark-visitor"}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--requests", type=int, default=100, help="timed requests per in-process figure and size")
    parser.add_argument("--gunicorn-seconds", type=float, default=8)
    parser.add_argument("--clients", type=int, default=8, help="keep-alive client processes for gunicorn")
    parser.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"))
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", help="name of a database kept by an earlier run (--keep): generates only the rest")
    parser.add_argument("--no-gunicorn", action="store_true")
    return parser.parse_args()


def has_postcode_filter():
    from directory.services.filters import DirectoryFilterSet

    return "postcode" in DirectoryFilterSet.base_filters


def public_pages(directory_url):
    from wagtail.models import Page

    from directory.models import SchoolPage, SchoolsIndexPage, ServicePage
    from localoffer.models import InformationPage

    service = ServicePage.objects.live().order_by("pk").last()
    school = SchoolPage.objects.live().order_by("pk").first()
    information = InformationPage.objects.live().filter(depth__gt=3).order_by("pk").first() or (
        InformationPage.objects.live().order_by("pk").first()
    )
    finder = SchoolsIndexPage.objects.live().first()
    home = Page.objects.get(depth=2)
    return {
        "home": home.url,
        "directory with filters": directory_url + QUERIES[0],
        "service page": service.url,
        "school page": school.url,
        "information page": information.url,
        "comment form": "/have-your-say/",
        "schools finder": finder.url + "?phase=primary",
        "glossary": "/glossary/",
        # "autistic" is two searches (as typed, and "autism" from the families' words); every group finds something.
        "site search": "/search/?q=autistic",
    }


def facet_index_memory():
    """Bytes Python allocates to build the facet index (what each worker keeps), measured with tracemalloc."""
    from directory.services import facet_index

    key = facet_index.current_key()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    index = facet_index.build(key)
    _ = index.position
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    size = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    del index
    return size


def first_searches(client, directory_url):
    """ms of what the warmed-up figures leave out: the first search after a change (each process then builds its
    facet index again, and matches the keyword afresh), and the first search for each other keyword (matched and
    ranked afresh; later searches for it are answered from the index's memory)."""
    import statistics

    from directory.services.facet_index import invalidate

    invalidate()
    times = []
    for path in [directory_url + q for q in QUERIES]:
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, path
    return times[0], statistics.median(times[1:]), max(times[1:])


def measure_size(client, directory_url, args, postcode):
    cookie_client = client
    constant = common.timed(client, [common.CONSTANT], args.requests)
    search = common.timed(cookie_client, [directory_url + q for q in QUERIES], args.requests)
    figures = {"constant view": constant, "keyword + three filters": search}
    if postcode:
        figures["the same + postcode, 5 miles"] = common.timed(
            cookie_client, [directory_url + q + POSTCODE for q in QUERIES], args.requests
        )
    return figures


def main():
    args = parse_args()
    base = common.require_postgres()
    if args.reuse:
        prefix, name = base.rpartition("/")[0], args.reuse
        args.keep = True
    else:
        prefix, name = common.scratch_database(base)
    try:
        common.setup_django(prefix, name)
        from django.db import connections
        from django.test import Client

        from demo.generate import generate
        from directory.models import ServicePage
        from tests.factories import get_directory

        common.load_site_shell()
        directory = get_directory()
        client = Client(HTTP_HOST="localhost", HTTP_COOKIE=WITH_SESSION["Cookie"])
        postcode = has_postcode_filter()
        have = ServicePage.objects.live().count()
        generated_seconds = 0.0
        query_table = {}
        print(f"Constant view: {common.CONSTANT} (bench/urls.py), through every middleware of the site.", flush=True)
        if not postcode:
            print("The directory has no postcode filter yet: no postcode figures.", flush=True)
        for size in args.sizes:
            started = time.monotonic()
            if size > have:
                generate(size - have, seed=size)
                have = ServicePage.objects.live().count()
            generated_seconds += time.monotonic() - started
            common.analyse()
            print(
                f"\n{have:,} published services (generate_services so far: {generated_seconds:.0f} s in all)",
                flush=True,
            )
            figures = measure_size(client, directory.url, args, postcode)
            base_median, base_p95 = figures["constant view"]
            for label, (median, p95) in figures.items():
                print(
                    f"    {label:<32} median {median:6.1f} ms  p95 {p95:6.1f} ms   (x constant: median "
                    f"{common.ratio(median, base_median):6.1f}, p95 {common.ratio(p95, base_p95):6.1f})",
                    flush=True,
                )
            after_change, first_median, first_worst = first_searches(client, directory.url)
            print(
                f"    first search after a change (facet index rebuilt) {after_change:7.1f} ms; first search for "
                f"each other keyword: median {first_median:6.1f} ms, slowest {first_worst:6.1f} ms",
                flush=True,
            )
            pages = public_pages(directory.url)
            counts = {label: common.query_counts(client, [path]) for label, path in pages.items()}
            query_table[have] = counts
            print(
                "    SQL queries per page (with a session; no page cache): "
                + ", ".join(f"{label} {'/'.join(map(str, c))}" for label, c in counts.items()),
                flush=True,
            )
            print(f"    facet index memory (one worker): {facet_index_memory() / 1e6:.1f} MB", flush=True)
        if len(query_table) > 1:
            sizes = sorted(query_table)
            same = all(query_table[s] == query_table[sizes[0]] for s in sizes)
            worst = max(max(c) for counts in query_table.values() for c in counts.values())
            print(
                f"\nQueries per page the same at {', '.join(f'{s:,}' for s in sizes)} services: "
                f"{'yes' if same else 'NO'}; most on any page: {worst}",
                flush=True,
            )
        if args.no_gunicorn:
            return
        pages = public_pages(directory.url)
        connections.close_all()
        redis_flush(args.redis)
        database_url = f"{prefix}/{name}"
        print(
            f"\nThrough gunicorn (2 workers x 4 threads, production settings, Redis cache; {args.clients} keep-alive "
            f"client processes, {args.gunicorn_seconds:.0f} s a figure; {have:,} services):",
            flush=True,
        )
        searches = [directory.url + q for q in QUERIES]
        with common.gunicorn(database_url, args.redis) as port:
            rows = [
                ("constant view", [common.CONSTANT], {}),
                ("keyword + three filters (with a session)", searches, WITH_SESSION),
            ]
            if postcode:
                rows.append(("the same + postcode (with a session)", [s + POSTCODE for s in searches], WITH_SESSION))
            rows += [
                ("service page (with a session)", [pages["service page"]], WITH_SESSION),
                ("keyword + three filters (no session: page cache)", searches, {}),
                ("service page (no session: page cache)", [pages["service page"]], {}),
                ("information page (no session: page cache)", [pages["information page"]], {}),
                ("home page (no session: page cache)", [pages["home"]], {}),
            ]
            constant_rps = None
            for label, paths, headers in rows:
                rps = common.requests_per_second(port, paths, args.gunicorn_seconds, args.clients, headers)
                constant_rps = constant_rps or rps
                print(
                    f"    {label:<50} {rps:8.0f} requests/s  ({100 * common.ratio(rps, constant_rps):5.1f}% of the "
                    "constant view)",
                    flush=True,
                )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            common.drop_database(prefix, name)
        else:
            print(f"\nKept the database {name} (--reuse {name} measures it again).")


# What bench/openreferral.py reads from this script.
scratch_database = common.scratch_database
drop_database = common.drop_database
percentile = common.percentile
call_command_analyse = common.analyse


def redis_flush(url):
    import redis

    redis.Redis.from_url(url).flushdb()


if __name__ == "__main__":
    main()
