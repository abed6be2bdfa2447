"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when DATABASE_URL names it (CI does both).

In CI (CI=true) a missing browser or database is a failure, never a skip."""

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, connections, transaction
from xdist.scheduler import LoadScopeScheduling

from directory.services import facet_index
from tests.factories import DirectoryPageFactory, SchoolsIndexPageFactory, get_home

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition, reason):
    """Skip on a laptop that lacks something; fail in CI, where everything must be there."""
    if not condition:
        if IN_CI:
            pytest.fail(f"{reason} (required in CI)", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with empty caches: what one test cached (site root paths, rate-limit counts, the directory's
    facet index) belongs to rows its rolled-back transaction removed. The facet index is kept per process under a
    version number that the rollback also takes back, so the next test could otherwise meet a stale index."""
    cache.clear()
    facet_index._cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL each worker's test database is made as a copy of the run's migrated template (see
    migrated_template), so its `migrate` finds nothing left to apply: one migration from nothing per run, not one per
    worker. (The SQLite pass's databases are in memory, each migrated as before.)"""
    if postgres_url():
        from django.conf import settings

        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = migrated_template()


@pytest.fixture
def postgres(db):
    """For what only PostgreSQL has (weighted search documents, GIN indexes): such tests run in the PostgreSQL pass."""
    if not postgres_url():
        pytest.skip("runs in the PostgreSQL pass: set DATABASE_URL=postgres://...")
    return connection


@pytest.fixture
def home_page(db):
    """A fresh site: the home page as the default site's root (made with tests/factories, like every page)."""
    return get_home()


@pytest.fixture
def directory(home_page):
    """The service directory, under the home page."""
    return DirectoryPageFactory()


@pytest.fixture
def schools_index(home_page):
    """The schools finder, under the home page, published through a revision as an officer would."""
    return SchoolsIndexPageFactory(publish_revision=True)


def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@contextmanager
def scratch_database(tmp_dir, migrated=False, demo=False):
    """A database URL of its own for a server process a test starts: a new PostgreSQL database beside
    DATABASE_URL's (dropped afterwards), or an SQLite file in tmp_dir.

    migrated=True: the database as the release step leaves it (the cache table, then every migration), copied from
    a template that the run's first such database migrated (migrating from nothing takes a minute of CPU: the
    release step's own tests, tests/integration/test_deploy.py, still do it).
    demo=True: that database with `manage.py load_demo` run on it, copied from a template loaded once per run (the
    whole demo takes half a minute to load alone, minutes beside the rest of the suite). The demo writes no media
    files, so a copy of the database is all of it."""
    template = demo_template() if demo else migrated_template() if migrated else None
    base = postgres_url()
    if not base:
        path = f"{tmp_dir}/scratch.sqlite3"
        if template:
            shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    import psycopg

    prefix = base.rpartition("/")[0]
    name = f"scratch_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    try:
        yield f"{prefix}/{name}"
    finally:
        with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def on_demo_copy(tmp_dir):
    """This process's database connection pointed at a copy of the run's demo template (scratch_database(demo=True))
    while the block runs, inside a transaction rolled back at the end as pytest-django's own: for tests that start
    from the whole demo, which would otherwise load it here themselves."""
    with scratch_database(tmp_dir, demo=True) as url:
        name = url.rpartition("/")[2] if postgres_url() else url.removeprefix("sqlite:///")
        test_connection = connections["default"]
        connections["default"] = type(test_connection)({**test_connection.settings_dict, "NAME": name}, "default")
        try:
            # What this process remembers of the test database's rows (content types, cached pages) is not the copy's.
            ContentType.objects.clear_cache()
            cache.clear()
            facet_index._cache.clear()
            with transaction.atomic():
                yield
                transaction.set_rollback(True)
        finally:
            connections["default"].close()
            connections["default"] = test_connection
            ContentType.objects.clear_cache()
            cache.clear()
            facet_index._cache.clear()


@pytest.fixture
def demo_db(tmp_path, django_db_setup, django_db_blocker):
    """The test runs on a copy of the run's database with the whole demo loaded (see on_demo_copy)."""
    with django_db_blocker.unblock(), on_demo_copy(tmp_path):
        yield


# The run's migrated template: one per test run (shared by pytest-xdist's workers, named by the run's id), made by
# the first test that asks for it while the others wait, dropped when the run ends.
_run = {"id": uuid.uuid4().hex[:12]}


def pytest_configure(config):
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        _run["id"] = workerinput["testrunuid"][:12]
        return
    _run["controller"] = True
    if hasattr(config.option, "testrunuid"):  # pytest-xdist hands this id to its workers
        config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex
        _run["id"] = config.option.testrunuid[:12]


def pytest_unconfigure(config):
    if not _run.get("controller"):
        return
    for kind in ("template", "demo"):
        for suffix in ("sqlite3", "lock"):
            Path(tempfile.gettempdir(), f"localoffer-{kind}-{_run['id']}.{suffix}").unlink(missing_ok=True)
    shutil.rmtree(Path(tempfile.gettempdir(), f"localoffer-static-{_run['id']}"), ignore_errors=True)
    Path(tempfile.gettempdir(), f"localoffer-static-{_run['id']}.lock").unlink(missing_ok=True)
    base = postgres_url()
    if base:
        import psycopg

        with psycopg.connect(f"{base.rpartition('/')[0]}/postgres", autocommit=True) as conn:
            for kind in ("template", "demo"):
                conn.execute(f'DROP DATABASE IF EXISTS "scratch_{kind}_{_run["id"]}" WITH (FORCE)')


def migrated_template():
    """The run's template (a PostgreSQL database's name, or an SQLite file's path), made on first use: the release
    step's createcachetable and migrate on production settings, without Redis (so the database cache's table)."""
    return run_database("template", release)


def demo_template():
    """The run's demo template: a copy of the migrated template with `manage.py load_demo` run on it (test settings),
    made once per run like migrated_template and never connected to after."""
    return run_database("demo", load_demo, start_from=migrated_template)


def run_database(kind, fill, start_from=None):
    """A database made once per run, by the first worker that asks under the kind's own lock while the others wait:
    PostgreSQL's `scratch_{kind}_{run id}` (a copy of the database `start_from()` names, or empty), or an SQLite
    file (a copy of `start_from()`'s file, or new); `fill(its url)` then runs once. Its name or path is returned.
    Dropped when filling fails, so the next test tries again rather than copying half a database."""
    base = postgres_url()
    lock_path = Path(tempfile.gettempdir(), f"localoffer-{kind}-{_run['id']}.lock")
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if base:
            import psycopg

            name = f"scratch_{kind}_{_run['id']}"
            prefix = base.rpartition("/")[0]
            with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                    return name
                template = f' TEMPLATE "{start_from()}"' if start_from else ""
                conn.execute(f'CREATE DATABASE "{name}"{template}')
            try:
                fill(f"{prefix}/{name}")
            except BaseException:
                with psycopg.connect(f"{prefix}/postgres", autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                raise
            return name
        path = Path(tempfile.gettempdir(), f"localoffer-{kind}-{_run['id']}.sqlite3")
        if not path.exists():
            building = path.with_suffix(".building")
            building.unlink(missing_ok=True)
            if start_from:
                shutil.copyfile(start_from(), building)
            fill(f"sqlite:///{building}")
            building.rename(path)
        return str(path)


def collected_static():
    """STATIC_ROOT as a deploy's `manage.py collectstatic` leaves it (production settings: hashed, compressed names),
    collected once per run for the tests that serve it (fifteen seconds of CPU each time), read-only for them."""
    path = Path(tempfile.gettempdir(), f"localoffer-static-{_run['id']}")
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = path.with_suffix(".building")
            shutil.rmtree(building, ignore_errors=True)
            settings = "localoffer.settings.production"
            manage(postgres_url() or "", settings, "collectstatic", "--noinput", "-v0", STATIC_ROOT=str(building))
            building.rename(path)
        return str(path)


def release(database_url):
    manage(database_url, "localoffer.settings.production", "release", "-v0")


def load_demo(database_url):
    with tempfile.TemporaryDirectory() as media:
        manage(database_url, "localoffer.settings.test", "load_demo", MEDIA_ROOT=media)
        assert not any(Path(media).iterdir()), "the demo now writes media files: copy them with the database"


def manage(database_url, settings_module, *args, **extra_env):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "TASKS_", "REDIS_"))}
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY=uuid.uuid4().hex * 2,
        ALLOWED_HOSTS="localhost",
        **extra_env,
    )
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# A test of the deployment rather than of the code (several processes, a whole-site crawl): it runs once per CI run,
# in the PostgreSQL pass, on production's database; the SQLite pass would only repeat it.
production_database_only = pytest.mark.skipif(
    not postgres_url(), reason="runs in the PostgreSQL pass: set DATABASE_URL=postgres://..."
)


