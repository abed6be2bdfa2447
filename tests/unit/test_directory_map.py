"""The map's tile setting (directory/services/maps.py): only an address on one fixed origin turns the map on, nothing
in it can reach the Content-Security-Policy header but that origin; and the Leaflet we serve is the one npm pinned."""

import json
import re
from pathlib import Path

import pytest
from django.test import override_settings

from directory.services import maps

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tiles.example.gov.uk/{z}/{x}/{y}.png", "https://tiles.example.gov.uk"),
        ("https://Tiles.Example.org:8443/osm/{z}/{x}/{y}@2x.png?key=abc", "https://tiles.example.org:8443"),
        ("http://127.0.0.1:9000/{z}/{x}/{y}.png", "http://127.0.0.1:9000"),
        ("https://[::1]:9000/{z}/{y}/{x}", "https://[::1]:9000"),
        ("  https://tiles.example.org/{z}/{x}/{y}.png  ", "https://tiles.example.org"),
    ],
)
def test_a_tile_address_on_one_origin_is_used(url, origin):
    assert maps.tile_origin(url) == origin


@pytest.mark.parametrize(
    "url",
    [
        "https://{s}.tile.example.org/{z}/{x}/{y}.png",  # several hosts: the policy would need a wildcard
        "https://*.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org;script-src */{z}/{x}/{y}.png",  # would add a directive to the policy
        "https://tiles.example.org script-src/{z}/{x}/{y}.png",
        "https://user:secret@tiles.example.org/{z}/{x}/{y}.png",
        "ftp://tiles.example.org/{z}/{x}/{y}.png",
        "javascript:alert(1)//{z}/{x}/{y}",
        "//tiles.example.org/{z}/{x}/{y}.png",
        "https://tiles.example.org/tiles.png",  # no {z}/{x}/{y}
        'https://tiles.example.org/{z}/{x}/{y}.png"onerror=',
        "https://tiles.example.org:99999999/{z}/{x}/{y}.png",
        "",
    ],
)
def test_any_other_tile_address_turns_the_map_off(url):
    assert maps.tile_origin(url) is None
    with override_settings(MAP_TILES_URL=url):
        assert maps.tiles() is None
        assert maps.map_context([{"lat": 1, "lng": 2}], maps.tiles()) == {}


def test_a_start_up_check_says_when_the_setting_cannot_be_used_or_lacks_its_credit():
    with override_settings(MAP_TILES_URL="", MAP_ATTRIBUTION=""):
        assert maps.check_tiles_setting() == []
    with override_settings(MAP_TILES_URL="https://{s}.tile.example.org/{z}/{x}/{y}.png"):
        assert [w.id for w in maps.check_tiles_setting()] == ["directory.W001"]
    with override_settings(MAP_TILES_URL="https://tiles.example.org/{z}/{x}/{y}.png", MAP_ATTRIBUTION=""):
        assert [w.id for w in maps.check_tiles_setting()] == ["directory.W002"]
    with override_settings(MAP_TILES_URL="https://tiles.example.org/{z}/{x}/{y}.png", MAP_ATTRIBUTION="© Us"):
        assert maps.check_tiles_setting() == []


def test_the_leaflet_in_static_is_the_version_package_lock_pins():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    pinned = lock["packages"]["node_modules/leaflet"]["version"]
    assert json.loads((ROOT / "package.json").read_text())["dependencies"]["leaflet"] == pinned
    vendored = ROOT / "static" / "vendor" / "leaflet"
    assert re.search(r'\.version="([^"]+)"', (vendored / "leaflet.js").read_text()).group(1) == pinned
    for name in ["leaflet.css", "leaflet.js.map", "LICENSE", "images/marker-icon.png", "images/layers.png"]:
        assert (vendored / name).is_file(), name
