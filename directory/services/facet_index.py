"""An in-memory index of every live service as bitsets, so filtering and facet counts cost no SQL per option.

Each filter option (a tier, a need type, an age band, a town or area its venues are in, ...) is a Python int with one bit per live service, in A to Z
order. A request ANDs the chosen groups together; the count for an option is the popcount of that option's bits
ANDed with every *other* chosen group. With 10,000 services that is microseconds.

Venues with a map position are held in order of latitude, so "within 5 miles of a postcode" looks at a narrow band
of them in memory (`near`), not at every venue, and costs no SQL either.

The index holds the services the public may see (ServicePage.objects.visible()) and is rebuilt (four queries) when
anything it reads may have changed: publishing, unpublishing, moving or editing a service (its needs, categories,
venues, review date), renaming or moving a need type, area, category or town or area (Locality), a view restriction or a site changing. Each such
change bumps one database row (FacetIndexVersion, through the signals DirectoryConfig.ready() connects to
`invalidate`), and every process reads that row once per request, so all of them see a change on their next request.
Writes that send no signals (bulk inserts) call `invalidate()` themselves. Expiry times are applied per request, so
a page past its expire_at disappears at once, before the scheduled job unpublishes it."""

import datetime
import re
import secrets
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import connection
from django.utils import timezone

from ..ages import AGE_BANDS, MAX_AGE, MIN_AGE
from ..choices import DELIVERY, Cost
from ..places.geo import Point, bounding_box, chord_squared_within, miles_from_chord, unit_vector
from .models import FacetIndexVersion, ServicePage, ServiceVenue

DELIVERY_FIELDS = [name for name, _label in DELIVERY]

# What an index was built from: (database alias, database name, FacetIndexVersion number). The name is whatever the
# DATABASES setting holds (a str, or a Path for SQLite); it is only compared.
IndexKey = tuple[str, object, int]

memo_lock = threading.Lock()  # guards every index's memo (this module's and search.py's entries)
_build_lock = threading.Lock()  # one build at a time in a process
_ONE = re.compile("1")
_cache: dict[tuple[str, object], "FacetIndex"] = {}  # one index per database: (alias, name) -> index


NEAR_MEMO_SIZE = 4  # places whose nearby services each index keeps (up to one entry per service each)


class Nearby(dict[int, float]):
    """FacetIndex.near()'s {position: miles to its nearest venue}, with `mask`, the bitset of those positions."""

    mask: int = 0


