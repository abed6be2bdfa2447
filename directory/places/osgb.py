"""British National Grid eastings and northings (OSGB36) to WGS84 latitude and longitude, for Code-Point Open.

The method is Ordnance Survey's "A guide to coordinate systems in Great Britain" (v3.6): the inverse Transverse
Mercator projection on the Airy 1830 ellipsoid (Annex C), then the seven-parameter Helmert transformation from
OSGB36 to WGS84 (section 6.6, its parameters inverted). It is good to about 5 metres across Great Britain, far
closer than a postcode centroid is to any door; OSTN15 (pyproj with its grid files, 20 MB more) would be good to
centimetres, which a search by distance cannot use. Northern Ireland's Irish Grid is not handled: Code-Point Open
covers Great Britain only (ONSPD gives every postcode's latitude and longitude directly)."""

import math

from .geo import Point

# Airy 1830 (OSGB36) and GRS80/WGS84 ellipsoids: semi-major and semi-minor axes in metres.
AIRY_A, AIRY_B = 6377563.396, 6356256.909
WGS84_A, WGS84_B = 6378137.000, 6356752.3141
# The National Grid's projection: scale on the central meridian, true origin and false origin.
F0 = 0.9996012717
LAT0, LNG0 = math.radians(49), math.radians(-2)
E0, N0 = 400000.0, -100000.0
# OSGB36 -> WGS84: the guide's WGS84 -> OSGB36 parameters with their signs reversed.
TX, TY, TZ = 446.448, -125.157, 542.060  # metres
SCALE = -20.4894e-6  # parts per million
ARCSEC = math.pi / (180 * 3600)
RX, RY, RZ = 0.1502 * ARCSEC, 0.2470 * ARCSEC, 0.8421 * ARCSEC


def grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    """(latitude, longitude) in radians on the Airy ellipsoid (the guide's Annex C, equations C1 to C11)."""
    a, b = AIRY_A, AIRY_B
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    lat = LAT0
    meridional = 0.0
    while True:
        lat = (northing - N0 - meridional) / (a * F0) + lat
        meridional = _meridional_arc(b, n, lat)
        if abs(northing - N0 - meridional) < 0.00001:  # 0.01 mm
            break
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * F0 / math.sqrt(1 - e2 * sin_lat * sin_lat)
    rho = a * F0 * (1 - e2) / (1 - e2 * sin_lat * sin_lat) ** 1.5
    eta2 = nu / rho - 1
    sec_lat = 1 / cos_lat
    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * tan_lat**2 + eta2 - 9 * tan_lat**2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * tan_lat**2 + 45 * tan_lat**4)
    x = sec_lat / nu
    xi = sec_lat / (6 * nu**3) * (nu / rho + 2 * tan_lat**2)
    xii = sec_lat / (120 * nu**5) * (5 + 28 * tan_lat**2 + 24 * tan_lat**4)
    xiia = sec_lat / (5040 * nu**7) * (61 + 662 * tan_lat**2 + 1320 * tan_lat**4 + 720 * tan_lat**6)
    de = easting - E0
    latitude = lat - vii * de**2 + viii * de**4 - ix * de**6
    longitude = LNG0 + x * de - xi * de**3 + xii * de**5 - xiia * de**7
    return latitude, longitude


def _meridional_arc(b: float, n: float, lat: float) -> float:
    dl, sl = lat - LAT0, lat + LAT0
    return (
        b
        * F0
        * (
            (1 + n + 5 / 4 * n**2 + 5 / 4 * n**3) * dl
            - (3 * n + 3 * n**2 + 21 / 8 * n**3) * math.sin(dl) * math.cos(sl)
            + (15 / 8 * n**2 + 15 / 8 * n**3) * math.sin(2 * dl) * math.cos(2 * sl)
            - 35 / 24 * n**3 * math.sin(3 * dl) * math.cos(3 * sl)
        )
    )


def _to_cartesian(lat: float, lng: float, a: float, b: float) -> tuple[float, float, float]:
    e2 = 1 - (b * b) / (a * a)
    nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
    return (
        nu * math.cos(lat) * math.cos(lng),
        nu * math.cos(lat) * math.sin(lng),
        (1 - e2) * nu * math.sin(lat),
    )


def _from_cartesian(x: float, y: float, z: float, a: float, b: float) -> tuple[float, float]:
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    for _ in range(10):  # converges to well under a millimetre in three or four
        nu = a / math.sqrt(1 - e2 * math.sin(lat) ** 2)
        lat = math.atan2(z + e2 * nu * math.sin(lat), p)
    return lat, math.atan2(y, x)


def grid_to_wgs84(easting: float, northing: float) -> Point:
    """A National Grid reference in metres (Code-Point Open's Eastings and Northings) as a WGS84 point."""
    lat, lng = grid_to_osgb36(easting, northing)
    x, y, z = _to_cartesian(lat, lng, AIRY_A, AIRY_B)
    s = 1 + SCALE
    x2 = TX + s * x - RZ * y + RY * z
    y2 = TY + RZ * x + s * y - RX * z
    z2 = TZ - RY * x + RX * y + s * z
    lat2, lng2 = _from_cartesian(x2, y2, z2, WGS84_A, WGS84_B)
    return Point(round(math.degrees(lat2), 6), round(math.degrees(lng2), 6))
