"""Synthetic services in bulk, for benchmarks: realistic text from the demo templates, varied ages, needs,
categories, tiers and venues, inserted in bulk (tens of thousands a minute) and indexed for search.

Benchmark tooling, never used by the site: the rows come from the test factories (tests/factories, the one way the
project makes a service; `ServicePageFactory.build` and friends, unsaved), one of each built per run and every row a
copy of it with its own values (building each row through factory_boy was half the generator's time), then inserted
in bulk: COPY on PostgreSQL, bulk_create elsewhere. So it needs the development install (factory_boy) and the
tests/ folder; `manage.py generate_services` says so without them."""

import functools
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.base import ModelState
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


def generate(count, batch_size=2000, seed=None, stdout=None):
    """Create `count` published services under the directory; returns how many were created."""
    rng = random.Random(seed)
    directory = get_directory()
    orgs = list(ensure_organisations().values())
    locality_ids = {key: locality.pk for key, locality in ensure_localities().items()}
    needs = list(NeedType.objects.all())
    categories = list(ServiceCategory.objects.all())
    content_type = ContentType.objects.get_for_model(ServicePage)
    templates = _Templates(directory, content_type)
    created = 0
    while created < count:
        n = min(batch_size, count - created)
        with transaction.atomic():
            _without_jit()
            directory = Page.objects.select_for_update().get(pk=directory.pk)
            last = directory.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) if last else 0
            pages = [templates.service(rng, directory, step + i + 1, orgs) for i in range(n)]
            _insert_pages(pages)
            Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + n)

            chosen_needs, chosen_categories = {}, {}
            need_links, category_links, venues, contacts = [], [], [], []
            for page in pages:
                chosen_needs[page.pk] = rng.sample(needs, rng.choice([0, 1, 1, 2, 3]))
                chosen_categories[page.pk] = rng.sample(categories, rng.choice([1, 1, 2]))
                need_links += [(page.pk, need.pk) for need in chosen_needs[page.pk]]
                category_links += [(page.pk, category.pk) for category in chosen_categories[page.pk]]
                venues.append(templates.venue(rng, page, locality_ids))
                contacts.append(templates.contact(rng, page))
            _insert_links(ServicePage.need_types.through, "needtype_id", need_links)
            _insert_links(ServicePage.categories.through, "servicecategory_id", category_links)
            _insert(ServiceVenue, venues)
            _insert(ServiceContact, contacts)

            add_to_search_index(pages, chosen_needs, chosen_categories)
            update_search_documents([p.pk for p in pages])
        created += n
        if stdout:
            stdout.write(f"{created} of {count} services created")
    with transaction.atomic():
        _without_jit()
        refresh_title_norms()
    invalidate()  # bulk inserts send no signals
    content_version.bump()
    return created


