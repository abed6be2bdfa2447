"""Synthetic services in bulk, for benchmarks: realistic text from the demo templates, varied ages, needs,
categories, tiers and venues, inserted with bulk queries (thousands a minute) and indexed for search.

Benchmark tooling, never used by the site: each row is built by the test factories (tests/factories, the one way
the project makes a service; `ServicePageFactory.build` and friends, unsaved), then inserted in bulk. So it needs
the development install (factory_boy) and the tests/ folder; `manage.py generate_services` says so without them."""

import random
import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page

from demo.content import LOCALITIES, OPENING_TIMES, TEMPLATES
from demo.loaders.directory import ensure_localities, ensure_organisations
from directory.models import NeedType, ServiceCategory, ServiceContact, ServicePage, ServiceVenue
from directory.services.bulk_index import add_to_search_index, refresh_title_norms
from directory.services.facet_index import invalidate
from directory.services.search_document import update_search_documents
from localoffer.caching import version as content_version
from tests.factories import ServiceContactFactory, ServicePageFactory, ServiceVenueFactory, get_directory

TIERS = ["universal", "targeted", "specialist"]
COSTS = ["free", "free", "some", "charged"]
AREAS = ["local", "local", "local", "outside", "national"]


def generate(count, batch_size=500, seed=None, stdout=None):
    """Create `count` published services under the directory; returns how many were created."""
    rng = random.Random(seed)
    directory = get_directory()
    orgs = list(ensure_organisations().values())
    locality_ids = {key: locality.pk for key, locality in ensure_localities().items()}
    needs = list(NeedType.objects.all())
    categories = list(ServiceCategory.objects.all())
    needs_by_pk = {need.pk: need for need in needs}
    categories_by_pk = {category.pk: category for category in categories}
    content_type = ContentType.objects.get_for_model(ServicePage)
    created = 0
    while created < count:
        n = min(batch_size, count - created)
        with transaction.atomic():
            directory = Page.objects.select_for_update().get(pk=directory.pk)
            last = directory.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            pages = []
            for _ in range(n):
                step += 1
                pages.append(_service(rng, directory, step, content_type, orgs))
            Page.objects.bulk_create(pages, batch_size=batch_size)
            for page in pages:
                page.page_ptr_id = page.id
            fields = [f for f in ServicePage._meta.local_concrete_fields]
            ServicePage.objects.all()._batched_insert(pages, fields=fields, batch_size=200)
            Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + n)

            need_links, category_links, venues, contacts = [], [], [], []
            for page in pages:
                for need in rng.sample(needs, rng.choice([0, 1, 1, 2, 3])):
                    need_links.append(ServicePage.need_types.through(servicepage_id=page.pk, needtype_id=need.pk))
                for category in rng.sample(categories, rng.choice([1, 1, 2])):
                    category_links.append(
                        ServicePage.categories.through(servicepage_id=page.pk, servicecategory_id=category.pk)
                    )
                place = rng.choice(LOCALITIES)
                venue_name, _, street = place[2].partition(", ")
                venues.append(
                    ServiceVenueFactory.build(
                        page=page,
                        name=venue_name,
                        address=f"{street}\n{place[1]}",
                        postcode=place[3],
                        locality_id=locality_ids[place[0]],
                        latitude=place[4],
                        longitude=place[5],
                        opening_times=rng.choice(OPENING_TIMES),
                        step_free=rng.random() < 0.8,
                        hearing_loop=rng.random() < 0.5,
                        accessible_toilet=rng.random() < 0.7,
                        changing_places=rng.random() < 0.2,
                        parking=rng.random() < 0.6,
                    )
                )
                contacts.append(
                    ServiceContactFactory.build(
                        page=page,
                        name="Enquiries",
                        phone=f"01632 960{rng.randint(0, 999):03d}",
                        website=page.organisation.website if page.organisation else "",
                    )
                )
            ServicePage.need_types.through.objects.bulk_create(need_links, batch_size=batch_size)
            ServicePage.categories.through.objects.bulk_create(category_links, batch_size=batch_size)
            ServiceVenue.objects.bulk_create(venues, batch_size=batch_size)
            ServiceContact.objects.bulk_create(contacts, batch_size=batch_size)

            chosen = {"needs": defaultdict(list), "categories": defaultdict(list)}
            for link in need_links:
                chosen["needs"][link.servicepage_id].append(needs_by_pk[link.needtype_id])
            for link in category_links:
                chosen["categories"][link.servicepage_id].append(categories_by_pk[link.servicecategory_id])
            add_to_search_index(pages, chosen["needs"], chosen["categories"])
            update_search_documents([p.pk for p in pages])
        created += n
        if stdout:
            stdout.write(f"{created} of {count} services created")
    refresh_title_norms()
    invalidate()  # bulk inserts send no signals
    content_version.bump()
    return created


def _service(rng, directory, step, content_type, orgs):
    """One service: the factory's published service, varied from a demo template, as the directory's next child."""
    template = rng.choice(TEMPLATES)
    title, _org, _cats, _needs, _tier, (lo, hi), cost, routes, delivery, _area, _where, summary, desc = template
    place = rng.choice(LOCALITIES)[1]
    min_age = max(0, min(25, lo + rng.randint(-2, 2)))
    max_age = max(min_age, min(25, hi + rng.randint(-2, 2)))
    full_title = f"{title} ({place} {step})"
    slug = f"{slugify(title)[:60]}-{step}"
    return ServicePageFactory.build(
        # Where add_child would put it (bulk inserts bypass the tree's own bookkeeping).
        path=directory.path + Page._int2str(step).rjust(Page.steplen, "0"),
        depth=directory.depth + 1,
        numchild=0,
        url_path=f"{directory.url_path}{slug}/",
        content_type=content_type,
        locale_id=directory.locale_id,
        translation_key=uuid.uuid4(),
        draft_title=full_title,
        # Its relations are inserted in bulk by generate(), not held on the page.
        categories=[],
        need_types=[],
        contacts=[],
        venues=[],
        title=full_title,
        slug=slug,
        summary=summary,
        description=f"<p>{desc}</p>",
        organisation=rng.choice(orgs),
        tier=rng.choice(TIERS),
        min_age=min_age,
        max_age=max_age,
        who_for=f"Children and young people aged {min_age} to {max_age}, and their families.",
        eligibility=f"Children and young people aged {min_age} to {max_age} who live in or near Northbrook.",
        self_referral="s" in routes or rng.random() < 0.3,
        professional_referral="p" in routes,
        ehc_plan_needed="e" in routes,
        other_route="o" in routes,
        access_steps="Phone the service and ask for a referral form.",
        cost=rng.choice(COSTS) if rng.random() < 0.3 else cost,
        delivery_in_person="i" in delivery or rng.random() < 0.2,
        delivery_online="o" in delivery or rng.random() < 0.2,
        delivery_phone="p" in delivery or rng.random() < 0.2,
        delivery_home_visits="h" in delivery,
        area=rng.choice(AREAS),
        languages="English",
        accountable_team="Service manager",
        last_reviewed=(timezone.now() - timezone.timedelta(days=rng.randint(0, 700))).date(),
    )
