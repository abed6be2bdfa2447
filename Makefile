# The two commands: `make run` (the site on SQLite with demo content) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The suite runs on every core (pytest-xdist); PYTEST_ARGS="-n 0 -k name" runs a part in one process.
PYTEST_ARGS ?= -n auto

.PHONY: run test install demo lint bench clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); try: make PYTHON=python3 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]" --config-settings editable_mode=compat
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: demo
	@$(PY) manage.py ensure_admin
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

# The directory benchmark (bench/directory.py; its figures are in README) needs PostgreSQL: DATABASE_URL, or the local
# server with trust auth. It makes and drops its own scratch database. BENCH_ARGS="--sizes 1000" for a quick run.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_ARGS ?=

bench: install
	DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" $(PY) bench/directory.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