@dataclass
class FacetIndex:
    key: IndexKey
    pks: list[int]  # A to Z (title, pk): bit i is the service pks[i]
    titles: list[str]  # in lower case (the keyword search puts titles holding every word first)
    masks: dict[tuple[str, str], int] = field(default_factory=dict)  # (group, value) -> int
    age_masks: list[int] = field(default_factory=list)  # exact age -> int
    reviewed_order: list[int] = field(default_factory=list)  # positions, most recently reviewed first
    expiring: list[tuple[int, datetime.datetime]] = field(default_factory=list)  # (position, expire_at)
    # Venues with a map position, in order of latitude: parallel arrays (latitude, longitude, service's position).
    venue_latitudes: "array[float]" = field(default_factory=lambda: array("d"))
    venue_longitudes: "array[float]" = field(default_factory=lambda: array("d"))
    venue_positions: "array[int]" = field(default_factory=lambda: array("l"))
    venue_x: "array[float]" = field(default_factory=lambda: array("d"))  # their unit vectors (geo.unit_vector)
    venue_y: "array[float]" = field(default_factory=lambda: array("d"))
    venue_z: "array[float]" = field(default_factory=lambda: array("d"))
    located_mask: int = 0  # services with at least one venue on the map
    # What requests worked out from this index and the database as it was at its version, kept as long as the index
    # is (search.py's keyword matches): {name: anything}. A change makes a new index, so nothing here goes stale.
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def all_mask(self) -> int:
        return (1 << len(self.pks)) - 1

    def mask(self, group: str, value: str) -> int:
        return self.masks.get((group, value), 0)

    def visible_mask(self, now: datetime.datetime | None = None) -> int:
        mask = self.all_mask
        now = now or timezone.now()
        for position, expire_at in self.expiring:
            if expire_at <= now:
                mask &= ~(1 << position)
        return mask

    def positions(self, mask: int) -> list[int]:
        """The positions of the bits set in `mask`, lowest first. Read from its binary digits as text, once: testing
        bit by bit (`mask >> i & 1`) makes a new big int each time, quadratic in the number of services."""
        return [found.start() for found in _ONE.finditer(bin(mask)[:1:-1])]

    def reviewed_first(self, positions: Iterable[int]) -> list[int]:
        """The positions, most recently reviewed first (the order `reviewed_order` holds)."""
        return sorted(positions, key=self.reviewed_rank.__getitem__)

    @cached_property
    def reviewed_rank(self) -> "array[int]":
        """position -> its place in `reviewed_order`."""
        rank = array("l", bytes(array("l").itemsize * len(self.reviewed_order)))
        for place, position in enumerate(self.reviewed_order):
            rank[position] = place
        return rank

    def mask_of_pks(self, pks: Iterable[int]) -> int:
        index = self.position
        return self.mask_of_positions(index[pk] for pk in pks if pk in index)

    def mask_of_positions(self, positions: Iterable[int]) -> int:
        """A bitset of the given positions, built as bytes (one big-int OR per bit would be quadratic)."""
        bits = bytearray((len(self.pks) + 7) // 8)
        for position in positions:
            bits[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(bits, "little")

    @property
    def unlocated_mask(self) -> int:
        """Services with no venue on the map: online, by phone, at home, or a venue with no known position."""
        return self.all_mask & ~self.located_mask

    def set_unit_vectors(self) -> None:
        """Work out the venues' unit vectors from their latitudes and longitudes (once per build)."""
        pairs = zip(self.venue_latitudes, self.venue_longitudes, strict=True)
        vectors = [unit_vector(Point(latitude, longitude)) for latitude, longitude in pairs]
        self.venue_x = array("d", (v[0] for v in vectors))
        self.venue_y = array("d", (v[1] for v in vectors))
        self.venue_z = array("d", (v[2] for v in vectors))

    def near(self, centre: Point, miles: float) -> "Nearby":
        """`find_near`, kept on the index for the last few places asked about (families search again from the
        same postcode: a new filter, the next page), with its bitset: in a small council every service may be
        within a few miles, so each is tens of thousands of entries worked out."""
        key = ("near", centre.latitude, centre.longitude, miles)
        found: Nearby | None = self.memo.get(key)
        if found is None:
            found = Nearby(self.find_near(centre, miles))
            found.mask = self.mask_of_positions(found)
            self.keep(key, found, NEAR_MEMO_SIZE)
        return found

    def keep(self, key: tuple[Any, ...], value: Any, most: int) -> None:
        """Keep `value` in the memo under `key`, with at most `most` entries of its kind (`key[0]`): the oldest of
        that kind are dropped first."""
        with memo_lock:
            same_kind = [k for k in self.memo if k[0] == key[0] and k != key]
            for old in same_kind[: max(0, len(same_kind) + 1 - most)]:
                self.memo.pop(old, None)
            self.memo[key] = value

    def find_near(self, centre: Point, miles: float) -> dict[int, float]:
        """{position: miles to its nearest venue} for every service with a venue within `miles` of `centre`.

        The venues are held in order of latitude, so only those in the band of latitudes that can be near are looked
        at (a bisection), then only those in the box of longitudes; each of those is compared by the straight line
        between unit vectors, which orders pairs exactly as the great-circle distance does but needs no
        trigonometry, so a request looks at tens of thousands of venues in milliseconds (bench/distance.py)."""
        south, north, west, east = bounding_box(centre, miles)
        first, last = bisect_left(self.venue_latitudes, south), bisect_right(self.venue_latitudes, north)
        x0, y0, z0 = unit_vector(centre)
        limit = chord_squared_within(miles)
        best: dict[int, float] = {}
        candidates = zip(
            self.venue_longitudes[first:last],
            self.venue_x[first:last],
            self.venue_y[first:last],
            self.venue_z[first:last],
            self.venue_positions[first:last],
            strict=True,
        )
        for longitude, x, y, z, position in candidates:
            if west <= longitude <= east:
                chord = (x - x0) ** 2 + (y - y0) ** 2 + (z - z0) ** 2
                if chord <= limit and chord < best.get(position, 4.0):
                    best[position] = chord
        return {position: miles_from_chord(chord) for position, chord in best.items()}

    @cached_property
    def position(self) -> dict[int, int]:
        """pk -> bit position, worked out once per index."""
        return {pk: i for i, pk in enumerate(self.pks)}


def current_key() -> IndexKey:
    version = FacetIndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    return (connection.alias, connection.settings_dict.get("NAME"), version)


def invalidate(*args: Any, **kwargs: Any) -> None:
    """Make every process rebuild its index on its next request (a signal receiver, or called directly).

    A new random number rather than one more: a rolled-back change would otherwise hand its number to the next
    change, and a process that had seen the rolled-back one would keep its index. The row is made by migration
    0007."""
    FacetIndexVersion.objects.filter(pk=1).update(version=secrets.randbits(62))


def get_index() -> FacetIndex:
    key = current_key()
    cached = _cache.get(key[:2])
    if cached is not None and cached.key == key:
        return cached
    with _build_lock:
        # The threads that waited here while another built take its index (or build the newest), rather than each
        # build it again in turn: after a change, a worker's threads would otherwise queue a build apiece.
        key = current_key()
        cached = _cache.get(key[:2])
        if cached is None or cached.key != key:
            cached = _cache[key[:2]] = build(key)
    return cached


def build(key: IndexKey) -> FacetIndex:
    columns = [
        "pk",
        "title",
        "min_age",
        "max_age",
        "tier",
        "cost",
        "self_referral",
        "area",
        "last_reviewed",
        "expire_at",
    ]
    rows = list(ServicePage.objects.visible().order_by("title", "pk").values_list(*columns, *DELIVERY_FIELDS))
    index = FacetIndex(key=key, pks=[r[0] for r in rows], titles=[r[1].lower() for r in rows])
    # Each bitset is gathered as bytes and made an int once at the end: OR-ing one bit at a time into an int copies
    # the whole int each time, quadratic in the number of services (seconds at 100,000).
    size = (len(rows) + 7) // 8
    bits: dict[tuple[str, str], bytearray] = {}  # (group, value) -> its bitset
    age_ranges: dict[tuple[int, int], bytearray] = {}  # (min age, max age) -> the services' bitset

    def set_bit(bitsets: dict[Any, bytearray], key: Any, position: int) -> None:
        found = bitsets.get(key)
        if found is None:
            found = bitsets[key] = bytearray(size)
        found[position >> 3] |= 1 << (position & 7)

    def add(group: str, value: str, position: int) -> None:
        set_bit(bits, (group, value), position)

    for position, row in enumerate(rows):
        _pk, _title, min_age, max_age, tier, cost, self_referral, area, _reviewed, expire_at, *delivery = row
        add("tier", tier, position)
        add("area", area, position)
        if cost == Cost.FREE:
            add("free", "on", position)
        if self_referral:
            add("self_referral", "on", position)
        for name, on in zip(DELIVERY_FIELDS, delivery, strict=True):
            if on:
                add("delivery", name.removeprefix("delivery_"), position)
        if min_age is not None and max_age is not None:
            set_bit(age_ranges, (min_age, max_age), position)  # spread over each age and age band below
        if expire_at is not None:
            index.expiring.append((position, expire_at))

    # The links and venues of every service, drafts too, sorted by nothing: those of services not in the index are
    # skipped here, which costs less than the database joining each row to its page to ask whether it is live.
    position_of = index.position
    need_links = ServicePage.need_types.through.objects.order_by().values_list(
        "servicepage_id", "needtype__slug", "needtype__area__slug"
    )
    for pk, need, area in need_links:
        if pk in position_of:
            add("need", need, position_of[pk])
            add("area_of_need", area, position_of[pk])
    category_links = ServicePage.categories.through.objects.order_by().values_list(
        "servicepage_id", "servicecategory__slug"
    )
    for pk, category in category_links:
        if pk in position_of:
            add("category", category, position_of[pk])

    def reviewed_key(item: tuple[int, tuple[Any, ...]]) -> tuple[bool, int, int]:
        i, row = item
        reviewed = row[8]
        return (reviewed is None, -(reviewed.toordinal() if reviewed else 0), i)

    index.reviewed_order = [i for i, _row in sorted(enumerate(rows), key=reviewed_key)]

    # Every venue once: its town or area (the "locality" group) and, when it is on the map, its position.
    venues = ServiceVenue.objects.order_by().values_list("page_id", "latitude", "longitude", "locality__slug")
    located = []
    for pk, latitude, longitude, locality in venues:
        if pk not in position_of:
            continue
        if locality:
            add("locality", locality, position_of[pk])
        if latitude is not None and longitude is not None:
            located.append((float(latitude), float(longitude), position_of[pk]))
    located.sort()
    index.venue_latitudes = array("d", (v[0] for v in located))
    index.venue_longitudes = array("d", (v[1] for v in located))
    index.venue_positions = array("l", (v[2] for v in located))
    index.set_unit_vectors()
    index.located_mask = index.mask_of_positions(index.venue_positions)
    masks = {group_value: int.from_bytes(found, "little") for group_value, found in bits.items()}
    # Services share a few hundred age ranges at most: each exact age and age band is the union of the ranges'
    # bitsets that cover it (far fewer ORs than one per service and age).
    age_masks = [0] * (MAX_AGE + 1)
    for (min_age, max_age), found in age_ranges.items():
        mask = int.from_bytes(found, "little")
        for age in range(max(min_age, MIN_AGE), min(max_age, MAX_AGE) + 1):
            age_masks[age] |= mask
        for band in AGE_BANDS:
            if band.overlaps(min_age, max_age):
                masks[("age_band", band.slug)] = masks.get(("age_band", band.slug), 0) | mask
    index.age_masks = age_masks
    index.masks = masks
    return index
