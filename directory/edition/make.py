"""Making a printed edition: its sections, the services in each (visible ones only, A to Z, with their public
contacts and venues), rendered into one HTML document with a contents page and the date it was made. A fixed number
of queries whatever the number of services (the services, then one per related list)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from ..ages import AGE_BANDS, AGE_BANDS_BY_SLUG
from ..services.models import ServiceContact, ServicePage, ServiceVenue, directory_path
from ..taxonomy.models import AreaOfNeed, ServiceCategory
from .models import ArrangeBy, PrintedEdition
from .pdf import render_pdf


@dataclass
class Section:
    anchor: str
    title: str
    services: list = field(default_factory=list)
    entries: list = field(default_factory=list)  # (service, the section it was printed in full in, or None)


def visible_services():
    return list(
        ServicePage.objects.visible()
        .order_by("title", "pk")
        .select_related("organisation")
        .prefetch_related(
            "categories",
            "need_types__area",
            Prefetch("contacts", queryset=ServiceContact.objects.order_by("sort_order")),
            Prefetch("venues", queryset=ServiceVenue.objects.order_by("sort_order")),
        )
    )


def _in_band(service, band):
    return (
        service.min_age is not None and service.max_age is not None and band.overlaps(service.min_age, service.max_age)
    )


def sections(edition: PrintedEdition, services) -> list[Section]:
    categories = {c.pk for c in edition.categories.all()}
    areas = {a.pk for a in edition.areas_of_need.all()}
    bands = [AGE_BANDS_BY_SLUG[slug] for slug in edition.age_bands if slug in AGE_BANDS_BY_SLUG]

    def keep(service, skip):
        if skip != ArrangeBy.CATEGORY and categories and not {c.pk for c in service.categories.all()} & categories:
            return False
        if skip != ArrangeBy.AREA_OF_NEED and areas and not {n.area_id for n in service.need_types.all()} & areas:
            return False
        if skip != ArrangeBy.AGE_BAND and bands and not any(_in_band(service, band) for band in bands):
            return False
        return True

    kept = [s for s in services if keep(s, edition.arrange_by)]
    if edition.arrange_by == ArrangeBy.AREA_OF_NEED:
        chosen = [a for a in AreaOfNeed.objects.all() if not areas or a.pk in areas]
        return [
            Section(f"section-{a.slug}", a.name, [s for s in kept if a.pk in {n.area_id for n in s.need_types.all()}])
            for a in chosen
        ]
    if edition.arrange_by == ArrangeBy.AGE_BAND:
        chosen_bands = bands or list(AGE_BANDS)
        return [Section(f"section-{b.slug}", b.title, [s for s in kept if _in_band(s, b)]) for b in chosen_bands]
    chosen_categories = [c for c in ServiceCategory.objects.all() if not categories or c.pk in categories]
    return [
        Section(f"section-{c.slug}", c.name, [s for s in kept if c.pk in {x.pk for x in s.categories.all()}])
        for c in chosen_categories
    ]


def make(edition: PrintedEdition, site_settings=None, base_url: str = "") -> PrintedEdition:
    """Render the edition now and store it."""
    now = timezone.now()
    parts = [section for section in sections(edition, visible_services()) if section.services]
    # A service in several sections is printed in full once; later sections point back to it.
    first_seen: dict[int, Section] = {}
    for section in parts:
        for service in section.services:
            section.entries.append((service, first_seen.get(service.pk)))
            first_seen.setdefault(service.pk, section)
    context = {
        "edition": edition,
        "sections": parts,
        "made_at": now,
        "lo": site_settings,
        "base_url": base_url.rstrip("/"),
        "directory_path": directory_path(),
    }
    # The PDF from the same template, without the stylesheet link (render_pdf gives WeasyPrint the file itself).
    edition.pdf = render_pdf(render_to_string("directory/edition/document.html", {**context, "for_pdf": True}))
    edition.html = render_to_string("directory/edition/document.html", context)
    edition.made_at = now
    edition.service_count = len({s.pk for section in parts for s in section.services})
    edition.save(update_fields=["html", "pdf", "made_at", "service_count"])
    return edition
