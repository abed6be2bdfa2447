"""The demo loaders, one per part of the site, run in this order by `load` (and so by `manage.py load_demo`): the
site shell first, as the others hang their pages under its home page and add cards to it.

Each loader is idempotent: loading again updates what changed in the data files and makes nothing twice."""

from django.db import transaction

from . import directory, edition, feedback, places, providers, reviews, schools, site

PARTS = [site, places, directory, providers, schools, feedback, edition, reviews]  # reviews last: it owns every page


def load(stdout):
    """Load every part, each in its own transaction."""
    for part in PARTS:
        with transaction.atomic():
            part.load(stdout)
