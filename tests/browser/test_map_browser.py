"""The map (README "Map") in a real browser. The shared demo server runs without a tile server, so it shows no map;
a second, lighter server process (no demo load: it reads the shared server's database) runs with MAP_TILES_URL
pointing at a tile server this module serves itself on the loopback address, so no test reaches the internet."""

import io
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser.conftest import ROOT, VIEWPORTS, SiteServer, assert_accessible, free_port, wait_for

pytestmark = pytest.mark.browser

RESULTS = "/services/?age=7"
SERVICE = "/services/autism-social-club/"


def tile_png():
    """A 256px map tile: pale green with a road-grey grid, so a screenshot looks like a map."""
    image = Image.new("RGB", (256, 256), (228, 238, 222))
    draw = ImageDraw.Draw(image)
    for at in (0, 128):
        draw.line([(at, 0), (at, 255)], fill=(200, 200, 200), width=3)
        draw.line([(0, at), (255, at)], fill=(200, 200, 200), width=3)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


class TileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), TileHandler)
        self.tile = tile_png()
        self.paths = []
        self.origin = f"http://127.0.0.1:{self.server_address[1]}"


class TileHandler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.server.tile)))
        self.end_headers()
        self.wfile.write(self.server.tile)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def tile_server():
    server = TileServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def map_server(site_server, tile_server, tmp_path_factory):
    """The site again, on the shared server's database, with the map's tile server configured."""
    env = {
        **site_server.env,
        "MAP_TILES_URL": f"{tile_server.origin}/tiles/{{z}}/{{x}}/{{y}}.png",
        "MAP_ATTRIBUTION": "© Test Tiles https://tiles.example.org/copyright",
    }
    port = free_port()
    log_path = tmp_path_factory.mktemp("map-server") / "server.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_for(f"{url}/healthz", server, log_path)
            yield SiteServer(url, site_server.mail_dir, env)
        finally:
            server.terminate()
            server.wait(10)


def open_with_map(page, url):
    """Load a page with a map and wait until its pins and tiles are drawn."""
    response = page.goto(url)
    assert response.status == 200
    page.wait_for_selector(".map__canvas .leaflet-marker-icon")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.leaflet-tile')].some(t => t.complete && t.naturalWidth === 256)"
    )


def test_the_map_appears_only_when_tiles_are_configured(site_server, map_server, chromium):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for url in (RESULTS, SERVICE):
        assert page.goto(site_server.url + url).status == 200
        assert page.locator(".map, #map-data").count() == 0, url
    assert not [u for u in requested if "leaflet" in u or "map.js" in u or not u.startswith(site_server.url)]

    for url in (RESULTS, SERVICE):
        open_with_map(page, map_server.url + url)
        assert page.locator(".map").is_visible()
        assert page.get_by_role("region", name="Map of").count() == 1
        assert page.locator(".map__attribution").inner_text() == "Map: © Test Tiles https://tiles.example.org/copyright"
    context.close()

    # Without JavaScript the map's box stays hidden and the list is all there is.
    context = chromium.new_context(viewport=VIEWPORTS["desktop"], java_script_enabled=False)
    page = context.new_page()
    page.goto(map_server.url + RESULTS)
    assert page.locator(".map").count() == 1 and not page.locator(".map").is_visible()
    assert page.locator(".results__item").count() > 0
    context.close()


def test_every_marker_links_to_a_result_and_works_by_keyboard(map_server, chromium):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    open_with_map(page, map_server.url + RESULTS)
    results = {a.get_attribute("href") for a in page.locator(".results__item h3 a").all()}
    pins = page.locator(".map__canvas .leaflet-marker-icon")
    assert 1 < pins.count() <= len(results)
    linked = set()
    for index in range(pins.count()):
        pin = pins.nth(index)
        name = pin.get_attribute("alt")
        assert name and name != "Marker" and pin.get_attribute("role") == "button"
        assert pin.get_attribute("tabindex") == "0"
        pin.focus()
        page.keyboard.press("Enter" if index % 2 else " ")
        popup = page.locator(".leaflet-popup")
        popup.wait_for()
        links = [a.get_attribute("href") for a in popup.locator(".map-popup a").all()]
        assert links and set(links) <= results, name
        assert page.evaluate("document.activeElement.getAttribute('href')") == links[0]  # focus moved into it
        linked.update(links)
        page.keyboard.press("Escape")
        popup.wait_for(state="detached")
        assert page.evaluate("document.activeElement.getAttribute('alt')") == name  # and back to its pin
    # Every result with a venue on the map is reachable from a pin; following a pin's link opens that service.
    assert linked
    pins.first.click()
    first = page.locator(".leaflet-popup .map-popup a").first
    title = first.inner_text()
    expect(first).to_be_visible()
    # The link itself, not a point on the screen: the popup pans the map as it opens, and on a loaded machine a click
    # by position could land on the moving map instead (CI).
    first.evaluate("link => link.click()")
    expect(page.locator("h1")).to_have_text(title)  # waits for the service page: the click only starts the navigation
    context.close()


def test_tiles_come_only_from_the_configured_origin(map_server, tile_server, chromium):
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    before = len(tile_server.paths)
    for url in (RESULTS, SERVICE):
        open_with_map(page, map_server.url + url)
    elsewhere = [u for u in requested if not u.startswith((map_server.url + "/", tile_server.origin + "/"))]
    assert not elsewhere
    tiles = [u for u in requested if u.startswith(tile_server.origin)]
    assert tiles and all(urlsplit(u).path.startswith("/tiles/") for u in tiles)
    assert len(tile_server.paths) > before
    assert not blocked
    context.close()


@pytest.mark.parametrize("url", [RESULTS, SERVICE])
def test_pages_with_the_map_have_no_axe_violations(map_server, page, url):
    open_with_map(page, map_server.url + url)
    assert_accessible(page)
    page.locator(".map__canvas .leaflet-marker-icon").first.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for()
    # Leaflet fades a popup in: axe measured half-faded text as too faint. Wait until it is fully shown.
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    assert_accessible(page)  # with a popup open
