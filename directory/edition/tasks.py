"""The printed editions are made by the worker: when an officer saves one, and every night (cron:
`manage.py make_printed_editions`), so the printed copy is never more than a day behind the directory."""

from django.conf import settings
from django_tasks import task
from wagtail.models import Site

from localoffer.models import LocalOfferSettings

from .make import make
from .models import PrintedEdition


def _site_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return LocalOfferSettings.for_site(site) if site else None


@task()
def make_edition(pk: int) -> int:
    """Make one edition; returns how many services it holds (0 if it was deleted meanwhile)."""
    edition = PrintedEdition.objects.filter(pk=pk).first()
    if edition is None:
        return 0
    return make(edition, _site_settings(), settings.WAGTAILADMIN_BASE_URL).service_count


@task()
def make_all_editions() -> int:
    site_settings = _site_settings()
    editions = list(PrintedEdition.objects.all())
    for edition in editions:
        make(edition, site_settings, settings.WAGTAILADMIN_BASE_URL)
    return len(editions)
