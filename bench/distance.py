"""Where to compute "within N miles of a postcode": in the facet index (memory) or in PostgreSQL? (issue 11).
Prints figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/distance.py [--services 100000]

Makes one venue per service (plus a second for one in five), in two layouts: spread over England (a national
directory) and all within 8 miles of one town centre (one council: the worst case, where every venue is near).
In memory: FacetIndex.find_near() (what near() keeps per place) over the venues held in order of latitude, then the bitset of those services.
In the database: a temporary table shaped like directory_servicevenue (page id, latitude, longitude as
numeric(9,6), a B-tree index on latitude and longitude), asked for each service's nearest venue within the
distance with the same bounding box and the haversine in SQL, the rows then turned into a bitset: the database's
best case, as the real query would also join the page table to keep only live services."""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "localoffer.settings.dev")

import django  # noqa: E402

django.setup()

from array import array  # noqa: E402

from django.db import connection  # noqa: E402

from directory.places.geo import Point, bounding_box  # noqa: E402
from directory.services.facet_index import FacetIndex  # noqa: E402

CENTRE = Point(53.4825, -2.201)
SQL = """
SELECT page_id, MIN(2 * 3958.8 * ASIN(SQRT(
    POWER(SIN(RADIANS(latitude::float8 - %(lat)s) / 2), 2)
    + COS(RADIANS(%(lat)s)) * COS(RADIANS(latitude::float8)) * POWER(SIN(RADIANS(longitude::float8 - %(lng)s) / 2), 2)
))) AS miles
FROM bench_venue
WHERE latitude BETWEEN %(south)s AND %(north)s AND longitude BETWEEN %(west)s AND %(east)s
GROUP BY page_id
HAVING MIN(2 * 3958.8 * ASIN(SQRT(
    POWER(SIN(RADIANS(latitude::float8 - %(lat)s) / 2), 2)
    + COS(RADIANS(%(lat)s)) * COS(RADIANS(latitude::float8)) * POWER(SIN(RADIANS(longitude::float8 - %(lng)s) / 2), 2)
))) <= %(miles)s
"""


def venues(services, layout, rng):
    rows = []
    for position in range(services):
        for _ in range(2 if rng.random() < 0.2 else 1):
            if layout == "england":
                point = (round(rng.uniform(50.6, 55.0), 6), round(rng.uniform(-3.5, 0.5), 6))
            else:  # within about 8 miles of the town centre
                point = (round(CENTRE.latitude + rng.uniform(-0.115, 0.115), 6),
                         round(CENTRE.longitude + rng.uniform(-0.19, 0.19), 6))  # fmt: skip
            rows.append((point[0], point[1], position))
    return rows


def timed(function, repeat):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(11)
    print(f"{args.services:,} services, {connection.vendor}, {args.repeat} runs a figure (median / p95 ms)")
    print("| layout | miles | services near | in memory | in the database |")
    print("| --- | --- | --- | --- | --- |")
    for layout in ("england", "one council"):
        rows = sorted(venues(args.services, layout, rng))
        index = FacetIndex(key=("bench", "bench", 0), pks=list(range(args.services)), titles=[""] * args.services)
        index.venue_latitudes = array("d", (r[0] for r in rows))
        index.venue_longitudes = array("d", (r[1] for r in rows))
        index.venue_positions = array("l", (r[2] for r in rows))
        index.set_unit_vectors()
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMPORARY TABLE bench_venue (page_id integer, latitude numeric(9,6), longitude numeric(9,6))"
            )
            cursor.executemany("INSERT INTO bench_venue VALUES (%s, %s, %s)", [(r[2], r[0], r[1]) for r in rows])
            cursor.execute("CREATE INDEX ON bench_venue (latitude, longitude); ANALYZE bench_venue")
        for miles in (1, 5, 25):

            def in_memory(miles=miles, index=index):
                near = index.find_near(CENTRE, miles)  # what near() keeps, worked out each time
                index.mask_of_positions(near)
                return len(near)

            def in_database(miles=miles, index=index):
                south, north, west, east = bounding_box(CENTRE, miles)
                params = {"lat": CENTRE.latitude, "lng": CENTRE.longitude, "miles": miles}
                params.update(south=south, north=north, west=west, east=east)
                with connection.cursor() as cursor:
                    cursor.execute(SQL, params)
                    near = dict(cursor.fetchall())
                index.mask_of_positions(near)
                return len(near)

            memory = timed(in_memory, args.repeat)
            database = timed(in_database, args.repeat)
            assert memory[2] == database[2], (memory[2], database[2])
            print(
                f"| {layout} | {miles} | {memory[2]:,} | {memory[0]:.1f} / {memory[1]:.1f} "
                f"| {database[0]:.1f} / {database[1]:.1f} |"
            )
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE bench_venue")
    arrays = (index.venue_latitudes, index.venue_longitudes, index.venue_positions, index.venue_x, index.venue_y)
    size = sum(a.itemsize * len(a) for a in (*arrays, index.venue_z))
    print(f"Memory for the venues in the index: {size / 1e6:.1f} MB per worker ({len(index.venue_positions):,} venues)")


if __name__ == "__main__":
    main()
