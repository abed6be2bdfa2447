"""Production: behind a TLS-terminating proxy; every secret comes from the environment."""

import os

import sentry_sdk
from django.core.exceptions import ImproperlyConfigured
from sentry_sdk.integrations.django import DjangoIntegration

from localoffer.logs import redact_event

from .base import *  # noqa: F403
from .base import REDIS_URL, SECRET_KEY, SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_TRACES_SAMPLE_RATE, env_bool, env_int

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production.")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Background work goes to the database queue, run by bin/worker; TASKS_BACKEND may still name another backend.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Pinned here, never from the environment: production does not fetch loopback or private addresses.
LINK_CHECK_ALLOW_PRIVATE = False
LINK_HEALTH_ALLOW_PRIVATE = False

# Never per-process memory: every worker must see the same rate-limit counts. Without REDIS_URL, the database cache,
# whose table `createcachetable` makes in the release step (bin/release). Room for 50,000 entries, not Django's 300:
# a full cache culls a third of its entries, live counts among them.
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "localoffer_cache",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    }

# Hashed, compressed file names served by whitenoise (collectstatic runs at image build).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Error reports to Sentry when SENTRY_DSN is set. Nobody's details go with them: no user, IP address, cookies, request
# body or local variables, and contact details are redacted from everything else (localoffer/logs.py).
if SENTRY_DSN:
    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=SENTRY_ENVIRONMENT,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=redact_event,
        before_send_transaction=redact_event,
        traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE,
    )
