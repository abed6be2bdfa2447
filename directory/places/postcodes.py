"""Reading a postcode someone typed, and finding where it is.

    >>> normalise_postcode(" nb4  2ef ")
    'NB4 2EF'
    >>> lookup("NB4 2EF")      # raises PostcodeError (with a message for the person) if it cannot be used
    Place(label='NB4 2EF', point=Point(latitude=53.4825, longitude=-2.201), district=False)

A full postcode is its centroid; the first half alone (a district, "NB4") is the mean of its postcodes still in
use. A postcode ONSPD marks terminated is refused with its own message: it no longer names a place."""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Protocol

from django.conf import settings
from django.db.models import Avg, Count

from .geo import Point
from .models import Postcode

# Every UK postcode shape (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA), and GIR 0AA; ASCII only, so
# full-width or other scripts' digits are never read as numbers.
OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
FULL = re.compile(rf"(?:{OUTWARD}[0-9][A-Z]{{2}}|GIR0AA)", re.ASCII)
DISTRICT = re.compile(OUTWARD, re.ASCII)
MAX_INPUT_LENGTH = 16  # a postcode with generous spaces; anything longer is not one

ErrorCode = Literal["invalid", "unknown", "terminated"]

MESSAGES: dict[ErrorCode, str] = {
    "invalid": "Enter a full postcode, like {example}, or just the first half, like {example_district}",
    "unknown": "We cannot find {postcode}. Check the postcode, or enter just the first half, like {district}",
    "terminated": "{postcode} is no longer used. Enter your current postcode, or just the first half, like {district}",
}


class PostcodeError(ValueError):
    """A postcode that cannot be used: `code` says why, `message` says it to the person who typed it."""

    def __init__(self, code: ErrorCode, postcode: str = "") -> None:
        self.code: ErrorCode = code
        self.postcode = postcode
        example: str = settings.POSTCODE_EXAMPLE
        self.message = MESSAGES[code].format(
            postcode=postcode,
            district=outward_code(postcode),
            example=example,
            example_district=outward_code(example),
        )
        super().__init__(self.message)


@dataclass(frozen=True)
class Place:
    label: str  # the normalised postcode or district, as the page shows it back
    point: Point
    district: bool  # True: the centre of a whole district (the first half of a postcode)


def normalise_postcode(text: str) -> str | None:
    """A full postcode in its one written form (capitals, one space before the last three characters), a district
    (the first half) in capitals, or None if the text is neither."""
    text = text.strip()
    if len(text) > MAX_INPUT_LENGTH:
        return None
    compact = "".join(text.split()).upper()
    if FULL.fullmatch(compact):
        return f"{compact[:-3]} {compact[-3:]}"
    if DISTRICT.fullmatch(compact) and compact == text.upper():  # a district is one word: "NB4 2" is neither
        return compact
    return None


def is_full_postcode(postcode: str) -> bool:
    """For a normalised postcode: a whole one (True) or a district (False)."""
    return " " in postcode


def outward_code(postcode: str) -> str:
    """The first half of a normalised postcode (its district): "NB4 2EF" -> "NB4"."""
    return postcode.split(" ")[0]


def lookup(text: str) -> Place:
    """Where a typed postcode or district is, or PostcodeError ("invalid", "unknown" or "terminated"). One query."""
    postcode = normalise_postcode(text)
    if postcode is None:
        raise PostcodeError("invalid")
    if is_full_postcode(postcode):
        row = Postcode.objects.filter(postcode=postcode).values_list("latitude", "longitude", "terminated").first()
        if row is None:
            raise PostcodeError("unknown", postcode)
        latitude, longitude, terminated = row
        if terminated:
            raise PostcodeError("terminated", postcode)
        return Place(postcode, Point(latitude, longitude), district=False)
    centre = Postcode.objects.filter(outward=postcode, terminated=False).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude"), count=Count("pk")
    )
    if not centre["count"]:
        raise PostcodeError("unknown", postcode)
    return Place(postcode, Point(centre["latitude"], centre["longitude"]), district=True)


def centroids(postcodes: list[str]) -> dict[str, Point]:
    """{normalised postcode: centroid} for those of the given postcodes (as typed or stored) that are known and in
    use, in one query: for placing many venues or schools at once."""
    wanted = {p for p in (normalise_postcode(text) for text in postcodes) if p and is_full_postcode(p)}
    rows = Postcode.objects.filter(postcode__in=wanted, terminated=False).values_list(
        "postcode", "latitude", "longitude"
    )
    return {postcode: Point(latitude, longitude) for postcode, latitude, longitude in rows}


class Positioned(Protocol):
    """A model with a postcode and a map position (a service's venue)."""

    postcode: str
    latitude: Any  # Decimal or float, or None
    longitude: Any
    located_from: str  # the postcode whose centroid filled latitude and longitude, or "" if someone typed them


def fill_position(place: Positioned) -> None:
    """Set a venue's map position from its postcode, unless someone typed one (theirs wins).

    A position is filled when there is none; one filled earlier follows the postcode when it changes (if it was
    edited by hand since, it is kept and counts as typed). An unknown postcode leaves a filled position empty."""
    postcode = normalise_postcode(place.postcode or "") or ""
    has_position = place.latitude is not None and place.longitude is not None
    if has_position and (not place.located_from or place.located_from == postcode):
        return
    if has_position:
        earlier = centroids([place.located_from]).get(place.located_from)
        if earlier is None or not _same_point(place.latitude, place.longitude, earlier):
            place.located_from = ""  # moved by hand: theirs now
            return
    point = centroids([postcode]).get(postcode) if postcode else None
    if point is None:
        if place.located_from:
            place.latitude = place.longitude = None
        place.located_from = ""
        return
    place.latitude = Decimal(f"{point.latitude:.6f}")
    place.longitude = Decimal(f"{point.longitude:.6f}")
    place.located_from = postcode


def _same_point(latitude: Any, longitude: Any, point: Point) -> bool:
    return abs(float(latitude) - point.latitude) < 2e-6 and abs(float(longitude) - point.longitude) < 2e-6
