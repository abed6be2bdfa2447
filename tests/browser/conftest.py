"""Browser tests: a real server (on a copy of the database with the demo content, loaded once per run) driven by Debian's Chromium
through Playwright, with axe-core checking accessibility.

The server runs in its own process against its own database, so browser tests see the site as a family does
and never share a transaction with the test that drives them."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import require, scratch_database

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_SITE_URL = "https://localoffer.northbrook.example"
VIEWPORTS = {"mobile": {"width": 320, "height": 720}, "desktop": {"width": 1280, "height": 900}}
CHROMIUM_CANDIDATES = [os.environ.get("CHROMIUM_PATH", ""), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium():
    return next((path for path in CHROMIUM_CANDIDATES if path and os.path.exists(path)), None)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SiteServer:
    """The running site: its base URL, the folder its emails land in, and its environment (for manage.py)."""

    def __init__(self, url, mail_dir, env):
        self.url = url
        self.mail_dir = mail_dir
        self.env = env

    def manage(self, *args):
        """Run a management command against the server's database (to set up or inspect data)."""
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout


def wait_for(url, process, log_path, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                tail = Path(log_path).read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the server did not start; the end of {log_path}:\n{tail}") from None
            time.sleep(0.3)


@pytest.fixture(scope="session")
def site_server():
    """Start the site on a free port with the demo content (a copy of the run's demo template); yield a SiteServer."""
    tmp_dir = tempfile.mkdtemp(prefix="localoffer-browser-")
    with scratch_database(tmp_dir, demo=True) as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "localoffer.settings.browser",
            "MEDIA_ROOT": f"{tmp_dir}/media",
            "BROWSER_MAIL_DIR": f"{tmp_dir}/mail",
            "BROWSER_CACHE_DIR": f"{tmp_dir}/cache",  # shared by the server and manage(): settings/browser.py
            "MAP_TILES_URL": "",  # no map here, whatever the environment says (test_map_browser.py turns it on)
            "PUBLIC_SITE_URL": PUBLIC_SITE_URL,  # printouts show this, never the server's own address
        }
        manage = [sys.executable, str(ROOT / "manage.py")]
        port = free_port()
        log_path = f"{tmp_dir}/server.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
                env=env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            base_url = f"http://127.0.0.1:{port}"
            wait_for(f"{base_url}/healthz", server, log_path)
            yield SiteServer(base_url, Path(tmp_dir) / "mail", env)
            server.terminate()
            server.wait(10)
    shutil.rmtree(tmp_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium():
    executable = find_chromium()
    require(executable, "Chromium not found: install Debian's chromium package to run the browser tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API leaves its event loop marked as running in this thread for the rest of the session, and
    # Django then refuses database work here ("You cannot call this from an async context"), in the tests that share
    # a worker with the browser tests too. Nothing runs concurrently in this thread, so the check is switched off.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request):
    return request.param


@contextmanager
def signed_in_officer(site_server, chromium, username, password):
    """A browser context signed in to the admin as a new superuser (one sign-in for a module keeps tests fast)."""
    site_server.manage("ensure_admin", "--username", username, "--password", password)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site_server.url + "/admin/")
    page.close()
    yield context
    context.close()


@pytest.fixture(scope="module")
def officer_context(site_server, chromium, request):
    """Signed in as the test module's OFFICER (username, password), once a module. Each module names its own: signing
    in again with a new password (ensure_admin sets one each time) would sign out another module's browser."""
    username, password = request.module.OFFICER
    with signed_in_officer(site_server, chromium, username, password) as context:
        yield context


@pytest.fixture
def officer_page(officer_context):
    """A new tab of the module's signed-in officer (blank: go to the page the test starts on)."""
    page = officer_context.new_page()
    yield page
    page.close()


def new_page(chromium, viewport="desktop", javascript=True):
    context = chromium.new_context(viewport=VIEWPORTS[viewport], java_script_enabled=javascript)
    return context.new_page()


@pytest.fixture
def page(chromium, viewport):
    """A page at the parametrised viewport (320px and 1280px), JavaScript on."""
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    yield context.new_page()
    context.close()


@pytest.fixture
def nojs_page(chromium):
    """A desktop page with JavaScript disabled: every public page must work like this.

    axe-core and page.evaluate need JavaScript, so accessibility is checked on the `page` fixture instead."""
    context = chromium.new_context(viewport=VIEWPORTS["desktop"], java_script_enabled=False)
    yield context.new_page()
    context.close()


_axe = Axe()


def assert_accessible(page):
    """Zero axe-core violations on the page as it stands."""
    results = _axe.run(page)
    assert results.violations_count == 0, f"axe violations on {page.url}:\n{results.generate_report()}"
