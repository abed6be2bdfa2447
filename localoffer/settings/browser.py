"""The server the browser tests drive: test settings, but a real process serving static files itself."""

from .test import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
import os  # noqa: E402

# Mail the server sends lands in files the tests can read (for links in confirmation emails).
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("BROWSER_MAIL_DIR", "/tmp/localoffer-browser-mail")  # noqa: S108
# The map's tile server: the browser tests start a second server with it (tests/browser/test_map_browser.py).
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "")
