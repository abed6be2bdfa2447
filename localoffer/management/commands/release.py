"""The release step (bin/release): bring the database up to date for the code being deployed, once, before the new
web and worker processes start. Migrations, then the cache table (which does nothing unless a database cache is
configured).

On PostgreSQL it holds an advisory lock while it works, so several replicas releasing at once take turns: the first
migrates, the others wait and then find nothing to do. SQLite (one machine, development) needs no lock."""

import hashlib
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, connections

# A fixed 64-bit key that names this lock among the database's advisory locks.
LOCK_KEY = int.from_bytes(hashlib.sha256(b"localoffer.release").digest()[:8], "big", signed=True)


@contextmanager
def release_lock(alias, stdout):
    """Holds the release lock for the duration, on a connection of its own (so that nothing migrate does to the
    default connection can drop it); a no-op on databases without advisory locks."""
    if connections[alias].vendor != "postgresql":
        yield
        return
    lock_connection = connections.create_connection(alias)
    try:
        with lock_connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            if not cursor.fetchone()[0]:
                stdout.write("Another release is running; waiting for it to finish.")
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            yield
        finally:
            with lock_connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    finally:
        lock_connection.close()


class Command(BaseCommand):
    help = "Migrate the database and create the cache table, one release at a time (run by bin/release)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, database, verbosity, **options):
        with release_lock(database, self.stdout):
            # The cache table first: saving rows in data migrations renews the content version, which is in the cache.
            call_command("createcachetable", database=database, verbosity=verbosity)
            call_command("migrate", database=database, interactive=False, verbosity=verbosity)
        self.stdout.write("Release step done.")
