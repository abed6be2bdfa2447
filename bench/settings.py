"""Production settings as bin/start runs them, with the benchmarks' URLconf (bench/urls.py: the site's, plus the
constant view). Used only by bench/common.py's gunicorn."""

from localoffer.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
