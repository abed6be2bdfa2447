# The site's image. Its CMD serves the site (bin/start); the same image runs the release step (bin/release: migrations,
# once per deploy) and the task worker (bin/worker), as compose.yaml shows.
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=localoffer.settings.production \
    PORT=8000

RUN useradd --create-home --uid 1000 localoffer
WORKDIR /app

# The printed edition's PDF (WeasyPrint, directory/edition/pdf.py) draws text with Pango and needs a font: both from
# Debian's own packages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies before the code, from the lock (exact versions, every file's hash checked): this layer is rebuilt only
# when requirements/base.txt changes. The code runs from /app, so the project itself needs no install.
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes -r requirements/base.txt

# The code belongs to root: the site can read it but write only its uploads (media/).
COPY . .
# collectstatic needs a key to import the settings; the real one comes from the environment at run time.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput -v0 \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media && chown localoffer:localoffer /app/media

USER localoffer
EXPOSE 8000
# /healthz answers whatever the Host header (localoffer/middleware.py), so the check needs no name from ALLOWED_HOSTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4)"
CMD ["bin/start"]
