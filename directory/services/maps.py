"""The map of directory results and of a service's venues: an enhancement, on only when the council names a tile
server (MAP_TILES_URL; README "Map"). The list on the page stays the primary view and says everything the map says.

This module decides whether there is a map, builds its markers (one per place, naming every service there) for
static/js/map.js, which reads them from a json_script block, and lets the page's Content-Security-Policy load images
from the tile server's one origin. Without the setting it adds nothing: no markup, no Leaflet, no third-party request,
the policy unchanged."""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http import HttpRequest, HttpResponseBase

# A host name or IPv4 address, or an IPv6 address in brackets; then an optional port. Nothing else reaches the
# Content-Security-Policy header (a ";" or a space in the setting would add directives of its own).
ORIGIN_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?|\[[0-9a-f:.]+\])(?::[0-9]{1,5})?$")
PLACEHOLDERS = ("{z}", "{x}", "{y}")
POSITION_DECIMALS = 5  # about a metre: venues this close share one marker


@dataclass(frozen=True)
class Tiles:
    url: str  # the template Leaflet fills in, "https://tiles.example.gov.uk/{z}/{x}/{y}.png"
    origin: str  # what the Content-Security-Policy allows, "https://tiles.example.gov.uk"
    attribution: str


def tile_origin(url: str) -> str | None:
    """The one origin (scheme://host[:port]) a tile address template fetches from, or None when it is not one we
    can use: not http(s), a placeholder or user name in the host, or without {z}, {x} and {y}."""
    url = url.strip()
    parts = urlsplit(url)
    netloc = parts.netloc.lower()
    if parts.scheme not in ("http", "https") or not ORIGIN_HOST.match(netloc):
        return None
    if not all(placeholder in url for placeholder in PLACEHOLDERS) or any(c in url for c in " \t\r\n\"'<>\\"):
        return None
    return f"{parts.scheme}://{netloc}"


def tiles() -> Tiles | None:
    """The configured tile server, or None: no map."""
    url = settings.MAP_TILES_URL.strip()
    origin = tile_origin(url) if url else None
    if origin is None:
        return None
    return Tiles(url=url, origin=origin, attribution=settings.MAP_ATTRIBUTION.strip())


def check_tiles_setting(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A system check: a MAP_TILES_URL we cannot use is said at start-up, rather than the map silently missing."""
    url = settings.MAP_TILES_URL.strip()
    if url and tile_origin(url) is None:
        return [
            checks.Warning(
                "MAP_TILES_URL is not a tile address the map can use, so no map is shown.",
                hint="Give one http(s) address with {z}, {x} and {y} and a fixed host (no {s}), for example "
                "https://tiles.example.gov.uk/{z}/{x}/{y}.png",
                id="directory.W001",
            )
        ]
    if url and not settings.MAP_ATTRIBUTION.strip():
        return [
            checks.Warning(
                "MAP_TILES_URL is set without MAP_ATTRIBUTION.",
                hint="Map tiles' licences ask for a credit on the map, such as "
                "'© OpenStreetMap contributors https://www.openstreetmap.org/copyright'.",
                id="directory.W002",
            )
        ]
    return []


def _position(venue: Any) -> tuple[Decimal, Decimal] | None:
    if venue.latitude is None or venue.longitude is None:
        return None
    lat, lng = round(Decimal(venue.latitude), POSITION_DECIMALS), round(Decimal(venue.longitude), POSITION_DECIMALS)
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return lat, lng


def _address_lines(venue: Any) -> list[str]:
    lines = [line.strip() for line in (venue.address or "").splitlines() if line.strip()]
    return [*lines, venue.postcode] if venue.postcode else lines


def _marker(position: tuple[Decimal, Decimal], name: str, lines: list[str], label: str, links: list[dict]) -> dict:
    return {
        "lat": float(position[0]),
        "lng": float(position[1]),
        "name": name,
        "lines": lines,
        "label": label,
        "links": links,
    }


def result_markers(services: Sequence[Any], request: HttpRequest | None, venues: dict[int, list[Any]]) -> list[dict]:
    """One marker per place where the services on one page of results meet (their venues with a map position), in
    the order of the list. Each names its place and links to every service there. `venues` is {service id: its
    venues in order} (cards.venues_of: one query); the services need only pk, title and get_url."""
    places: dict[tuple[Decimal, Decimal], dict] = {}
    for service in services:
        url = service.get_url(request=request)
        for venue in venues.get(service.pk, []):
            position = _position(venue)
            if position is None or url is None:
                continue
            place = places.setdefault(position, {"name": venue.name, "lines": _address_lines(venue), "links": []})
            if all(link["url"] != url for link in place["links"]):
                place["links"].append({"url": url, "text": service.title})
    markers = []
    for position, place in places.items():
        links = place["links"]
        if len(links) == 1:
            label = f"{links[0]['text']}, at {place['name']}"
        else:
            label = f"{len(links)} services at {place['name']}"
        markers.append(_marker(position, place["name"], place["lines"], label, links))
    return markers


def venue_markers(venues: Iterable[Any]) -> list[dict]:
    """One marker per venue of a service with a map position; each links to the venue's details on the page (the
    venue cards are numbered from 1 in the same order, id="venue-N")."""
    markers = []
    for number, venue in enumerate(venues, start=1):
        position = _position(venue)
        if position is None:
            continue
        link = {"url": f"#venue-{number}", "text": f"Details of {venue.name}"}
        markers.append(_marker(position, venue.name, _address_lines(venue), venue.name, [link]))
    return markers


def map_context(markers: list[dict], tiles: Tiles | None) -> dict:
    """What a page's template needs for its map ("map", read by templates/directory/includes/map.html), or nothing
    when there is no tile server or nothing to put on the map."""
    if tiles is None or not markers:
        return {}
    return {"map": {"tiles": tiles.url, "attribution": tiles.attribution, "markers": markers}}


def allow_tiles(response: HttpResponseBase) -> HttpResponseBase:
    """Let a page that shows a map load images from the tile server (the Content-Security-Policy's img-src gains
    that one origin). Pages without a map keep the site's policy unchanged."""
    context = getattr(response, "context_data", None) or {}
    configured = tiles()
    if context.get("map") and configured is not None:
        update: dict = getattr(response, "_csp_update", None) or {}
        update["img-src"] = [*update.get("img-src", []), configured.origin]
        response._csp_update = update  # type: ignore[attr-defined]  # read by django-csp's middleware
    return response
