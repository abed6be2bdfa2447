"""Points on the Earth and the distances between them (WGS84 latitude and longitude in degrees)."""

import math
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.8  # the mean radius (IUGG), 6,371.0 km
MILES_PER_DEGREE_LATITUDE = EARTH_RADIUS_MILES * math.pi / 180  # about 69.1
METRES_PER_MILE = 1609.344


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


def distance_miles(a: Point, b: Point) -> float:
    """The great-circle distance (haversine) in miles: within 0.5% of the true distance on the ellipsoid, far closer
    than a postcode centroid is to any door."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlng = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def distance_metres(a: Point, b: Point) -> float:
    return distance_miles(a, b) * METRES_PER_MILE


def bounding_box(centre: Point, miles: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) in degrees: every point within `miles` of `centre` lies inside (a cheap first
    test before the exact distance). Valid away from the poles, which a UK directory never nears."""
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    cos_lat = max(
        0.01, math.cos(math.radians(centre.latitude) + math.radians(dlat) * (1 if centre.latitude > 0 else -1))
    )
    dlng = dlat / cos_lat
    return centre.latitude - dlat, centre.latitude + dlat, centre.longitude - dlng, centre.longitude + dlng


def unit_vector(point: Point) -> tuple[float, float, float]:
    """The point as a unit vector from the Earth's centre: the straight-line (chord) distance between two of these
    gives the great-circle distance exactly (`miles_from_chord`), with no trigonometry per pair."""
    lat, lng = math.radians(point.latitude), math.radians(point.longitude)
    return (math.cos(lat) * math.cos(lng), math.cos(lat) * math.sin(lng), math.sin(lat))


def chord_squared_within(miles: float) -> float:
    """The squared chord between unit vectors `miles` apart along the surface: a pair is within `miles` exactly
    when its squared chord is at most this."""
    return (2 * math.sin(min(miles / EARTH_RADIUS_MILES, math.pi) / 2)) ** 2


def miles_from_chord(chord_squared: float) -> float:
    """The great-circle distance for a squared chord between unit vectors (the haversine's own formula)."""
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(chord_squared) / 2))
