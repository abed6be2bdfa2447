"""Officers' reports about what the Local Offer holds: statutory coverage and sufficiency of provision.

Statutory coverage (GUIDE.md section 3): each StatutoryTopic with the live pages that cover it. A page covers a
topic when it says so: any page type with a `statutory_topics` field (information pages...), and services through
their categories' topics. A topic is covered when at least one covering page is live and not overdue for review;
it is flagged when it has no live page, or only overdue ones.

Sufficiency (the LA's duty to keep provision under review): live services counted by need type (rows) and age band
(columns, directory.ages.AGE_BANDS), optionally for one tier; an empty cell is a possible gap."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.utils import timezone
from wagtail.models import Page

from localoffer.models import StatutoryTopic
from localoffer.visibility import VisiblePageQuerySet

from ..ages import AGE_BANDS
from ..services.models import ServicePage
from ..taxonomy.models import NeedType

COVERED, OVERDUE_ONLY, MISSING = "covered", "overdue", "missing"


@dataclass
class Covering:
    page: Page
    via: str  # "" when the page itself names the topic; else the service categories that do
    overdue: bool


@dataclass
class TopicCoverage:
    topic: StatutoryTopic
    pages: list = field(default_factory=list)

    @property
    def status(self):
        if not self.pages:
            return MISSING
        return OVERDUE_ONLY if all(item.overdue for item in self.pages) else COVERED

    @property
    def own_pages(self):
        """Pages that name the topic themselves (information pages...)."""
        return [item for item in self.pages if not item.via]

    @property
    def services(self):
        return [item for item in self.pages if item.via]

    @property
    def services_overdue(self):
        return sum(item.overdue for item in self.services)

    @property
    def service_categories(self):
        names = sorted({name for item in self.services for name in item.via.split(", ")})
        return ", ".join(names)

    @property
    def status_text(self):
        return {COVERED: "Covered", OVERDUE_ONLY: "Only overdue pages", MISSING: "No live page"}[self.status]


@dataclass
class Coverage:
    topics: list

    @property
    def covered(self):
        return sum(item.status == COVERED for item in self.topics)

    @property
    def flagged(self):
        return [item for item in self.topics if item.status != COVERED]

    @property
    def percent(self):
        return round(100 * self.covered / len(self.topics)) if self.topics else 100


def page_models_with_topics():
    """Page types that name the statutory topics they cover (a `statutory_topics` many-to-many field)."""
    found = []
    for model in apps.get_models():
        if not issubclass(model, Page):
            continue
        try:
            topic_field = model._meta.get_field("statutory_topics")
        except Exception:  # noqa: BLE001, S112  (FieldDoesNotExist: this type names no topics)
            continue
        if topic_field.many_to_many and topic_field.related_model is StatutoryTopic:
            found.append(model)
    return found


def _is_overdue(page, today):
    due = getattr(page, "review_due", None)
    return bool(due and due < today)


def statutory_coverage(today=None):
    """Every statutory topic with the pages families can see covering it, in topic order (a page behind a login or
    password, expired or off the site covers nothing for them)."""
    today = today or timezone.localdate()
    by_topic = {topic.pk: TopicCoverage(topic) for topic in StatutoryTopic.objects.all()}
    for model in page_models_with_topics():
        pages = VisiblePageQuerySet(model).visible().prefetch_related("statutory_topics")
        for page in pages:
            overdue = _is_overdue(page, today)
            for topic in page.statutory_topics.all():
                by_topic[topic.pk].pages.append(Covering(page, "", overdue))
    services = ServicePage.objects.visible().prefetch_related("categories__statutory_topics")
    for service in services:
        via = defaultdict(list)
        for category in service.categories.all():
            for topic in category.statutory_topics.all():
                via[topic.pk].append(category.name)
        overdue = _is_overdue(service, today)
        for topic_pk, names in via.items():
            by_topic[topic_pk].pages.append(Covering(service, ", ".join(sorted(names)), overdue))
    for item in by_topic.values():
        item.pages.sort(key=lambda covering: (covering.overdue, covering.page.title))
    return Coverage(topics=list(by_topic.values()))


# --------------------------------------------------------------------------------------------------------------
# Sufficiency


@dataclass
class SufficiencyRow:
    label: str
    area: str
    counts: list  # one per age band
    total: int

    @property
    def gaps(self):
        return sum(count == 0 for count in self.counts)


@dataclass
class Sufficiency:
    bands: tuple
    rows: list  # one per need type
    any_need: SufficiencyRow  # services open to any need (no need type ticked)
    band_totals: list
    total: int
    no_ages: int  # live services without an age range: they cannot be placed in a column

    @property
    def gap_count(self):
        return sum(row.gaps for row in self.rows)


def sufficiency(tier=None):
    """Live services counted by need type and age band (a service counts in every band its ages overlap)."""
    services = ServicePage.objects.visible()
    if tier:
        services = services.filter(tier=tier)
    ages = {pk: (low, high) for pk, low, high in services.values_list("pk", "min_age", "max_age")}
    needs_of = defaultdict(set)
    through = ServicePage.need_types.through
    for service_id, need_id in through.objects.filter(servicepage_id__in=list(ages)).values_list(
        "servicepage_id", "needtype_id"
    ):
        needs_of[service_id].add(need_id)

    def bands_for(service_id):
        low, high = ages[service_id]
        if low is None or high is None:
            return []
        return [index for index, band in enumerate(AGE_BANDS) if band.overlaps(low, high)]

    def row(label, area, service_ids):
        counts = [0] * len(AGE_BANDS)
        for service_id in service_ids:
            for index in bands_for(service_id):
                counts[index] += 1
        return SufficiencyRow(label=label, area=area, counts=counts, total=len(service_ids))

    rows = []
    for need in NeedType.objects.select_related("area").order_by("area__sort_order", "sort_order", "name"):
        rows.append(row(need.name, need.area.name, [pk for pk in ages if need.pk in needs_of[pk]]))
    any_need = row("Any need (no need type given)", "", [pk for pk in ages if not needs_of[pk]])
    band_totals = [sum(1 for pk in ages if index in bands_for(pk)) for index in range(len(AGE_BANDS))]
    return Sufficiency(
        bands=AGE_BANDS,
        rows=rows,
        any_need=any_need,
        band_totals=band_totals,
        total=len(ages),
        no_ages=sum(1 for low, high in ages.values() if low is None or high is None),
    )
