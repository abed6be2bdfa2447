"""The test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# No map unless a test turns it on (override_settings), whatever the environment says.
MAP_TILES_URL = ""
MAP_ATTRIBUTION = ""
# Off for the suite (tests change rows behind the signals' back and read the page again); the page cache's own tests
# turn it on.
PAGE_CACHE_SECONDS = 0
