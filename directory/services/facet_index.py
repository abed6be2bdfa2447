"""An in-memory index of every live service as bitsets, so filtering and facet counts cost no SQL per option.

Each filter option (a tier, a need type, an age band, ...) is a Python int with one bit per live service, in A to Z
order. A request ANDs the chosen groups together; the count for an option is the popcount of that option's bits
ANDed with every *other* chosen group. With 10,000 services that is microseconds.

The index holds the services the public may see (ServicePage.objects.visible()) and is rebuilt (three queries) when
anything it reads may have changed: publishing, unpublishing, moving or editing a service (its needs, categories,
review date), renaming or moving a need type, area or category, a view restriction or a site changing. Each such
change bumps one database row (FacetIndexVersion, through the signals DirectoryConfig.ready() connects to
`invalidate`), and every process reads that row once per request, so all of them see a change on their next request.
Writes that send no signals (bulk inserts) call `invalidate()` themselves. Expiry times are applied per request, so
a page past its expire_at disappears at once, before the scheduled job unpublishes it."""

import datetime
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import connection
from django.utils import timezone

from ..ages import AGE_BANDS, MAX_AGE, MIN_AGE
from ..choices import DELIVERY, Cost
from .models import FacetIndexVersion, ServicePage

DELIVERY_FIELDS = [name for name, _label in DELIVERY]

# What an index was built from: (database alias, database name, FacetIndexVersion number). The name is whatever the
# DATABASES setting holds (a str, or a Path for SQLite); it is only compared.
IndexKey = tuple[str, object, int]

_lock = threading.Lock()
_cache: dict[tuple[str, object], "FacetIndex"] = {}  # one index per database: (alias, name) -> index


@dataclass
class FacetIndex:
    key: IndexKey
    pks: list[int]  # A to Z (title, pk): bit i is the service pks[i]
    titles: list[str]
    masks: dict[tuple[str, str], int] = field(default_factory=dict)  # (group, value) -> int
    age_masks: list[int] = field(default_factory=list)  # exact age -> int
    reviewed_order: list[int] = field(default_factory=list)  # positions, most recently reviewed first
    expiring: list[tuple[int, datetime.datetime]] = field(default_factory=list)  # (position, expire_at)

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

    def positions(self, mask: int, order: Iterable[int] | None = None) -> list[int]:
        if order is None:
            return [i for i in range(mask.bit_length()) if mask >> i & 1]
        return [i for i in order if mask >> i & 1]

    def mask_of_pks(self, pks: Iterable[int]) -> int:
        index = self.position
        mask = 0
        for pk in pks:
            position = index.get(pk)
            if position is not None:
                mask |= 1 << position
        return mask

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
    with _lock:
        index = build(key)
        _cache[key[:2]] = index
    return index


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
    index = FacetIndex(key=key, pks=[r[0] for r in rows], titles=[r[1] for r in rows])
    masks = index.masks

    def add(group: str, value: str, position: int) -> None:
        masks[(group, value)] = masks.get((group, value), 0) | (1 << position)

    age_masks = [0] * (MAX_AGE + 1)
    for position, row in enumerate(rows):
        _pk, _title, min_age, max_age, tier, cost, self_referral, area, _reviewed, expire_at, *delivery = row
        bit = 1 << position
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
            for age in range(max(min_age, MIN_AGE), min(max_age, MAX_AGE) + 1):
                age_masks[age] |= bit
            for band in AGE_BANDS:
                if band.overlaps(min_age, max_age):
                    add("age_band", band.slug, position)
        if expire_at is not None:
            index.expiring.append((position, expire_at))
    index.age_masks = age_masks

    position_of = index.position
    need_links = ServicePage.need_types.through.objects.filter(servicepage__live=True).values_list(
        "servicepage_id", "needtype__slug", "needtype__area__slug"
    )
    for pk, need, area in need_links:
        if pk in position_of:
            add("need", need, position_of[pk])
            add("area_of_need", area, position_of[pk])
    category_links = ServicePage.categories.through.objects.filter(servicepage__live=True).values_list(
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
    return index
