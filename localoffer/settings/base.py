"""Settings shared by every environment. Everything that differs between a laptop and production comes from
the environment (12-factor); see README.md for the variables."""

import os
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return int(value)


def env_float(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return float(value)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "localoffer",
    "directory",
    "feedback",
    "demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: /healthz answers whatever the Host header says; then every other request gets its id and log line.
    "localoffer.middleware.HealthCheckMiddleware",
    "localoffer.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "localoffer.middleware.PreviewFramingMiddleware",  # previews may be framed by the admin, nothing else
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Whole pages for visitors without a session, before sessions, CSRF and authentication (a hit skips them).
    "localoffer.caching.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The request's Wagtail site and its home page, remembered under the content version (no queries once known).
    "localoffer.caching.middleware.SiteMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "localoffer.urls"
WSGI_APPLICATION = "localoffer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite file by default so a newcomer needs no server; PostgreSQL (production, CI) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker (bin/worker) may write to one SQLite file at once: each transaction takes the
    # write lock when it begins and waits up to 20 s for it, rather than failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache (rate limits, Wagtail's site lookups): Redis when REDIS_URL is set, shared by every worker. Otherwise
# production uses the database cache (production.py; its table is made by createcachetable in the release step) and
# a laptop per-process memory, as runserver is one process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, object]]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Email: console in development; SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Local Offer <localoffer@example.org>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Background work: django-tasks. TASKS_BACKEND names the backend. Immediate here (development): a task runs inside
# the request that queues it. Production defaults to the database queue that bin/worker runs
# ("django_tasks_db.DatabaseBackend"); set that here too to try the worker on a laptop.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# Security headers on every response. The public site runs no inline script or style, so the policy is
# strict; the Wagtail admin (an authenticated tool with its own inline code) is left out of it. Previews keep the
# public policy except frame-ancestors, which lets the admin's preview panel frame them
# (localoffer.middleware.PreviewFramingMiddleware).
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Local Offer")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The database backend uses PostgreSQL full-text search when on PostgreSQL, and SQLite FTS otherwise.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
# The admin fetches nothing from outside the council's network: no Gravatar (officers' email hashes would leave it,
# and without internet every page waits on it) and no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Logs: one line per event on standard error, with the time, level, logger and request id (also sent back as
# X-Request-ID; "-" outside a request), e.g. `2026-11-30 10:00:00,123 INFO localoffer.requests [3f2a...] GET / 200 41ms`.
# Contact details are redacted from every line as a safety net (localoffer/logs.py): no code logs them or a comment.
# Server errors are mailed to ADMINS when DEBUG is off, without form values or contact details.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "localoffer.logs.RequestIDFilter"},
        "redact": {"()": "localoffer.logs.RedactContactDetails"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id", "redact"]},
        "mail_admins": {
            "class": "localoffer.logs.RedactedAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "request_id", "redact"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own errors go to ADMINS too (and on to the console).
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        # A Host header not in ALLOWED_HOSTS is a robot's scan, not an error to mail anyone about.
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # One line per background task or page action is noise on a terminal; warnings still show.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        # WeasyPrint logs each step of reading its own stylesheets, and fontTools each table it prunes from the fonts
        # it embeds (printed editions): warnings only.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
# Who is mailed about server errors: ADMINS="Web team <web@council.gov.uk>, ops@council.gov.uk" (none by default).
ADMINS = [(name or address, address) for name, address in getaddresses([os.environ.get("ADMINS", "")]) if address]
DEFAULT_EXCEPTION_REPORTER_FILTER = "localoffer.logs.ExceptionReporterFilter"
# Error reports to Sentry (or a service speaking its protocol) when SENTRY_DSN is set; production settings only.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", "production")
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)

# --------------------------------------------------------------------------------------------------------------
# Policies: every tunable the site's own code reads, declared once here with its default. Those an operator would
# change come from the environment variable of the same name (FEEDBACK_RATE_LIMIT takes two). README's "Policies"
# table lists them; tests/unit/test_settings_declared.py fails if the code reads a setting not declared here.
# --------------------------------------------------------------------------------------------------------------

# Reviews: how often each kind of page must be reviewed, in months (model label -> months); "default" for the rest.
REVIEW_INTERVAL_MONTHS = {"default": 12}

# The client behind the public forms' rate limits (localoffer/ratelimit.py). Behind reverse proxies (a load balancer,
# nginx, a CDN), TRUSTED_PROXY_COUNT is how many stand between the internet and the site: the client's address is then
# read from X-Forwarded-For, that many entries from the right. 0 (the default) trusts nobody: the header is ignored
# and the address the connection came from is the client. TRUSTED_PROXIES, if set, names the addresses or networks
# the nearest proxy connects from ("10.0.0.0/8,192.0.2.7"); a request from anywhere else has its header ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Comments (feedback): abuse limits on the public form. The rate limit is (comments, seconds) per client, counted in
# the cache every worker shares.
FEEDBACK_RATE_LIMIT = (env_int("FEEDBACK_RATE_LIMIT_COMMENTS", 5), env_int("FEEDBACK_RATE_LIMIT_SECONDS", 600))
# A form sent back sooner than this after it was served is a robot.
FEEDBACK_MIN_FILL_SECONDS = env_int("FEEDBACK_MIN_FILL_SECONDS", 3)
# A form token older than this (seconds) has expired; the person is asked to send the form again.
FEEDBACK_FORM_MAX_AGE = env_int("FEEDBACK_FORM_MAX_AGE", 24 * 3600)
# Larger comment submissions are refused before they are read.
FEEDBACK_MAX_REQUEST_BYTES = env_int("FEEDBACK_MAX_REQUEST_BYTES", 64 * 1024)
# Comment contact details are deleted this many days after the report covering them is published...
FEEDBACK_CONTACT_DAYS_AFTER_REPORT = env_int("FEEDBACK_CONTACT_DAYS_AFTER_REPORT", 90)
# ...or at this age at most, whatever happens.
FEEDBACK_CONTACT_MAX_AGE_DAYS = env_int("FEEDBACK_CONTACT_MAX_AGE_DAYS", 730)

# SENCO submissions (schools): submissions an hour from one client.
SENCO_RATE_LIMIT = env_int("SENCO_RATE_LIMIT", 10)
# How long the immediate check of a submitted link waits for the school's website, in seconds.
SENCO_LINK_CHECK_TIMEOUT = env_float("SENCO_LINK_CHECK_TIMEOUT", 8)
# How long a SENCO's private update link works, in seconds (about two school years).
SENCO_UPDATE_LINK_MAX_AGE = env_int("SENCO_UPDATE_LINK_MAX_AGE", 800 * 24 * 3600)
# SENCO contact details on submissions older than this many days are deleted (the latest approved one per school
# is kept: reminders go to it).
SENCO_CONTACT_RETENTION_DAYS = env_int("SENCO_CONTACT_RETENTION_DAYS", 365)

# Providers keeping their listings right (directory/providers/): a service is asked "is this still right?" when its
# review is due within PROVIDER_REVIEW_DUE_WITHIN_DAYS or overdue; the emailed link works for PROVIDER_LINK_DAYS days,
# once; a reminder goes PROVIDER_REMINDER_AFTER_DAYS days after the first email. Update forms sent an hour per client.
PROVIDER_REVIEW_DUE_WITHIN_DAYS = env_int("PROVIDER_REVIEW_DUE_WITHIN_DAYS", 30)
PROVIDER_LINK_DAYS = env_int("PROVIDER_LINK_DAYS", 14)
PROVIDER_REMINDER_AFTER_DAYS = env_int("PROVIDER_REMINDER_AFTER_DAYS", 7)
PROVIDER_RATE_LIMIT = env_int("PROVIDER_RATE_LIMIT", 10)

# Background tasks (bin/worker): a task that raises is tried this many times in all, waiting TASKS_RETRY_DELAY_SECONDS
# before the first retry and twice as long before each next one; then it is shown to officers as failed. A task left
# running by a worker not heard from for TASKS_WORKER_LOST_AFTER_SECONDS (killed, out of memory) goes back to the
# queue; workers report every quarter of that.
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 4)
TASKS_RETRY_DELAY_SECONDS = env_int("TASKS_RETRY_DELAY_SECONDS", 60)
TASKS_WORKER_LOST_AFTER_SECONDS = env_int("TASKS_WORKER_LOST_AFTER_SECONDS", 120)

# The link checker: seconds to wait for a website; parallel fetches; seconds between two requests to one host;
# redirects followed before giving up; days a link must stay broken before the weekly digest reports it.
LINK_CHECK_TIMEOUT = env_float("LINK_CHECK_TIMEOUT", 10)
LINK_CHECK_WORKERS = env_int("LINK_CHECK_WORKERS", 4)
LINK_CHECK_HOST_DELAY = env_float("LINK_CHECK_HOST_DELAY", 1.0)
LINK_CHECK_MAX_REDIRECTS = env_int("LINK_CHECK_MAX_REDIRECTS", 10)
LINK_CHECK_DIGEST_AFTER_DAYS = env_int("LINK_CHECK_DIGEST_AFTER_DAYS", 7)
# Lets the link checker and SENCO link check fetch loopback and private addresses. Only tests that run a local
# server turn it on; never from the environment, and production pins it off.
LINK_CHECK_ALLOW_PRIVATE = False
# Lets the scheduled link checker alone (Broken links, "Check links now") fetch such addresses; the SENCO form and
# importers still refuse them. Only the browser tests' site turns it on (settings/browser.py); production pins it off.
LINK_HEALTH_ALLOW_PRIVATE = False

# Plain English: the reading age editors aim at (the reading-age panel in the page editor, the "Reading age" report
# and the owners' digest flag pages above it; advice, never a block on publishing). 12 by default; GOV.UK aims at 9.
READING_AGE_TARGET = env_int("READING_AGE_TARGET", 12)

# Importing another directory's Open Referral UK feed (directory/openreferral/importer.py): seconds each request to
# the feed may take in all, before the import stops with "took too long" and writes nothing.
OPENREFERRAL_IMPORT_TIMEOUT = env_float("OPENREFERRAL_IMPORT_TIMEOUT", 30)

# Search by postcode (directory/places/): the postcode a "badly formed postcode" message gives as an example, one
# from the council's own area ("NB4 2EF"); its first half is the example of a district.
POSTCODE_EXAMPLE = os.environ.get("POSTCODE_EXAMPLE", "SW1A 2AA")

# What's new (directory/changes/): how many days of services added, closed and changed it lists (and its feed).
WHATS_NEW_DAYS = env_int("WHATS_NEW_DAYS", 90)

# Email alerts for a directory search (directory/alerts/): requests an hour from one client; days an unconfirmed
# request waits for its confirmation before it is deleted; days between two digests of one alert at most; days an
# alert lives without its owner saying "yes, keep sending" (asked ALERTS_ASK_DAYS_BEFORE days before the end).
ALERTS_RATE_LIMIT = env_int("ALERTS_RATE_LIMIT", 5)
ALERTS_CONFIRM_DAYS = env_int("ALERTS_CONFIRM_DAYS", 7)
ALERTS_DIGEST_DAYS = env_int("ALERTS_DIGEST_DAYS", 7)
ALERTS_KEEP_DAYS = env_int("ALERTS_KEEP_DAYS", 365)
ALERTS_ASK_DAYS_BEFORE = env_int("ALERTS_ASK_DAYS_BEFORE", 30)
# My list (directory/services/views.py): lists one client may email to itself an hour, counted in the shared cache.
MY_LIST_EMAIL_RATE_LIMIT = env_int("MY_LIST_EMAIL_RATE_LIMIT", 5)
# The site's public address ("https://localoffer.example.gov.uk"), printed on My list and on every printed page, and
# in the emailed list: never the address a request came in on (a proxy, an internal name). Default: the admin's.
PUBLIC_SITE_URL = os.environ.get("PUBLIC_SITE_URL", WAGTAILADMIN_BASE_URL).rstrip("/")

# The map of directory results and of a service's venues (README "Map"): off unless the council names a tile server.
# MAP_TILES_URL is an address template on one fixed host, "https://tiles.example.gov.uk/{z}/{x}/{y}.png"; pages with
# a map then allow images from that origin only (Content-Security-Policy img-src). MAP_ATTRIBUTION is the credit the
# tiles' licence asks for, shown under the map as plain text (web addresses in it become links).
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "")
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "")

# The page cache (localoffer/caching/): how long a public page is kept for visitors without a session, in seconds, at
# most (publishing, unpublishing and taxonomy changes replace it at once; a page due to expire sooner shortens it).
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# (End of the Policies section: README's "Policies" table lists every setting between its heading and here.)
