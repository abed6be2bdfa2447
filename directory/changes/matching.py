"""Whether a logged change matches a directory search: the directory's filters (DirectoryFilterSet.active) and its
search words, applied to the facets a change kept of its service at the time (record.facets). What's new, its feed
and the email alerts all filter with this, so a search means the same in each.

The directory ranks search words with the full-text index; here every word must appear in the service's name,
summary, organisation, need types or categories (ignoring case), which is what a family expects of a short list."""

from collections.abc import Iterable, Mapping
from typing import Any

ANY_OF = ("age_band", "need", "area_of_need", "tier", "category", "delivery", "locality", "area")


def matches(facets: Mapping[str, Any], active: Mapping[str, Any], keyword: str = "") -> bool:
    for group, value in active.items():
        if group == "age":
            low, high = facets.get("min_age"), facets.get("max_age")
            if low is None or high is None or not low <= value <= high:
                return False
        elif group in ("free", "self_referral"):
            if not facets.get(group):
                return False
        elif group in ANY_OF:
            if not set(value) & set(facets.get(group) or ()):
                return False
    if keyword:
        words = str(facets.get("words", "")).casefold()
        if not all(word in words for word in keyword.casefold().split()):
            return False
    return True


def matching(changes: Iterable[Any], active: Mapping[str, Any], keyword: str = "") -> list[Any]:
    return [change for change in changes if matches(change.facets, active, keyword)]
