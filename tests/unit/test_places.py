"""Postcodes as people type them, distances, and National Grid references (directory/places/): no database."""

import math

import pytest

from directory.places.geo import (
    Point,
    bounding_box,
    chord_squared_within,
    distance_miles,
    miles_from_chord,
    unit_vector,
)
from directory.places.osgb import grid_to_osgb36, grid_to_wgs84
from directory.places.postcodes import normalise_postcode, outward_code


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("NB4 2EF", "NB4 2EF"),
        (" nb4  2ef ", "NB4 2EF"),
        ("nb42ef", "NB4 2EF"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("sw1a1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("GIR 0AA", "GIR 0AA"),
        ("NB4", "NB4"),
        (" sw1a ", "SW1A"),
        ("M1", "M1"),
        ("NB4\t2EF", "NB4 2EF"),
    ],
)
def test_postcodes_and_districts_are_normalised(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "NB",
        "4EF",
        "NB4 2E",
        "NB4 2",
        "NB4 2EFF",
        "NB44 22EF",
        "12345",
        "NB4-2EF",
        "NB4 2ÉF",
        "ＮＢ４ ２ＥＦ",  # full-width letters and digits
        "NB٤ 2EF",  # an Arabic-Indic four
        "NB4\x002EF",
        "<script>",
        "' OR 1=1 --",
        "NB4" + " " * 20 + "2EF",
        "x" * 10_000,
    ],
)
def test_anything_else_is_not_a_postcode(typed):
    assert normalise_postcode(typed) is None


def test_outward_code_is_the_first_half():
    assert outward_code("NB4 2EF") == "NB4"
    assert outward_code("SW1A 1AA") == "SW1A"
    assert outward_code("NB4") == "NB4"


def _ellipsoidal_miles(a, b):
    """An independent check for short distances: the WGS84 ellipsoid's meridional and prime-vertical radii of
    curvature at the mid-latitude, on a flat plane (good to far better than 0.01 mile under 30 miles)."""
    major, flattening = 6378137.0, 1 / 298.257223563
    e2 = flattening * (2 - flattening)
    mid = math.radians((a.latitude + b.latitude) / 2)
    meridional = major * (1 - e2) / (1 - e2 * math.sin(mid) ** 2) ** 1.5
    prime_vertical = major / math.sqrt(1 - e2 * math.sin(mid) ** 2)
    north = math.radians(b.latitude - a.latitude) * meridional
    east = math.radians(b.longitude - a.longitude) * prime_vertical * math.cos(mid)
    return math.hypot(north, east) / 1609.344


KNOWN_PAIRS = [
    # Demo venues: Northbrook Civic Centre to Eastfield Family Hub, Westmoor, Southgate.
    (Point(53.48, -2.24), Point(53.4825, -2.201)),
    (Point(53.48, -2.24), Point(53.4781, -2.2895)),
    (Point(53.4825, -2.201), Point(53.4519, -2.2368)),
    # Buckingham Palace (SW1A 1AA) to 10 Downing Street (SW1A 2AA); Manchester Piccadilly to Stockport station.
    (Point(51.501009, -0.141588), Point(51.503540, -0.127695)),
    (Point(53.477, -2.2309), Point(53.4055, -2.1631)),
    # 25 miles due east and north-east of Leeds, and across the Inverness meridian.
    (Point(53.8008, -1.5491), Point(53.8008, -0.8610)),
    (Point(53.8008, -1.5491), Point(54.0600, -1.1100)),
    (Point(57.4778, -4.2247), Point(57.3000, -4.4500)),
]


@pytest.mark.parametrize(("a", "b"), KNOWN_PAIRS)
def test_distances_are_right_to_a_tenth_of_a_mile(a, b):
    expected = _ellipsoidal_miles(a, b)
    assert abs(distance_miles(a, b) - expected) < 0.1, (distance_miles(a, b), expected)
    assert distance_miles(a, b) == pytest.approx(distance_miles(b, a))


def test_long_distances_and_degenerate_ones():
    # Land's End to John o' Groats: 603 miles as the crow flies.
    assert distance_miles(Point(50.0657, -5.7132), Point(58.6373, -3.0689)) == pytest.approx(603, abs=3)
    # One degree of latitude is about 69 miles.
    assert distance_miles(Point(53.0, -2.0), Point(54.0, -2.0)) == pytest.approx(69.1, abs=0.1)
    assert distance_miles(Point(53.48, -2.24), Point(53.48, -2.24)) == 0


@pytest.mark.parametrize("miles", [1, 3, 5, 10, 25])
def test_the_bounding_box_holds_every_point_within_the_distance(miles):
    centre = Point(53.48, -2.24)
    south, north, west, east = bounding_box(centre, miles)
    for bearing in range(0, 360, 5):
        # A point just inside the distance on each bearing (small-distance spherical offsets).
        d = (miles * 0.999) / 3958.8
        lat1, lng1, theta = math.radians(centre.latitude), math.radians(centre.longitude), math.radians(bearing)
        lat2 = math.asin(math.sin(lat1) * math.cos(d) + math.cos(lat1) * math.sin(d) * math.cos(theta))
        lng2 = lng1 + math.atan2(
            math.sin(theta) * math.sin(d) * math.cos(lat1), math.cos(d) - math.sin(lat1) * math.sin(lat2)
        )
        point = Point(math.degrees(lat2), math.degrees(lng2))
        assert distance_miles(centre, point) <= miles
        assert south <= point.latitude <= north and west <= point.longitude <= east, bearing


def test_national_grid_inverse_projection_matches_ordnance_surveys_worked_example():
    # "A guide to coordinate systems in Great Britain", Annex C: E 651409.903, N 313177.270 is
    # 52° 39' 27.2531" N, 1° 43' 4.5177" E on OSGB36.
    lat, lng = grid_to_osgb36(651409.903, 313177.270)
    assert math.degrees(lat) == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-7)
    assert math.degrees(lng) == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-7)


def test_national_grid_to_wgs84_agrees_with_onspd():
    # SW1A 1AA in ONSPD: oseast1m 529090, osnrth1m 179645, lat 51.501009, long -0.141588 (ONSPD's own conversion).
    point = grid_to_wgs84(529090, 179645)
    assert distance_miles(point, Point(51.501009, -0.141588)) < 0.01  # 16 metres


@pytest.mark.parametrize(("a", "b"), KNOWN_PAIRS)
def test_the_chord_between_unit_vectors_gives_the_same_distance(a, b):
    # The facet index compares venues by chord (no trigonometry per venue): it must agree with distance_miles.
    ua, ub = unit_vector(a), unit_vector(b)
    chord = sum((p - q) ** 2 for p, q in zip(ua, ub, strict=True))
    assert miles_from_chord(chord) == pytest.approx(distance_miles(a, b), abs=1e-9)
    assert chord <= chord_squared_within(distance_miles(a, b) + 1e-9)
    assert chord > chord_squared_within(distance_miles(a, b) - 1e-6)
