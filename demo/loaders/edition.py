"""The printed editions, from editions.toml, made at once (the worker makes them again nightly). Found by slug."""

from wagtail.models import Site

from directory.edition.make import make
from directory.edition.models import PrintedEdition
from directory.taxonomy.models import AreaOfNeed, ServiceCategory
from localoffer.models import LocalOfferSettings

from .. import content


def load(stdout):
    site = Site.objects.get(is_default_site=True)
    site_settings = LocalOfferSettings.for_site(site)
    base_url = site.root_url
    for spec in content.editions():
        edition, _created = PrintedEdition.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "introduction": spec.get("introduction", ""),
                "arrange_by": spec.get("arrange_by", "category"),
                "age_bands": spec.get("age_bands", []),
            },
        )
        edition.categories.set(ServiceCategory.objects.filter(slug__in=spec.get("categories", [])))
        edition.areas_of_need.set(AreaOfNeed.objects.filter(slug__in=spec.get("areas_of_need", [])))
        edition.save()
        make(edition, site_settings, base_url)
    stdout.write(f"Printed editions: {len(content.editions())}.")