# CI runs the suite twice, on PostgreSQL and on SQLite, on one two-core machine. The browser tests drive the pages
# families and officers use, whatever the database under them; they are half of a pass's time, so CI runs them once,
# in the PostgreSQL pass (production's database). On a laptop `make test` runs them on whichever database it has.
BROWSER_TESTS_ONCE = pytest.mark.skip(reason="CI runs the browser tests in its PostgreSQL pass")


def pytest_collection_modifyitems(config, items):
    """Tests marked slow are handed out first, so that none is left running alone at the end of a parallel run while
    the other worker idles."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    if IN_CI and not postgres_url():
        for item in items:
            if item.nodeid.startswith("tests/browser/"):
                item.add_marker(BROWSER_TESTS_ONCE)


class BrowserTestsTogether(LoadScopeScheduling):
    """pytest-xdist's `load` distribution (one test at a time to whichever worker is free), except that the browser
    tests go to one worker as one unit: they share one demo server (tests/browser/conftest.py), which each worker
    would otherwise start and load for itself. (xdist's own `--dist loadgroup` does not work with pytest 9.2.)"""

    def _split_scope(self, nodeid):
        return "tests/browser/" if nodeid.startswith("tests/browser/") else nodeid


def pytest_xdist_make_scheduler(config, log):
    return BrowserTestsTogether(config, log)
