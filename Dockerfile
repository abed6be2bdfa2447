FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=localoffer.settings.production \
    PORT=8000

RUN useradd --create-home --uid 1000 localoffer
WORKDIR /app

COPY pyproject.toml README.md ./
COPY localoffer ./localoffer
COPY directory ./directory
COPY feedback ./feedback
RUN pip install --upgrade pip && pip install .

COPY --chown=localoffer:localoffer . .
# collectstatic needs a key to import the settings; the real one comes from the environment at run time.
RUN SECRET_KEY=collectstatic-only DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
    && mkdir -p /app/media && chown -R localoffer:localoffer /app/media /app/staticfiles

USER localoffer
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4)"
CMD ["bin/start"]
