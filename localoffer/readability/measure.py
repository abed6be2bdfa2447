"""Keeping each published page's reading age (PageReadingAge) in step with what it says: measured when a page is
published (a page_published receiver, connected in LocalOfferConfig.ready) and caught up by `refresh` for pages
published before, or by other means (the report, the digest and `manage.py measure_reading_ages` call it)."""

from django.db.models import F, Q

from ..glossary.models import explained_page_models
from .analysis import analyse_page
from .models import PageReadingAge


def measure(page) -> PageReadingAge:
    """Measure a page as it is now (its live content) and store the result against its live revision."""
    analysis = analyse_page(page)
    measurement, _created = PageReadingAge.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "revision_id": page.live_revision_id,
            "reading_age": analysis.reading_age,
            "words": analysis.words,
            "longest_sentence_words": analysis.longest_sentence_words,
        },
    )
    return measurement


def measure_on_publish(sender, instance, **kwargs):
    """page_published receiver: measure pages of the types that have a reading age."""
    if isinstance(instance, tuple(explained_page_models())):
        measure(instance)


def stale_pages(model):
    """Live pages of `model` never measured, or measured at an earlier revision than the one now live."""
    measured = Q(reading_age_measurement__isnull=False) & (
        Q(reading_age_measurement__revision_id=F("live_revision_id"))
        | Q(reading_age_measurement__revision_id__isnull=True, live_revision_id__isnull=True)
    )
    return model.objects.live().exclude(measured)


def refresh(limit: int | None = None) -> int:
    """Measure every live page whose measurement is missing or out of date (at most `limit`); returns how many."""
    done = 0
    for model in explained_page_models():
        for page in stale_pages(model).order_by("pk"):
            if limit is not None and done >= limit:
                return done
            measure(page)
            done += 1
    return done


def unmeasured_count() -> int:
    return sum(stale_pages(model).count() for model in explained_page_models())