def _without_jit():
    """No JIT compilation for the rest of the transaction (PostgreSQL): the batch's statements, on tables growing
    faster than their statistics, are estimated dear enough to be compiled, which took longer than running them
    (seconds a batch by 30,000 services)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


class _Templates:
    """One service, venue and contact built by the factories; each row generated is a copy of one of them with its
    own values (a fresh model state, new uuids)."""

    def __init__(self, directory, content_type):
        self.page_template = ServicePageFactory.build(
            # Where add_child would put it (bulk inserts bypass the tree's own bookkeeping).
            depth=directory.depth + 1,
            numchild=0,
            content_type=content_type,
            locale_id=directory.locale_id,
            # Its relations are inserted in bulk by generate(), not held on the page.
            categories=[],
            need_types=[],
            contacts=[],
            venues=[],
            languages="English",
            accountable_team="Service manager",
            access_steps="Phone the service and ask for a referral form.",
        )
        self.venue_template = ServiceVenueFactory.build(page=None)
        self.contact_template = ServiceContactFactory.build(page=None, name="Enquiries")
        self.today = timezone.now().date()

    def service(self, rng, directory, step, orgs):
        """A published service varied from a demo template, as the directory's next child."""
        template = rng.choice(TEMPLATES)
        title, _org, _cats, _needs, _tier, (lo, hi), cost, routes, delivery, _area, _where, summary, desc = template
        place = rng.choice(LOCALITIES)[1]
        min_age = max(0, min(25, lo + rng.randint(-2, 2)))
        max_age = max(min_age, min(25, hi + rng.randint(-2, 2)))
        full_title = f"{title} ({place} {step})"
        slug = f"{_slug(title)}-{step}"
        organisation = rng.choice(orgs)
        return _copy(
            self.page_template,
            {"organisation": organisation},
            path=directory.path + Page._int2str(step).rjust(Page.steplen, "0"),
            url_path=f"{directory.url_path}{slug}/",
            translation_key=uuid.uuid4(),
            uuid=uuid.uuid4(),
            draft_title=full_title,
            title=full_title,
            slug=slug,
            summary=summary,
            description=f"<p>{desc}</p>",
            organisation_id=organisation.pk,
            tier=rng.choice(TIERS),
            min_age=min_age,
            max_age=max_age,
            who_for=f"Children and young people aged {min_age} to {max_age}, and their families.",
            eligibility=f"Children and young people aged {min_age} to {max_age} who live in or near Northbrook.",
            self_referral="s" in routes or rng.random() < 0.3,
            professional_referral="p" in routes,
            ehc_plan_needed="e" in routes,
            other_route="o" in routes,
            cost=rng.choice(COSTS) if rng.random() < 0.3 else cost,
            delivery_in_person="i" in delivery or rng.random() < 0.2,
            delivery_online="o" in delivery or rng.random() < 0.2,
            delivery_phone="p" in delivery or rng.random() < 0.2,
            delivery_home_visits="h" in delivery,
            area=rng.choice(AREAS),
            last_reviewed=self.today - timezone.timedelta(days=rng.randint(0, 700)),
        )

    def venue(self, rng, page, locality_ids):
        place = rng.choice(LOCALITIES)
        venue_name, _, street = place[2].partition(", ")
        return _copy(
            self.venue_template,
            {"page": page},
            uuid=uuid.uuid4(),
            page_id=page.pk,
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

    def contact(self, rng, page):
        return _copy(
            self.contact_template,
            {"page": page},
            uuid=uuid.uuid4(),
            page_id=page.pk,
            phone=f"01632 960{rng.randint(0, 999):03d}",
            website=page.organisation.website if page.organisation else "",
        )


@functools.cache
def _slug(title):
    return slugify(title)[:60]


def _copy(template, related, **values):
    """A copy of a factory-built instance with other values: its fields' values and a fresh model state holding the
    given related objects (so that reading them makes no query). Not the template's in-memory child relations
    (modelcluster's): a copy reads its own from the database."""
    obj = template.__class__.__new__(template.__class__)
    obj.__dict__.update(template.__dict__)
    obj.__dict__.pop("_cluster_related_objects", None)
    obj.__dict__.update(values)
    obj._state = ModelState()
    obj._state.fields_cache = dict(related)
    return obj


def _insert_pages(pages):
    """Insert the services' page and service rows, setting their ids."""
    page_fields = Page._meta.local_concrete_fields
    service_fields = ServicePage._meta.local_concrete_fields
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('wagtailcore_page', 'id')) FROM generate_series(1, %s)",
                [len(pages)],
            )
            for page, (pk,) in zip(pages, cursor.fetchall(), strict=True):
                page.id = page.page_ptr_id = pk
        _copy_rows(Page, page_fields, pages)
        _copy_rows(ServicePage, service_fields, pages)
    else:
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
        ServicePage.objects.all()._batched_insert(pages, fields=service_fields, batch_size=200)


def _insert(model, objs):
    """Insert new rows (their ids left to the database): COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        _copy_rows(model, [f for f in model._meta.local_concrete_fields if not f.primary_key], objs)
    else:
        model.objects.bulk_create(objs, batch_size=500)


def _insert_links(through, target, pairs):
    """Insert many-to-many links from (service id, target id) pairs."""
    if connection.vendor == "postgresql":
        fields = [through._meta.get_field("servicepage"), through._meta.get_field(target.removesuffix("_id"))]
        _copy_rows(through, fields, pairs, values=tuple)
    else:
        through.objects.bulk_create([through(servicepage_id=a, **{target: b}) for a, b in pairs], batch_size=500)


def _copy_rows(model, fields, objs, values=None):
    """COPY rows into the model's table: each object's values of the fields (or `values(obj)`), as saving would
    write them (the types psycopg adapts itself as they are; any other through the field)."""
    plain = {"AutoField", "BigAutoField", "BooleanField", "CharField", "DateField", "DateTimeField", "FloatField"}
    plain |= {"ForeignKey", "IntegerField", "OneToOneField", "PositiveIntegerField", "PositiveSmallIntegerField"}
    plain |= {"SlugField", "SmallIntegerField", "TextField", "UUIDField"}
    if values is None:
        getters = [
            (
                f.attname,
                None
                if f.get_internal_type() in plain
                else functools.partial(f.get_db_prep_save, connection=connection),
            )
            for f in fields
        ]

        def values(obj):
            return [getattr(obj, name) if prep is None else prep(getattr(obj, name)) for name, prep in getters]

    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy,
    ):
        for obj in objs:
            copy.write_row(values(obj))
