"""The server the browser tests drive: test settings, but a real process serving static files itself."""

from .test import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
import os  # noqa: E402

# One cache for the server and the tests' manage.py commands, as Redis is for every process in production: a change
# the tests make from a shell (site settings, say) starts a new content version the server sees, and the site shell
# it remembered (localoffer/caching/version.py) is not served stale.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("BROWSER_CACHE_DIR", "/tmp/localoffer-browser-cache"),  # noqa: S108
    }
}
# Mail the server sends lands in files the tests can read (for links in confirmation emails).
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("BROWSER_MAIL_DIR", "/tmp/localoffer-browser-mail")  # noqa: S108
# The map's tile server: the browser tests start a second server with it (tests/browser/test_map_browser.py).
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "")
# "Check links now" in the browser tests checks links to the tests' own HTTP server on 127.0.0.1: the link checker
# alone may fetch it; the SENCO form still refuses private addresses (tests/browser/test_admin_browser.py).
LINK_HEALTH_ALLOW_PRIVATE = True
# runserver answers each request in a new thread: a connection kept for reuse (DB_CONN_MAX_AGE) would outlive its
# thread, and a browser run would leave dozens open, enough to refuse other tests' connections (max_connections).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
