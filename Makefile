# The two commands: `make run` (the site on SQLite with demo content) and `make test` (the whole suite).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# The suite runs on every core (pytest-xdist; browser tests kept together on one worker, see tests/conftest.py);
# PYTEST_ARGS="-n 0 -k name" runs a part in one process.
PYTEST_ARGS ?= -n auto

# Installs come from the lock files (every version pinned, every file's hash checked): requirements/test.txt here
# and in CI, requirements/base.txt (what the site runs on, a subset at the same versions) in the Dockerfile.
# After changing the dependencies in pyproject.toml, run `make lock` and commit requirements/.
LOCK := requirements/test.txt
LOCK_ARGS := --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock"

.PHONY: run test install lock demo lint bench clean leaflet

$(STAMP): pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); try: make PYTHON=python3 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e . --config-settings editable_mode=compat
	@$(PY) -m pip check >/dev/null || { $(PY) -m pip check; echo "pyproject.toml and the lock disagree: run make lock"; exit 1; }
	@touch $(STAMP)

install: $(STAMP)

# Resolves pyproject.toml for every platform (Python 3.11) and writes both lock files, keeping the pinned versions
# that still fit (`make lock UPGRADE=1` moves everything to the newest allowed). The test lock is constrained to the
# site's, so the tests run the versions production runs. Needs no working install: a stale lock is why it runs.
lock:
	$(PYTHON) -m venv $(VENV)
	@test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet "uv>=0.5"
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_ARGS) $(if $(UPGRADE),--upgrade) -o requirements/base.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra test -c requirements/base.txt $(LOCK_ARGS) $(if $(UPGRADE),--upgrade) -o $(LOCK)

# Leaflet (the map, README "Map") comes from the npm registry at the version package-lock.json pins. Its built files
# are committed under static/vendor/leaflet/, so `make run` and the Docker image need no npm: run this after changing
# the version (`npm install --save-exact leaflet@X.Y.Z`), then commit package.json, package-lock.json and the copies.
LEAFLET_DIR := static/vendor/leaflet

leaflet:
	npm ci --ignore-scripts --no-audit --no-fund
	rm -rf $(LEAFLET_DIR)
	mkdir -p $(LEAFLET_DIR)/images
	cp node_modules/leaflet/LICENSE node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/leaflet.js \
		node_modules/leaflet/dist/leaflet.js.map $(LEAFLET_DIR)/
	cp node_modules/leaflet/dist/images/*.png $(LEAFLET_DIR)/images/

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

# Background tasks run immediately in development, inside the request that queues them. With
# TASKS_BACKEND=django_tasks_db.DatabaseBackend they go to the database queue, as in production, and a worker runs
# beside the server (stopped with it).
run: demo
	@$(PY) manage.py ensure_admin --team "Local Offer team"
ifeq ($(TASKS_BACKEND),django_tasks_db.DatabaseBackend)
	@echo "Background tasks: the database queue, with a worker beside the server (bin/worker in production)."
	@$(PY) manage.py run_worker --queue-name '*' & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(PY) manage.py runserver 127.0.0.1:8000
else
	@echo "Background tasks run immediately in development (inside the request); TASKS_BACKEND=django_tasks_db.DatabaseBackend make run runs a worker as production does."
	$(PY) manage.py runserver 127.0.0.1:8000
endif

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

# The directory benchmark (bench/directory.py; its figures are in README) needs PostgreSQL: DATABASE_URL, or the local
# server with trust auth. It makes and drops its own scratch database. BENCH_ARGS="--sizes 1000" for a quick run.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_ARGS ?=

bench: install
	DATABASE_URL="$${DATABASE_URL:-$(BENCH_DATABASE_URL)}" $(PY) bench/directory.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache node_modules
