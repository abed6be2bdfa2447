"""Reading age across the Local Offer: published pages whose reading age is over the target (READING_AGE_TARGET),
for the officers' report, their dashboard and the owners' weekly digest.

The site shell measures each page when it is published (localoffer/readability/); this reads those measurements,
first catching up on pages never measured (published before measuring began, or by an import), at most
REFRESH_LIMIT a time so that a report never takes minutes."""

from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page

from localoffer.glossary.models import explained_page_models
from localoffer.models import ReviewTeam
from localoffer.readability.analysis import whole_years
from localoffer.readability.measure import refresh
from localoffer.readability.models import PageReadingAge

REFRESH_LIMIT = 200


@dataclass
class ReadingAgeItem:
    page: Page
    measurement: PageReadingAge

    @property
    def reading_age(self) -> int | None:
        return whole_years(self.measurement.reading_age)

    @property
    def kind(self) -> str:
        return str(self.page._meta.verbose_name)

    @property
    def owner(self):
        return self.page.review_owner


def target() -> int:
    return settings.READING_AGE_TARGET


def pages_over_target(owner=None, model=None, catch_up=True, member=None) -> list[ReadingAgeItem]:
    """Live pages whose reading age, in whole years, is over the target: hardest first; `member` (a user): only the
    pages of the review teams they are in ("My team's reviews"; none when they are in none)."""
    if catch_up:
        refresh(limit=REFRESH_LIMIT)
    items = []
    for page_model in explained_page_models():
        if model is not None and page_model is not model:
            continue
        pages = page_model.objects.live().filter(reading_age_measurement__reading_age__gte=target() + 0.5)
        if owner is not None:
            pages = pages.filter(review_owner=owner)
        if member is not None:
            pages = pages.filter(review_owner__in=ReviewTeam.objects.with_member(member))
        for page in pages.select_related("review_owner", "reading_age_measurement"):
            items.append(ReadingAgeItem(page=page, measurement=page.reading_age_measurement))
    return sorted(items, key=lambda item: (-(item.measurement.reading_age or 0), item.page.title))


def measured_count() -> int:
    """Live pages with a reading age (enough text to measure)."""
    return PageReadingAge.objects.filter(page__live=True, reading_age__isnull=False).count()
