"""The public content's version: one number in the shared cache (Redis or the database cache in production) that
changes whenever anything a public page shows may have changed, so every process stops using what it cached under
the old number at once.

It changes on every saved or deleted row except the few models no public page reads (sessions, task results, the
search index, log entries, revisions...), and on publishing, unpublishing and moving a page: a deny-list, so a model
added later invalidates by default. Writes that send no signals (bulk inserts, QuerySet.update) call `bump()`
themselves. Within a transaction it changes again once the transaction commits, so a request that read the old rows
in between cannot keep its copy under the new number.

What it keys: whole pages for visitors without a session (middleware.py) and the site shell's lookups every page
makes (`remember`: site settings with their footer pages, taxonomy lists, whether any view restriction exists)."""

import secrets
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.core.cache import cache
from django.db import transaction

KEY = "localoffer:content-version"
# Shell lookups live a day at most (the version makes them stale sooner); the page cache has its own policy.
REMEMBER_SECONDS = 24 * 3600

# Rows no public page reads: (app label, model name), or (app label, None) for a whole app.
UNSEEN = {
    ("sessions", None),
    ("admin", None),
    ("contenttypes", None),
    ("auth", None),
    ("django_tasks_db", None),
    ("wagtailsearch", None),
    ("wagtailusers", None),
    ("wagtailcore", "revision"),
    ("wagtailcore", "pagelogentry"),
    ("wagtailcore", "modellogentry"),
    ("wagtailcore", "taskstate"),
    ("wagtailcore", "workflowstate"),
    ("wagtailcore", "pagesubscription"),
    ("wagtailcore", "comment"),
    ("wagtailcore", "commentreply"),
    ("wagtailcore", "referenceindex"),
    ("directory", "facetindexversion"),
}

T = TypeVar("T")
K = TypeVar("K")

# How many times this thread renewed the version: a lookup that itself wrote a row (the site settings' row, made on
# first read) keeps what it built under the version its own write made, instead of losing it at once.
_local = threading.local()


def current() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, secrets.randbits(62), timeout=None)
        version = cache.get(KEY, 0)
    return int(version)


def bump() -> None:
    """A new version now, and another when the current transaction commits (at once outside one)."""
    _local.bumps = getattr(_local, "bumps", 0) + 1
    cache.set(KEY, secrets.randbits(62), timeout=None)
    transaction.on_commit(lambda: cache.set(KEY, secrets.randbits(62), timeout=None))


def content_changed(sender: Any = None, **kwargs: Any) -> None:
    """Signal receiver (connected in LocalOfferConfig.ready) for saves, deletes, many-to-many changes, and pages
    published, unpublished or moved."""
    meta = getattr(sender, "_meta", None)
    if meta is not None and ((meta.app_label, None) in UNSEEN or (meta.app_label, meta.model_name) in UNSEEN):
        return
    bump()


def remember(name: str, build: Callable[[], T]) -> T:
    """What `build()` returns, kept in the shared cache under the current content version."""
    bumps = getattr(_local, "bumps", 0)
    key = f"localoffer:shell:{current()}:{name}"
    found = cache.get(key)
    if found is None:
        found = (build(),)  # a tuple, so that a None built is remembered too
        if getattr(_local, "bumps", 0) != bumps:  # the build wrote a row itself
            key = f"localoffer:shell:{current()}:{name}"
        cache.set(key, found, timeout=REMEMBER_SECONDS)
    return found[0]


class KeptInProcess(Generic[K, T]):
    """What this process rendered or worked out, kept while the content version stays the same (result cards, the
    service pages' bodies): a new version drops all of it at once, so nothing kept is older than what it shows.
    At most `limit` entries: past it, all are dropped and made again (bounded memory, no bookkeeping per hit)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._version: int | None = None
        self._entries: dict[K, T] = {}
        self._lock = threading.Lock()

    def entries(self) -> dict[K, T]:
        """The entries kept under the current version (a dict to read and add to)."""
        version = current()
        with self._lock:
            if self._version != version or len(self._entries) > self.limit:
                self._version, self._entries = version, {}
            return self._entries
