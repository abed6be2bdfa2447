"""Creating many service pages at once, for the feed import (importer.py) and the services spreadsheet
(spreadsheet.py): a 10,000-service feed must go in within minutes, and Wagtail's one-page-at-a-time path
(`add_child`, `save_revision`, `publish`, and every receiver of `page_published`) costs about 200 queries a page.

A batch of pages is checked in memory first (each page's and each venue's and contact's own fields, as the page
editor would: lengths, choices, ages the right way round); a page that fails is given back with its reasons and the
rest go on. Then the batch is written with bulk queries, in the state Wagtail's own path leaves a page in:

- the pages as the directory's next children (tree path, depth and URL path worked out as `add_child` does, under a
  row lock on the directory; slugs unique among its children), their venues, contacts, need types and categories;
- one revision each (the page as saved, so the history, compare and revert work), set as the latest and, when
  published, the live one; "created" and "published" entries in the page history;
- the search index entries and the weighted search documents of the batch in one go each (the directory's keyword
  search reads them), and the facet index told once (`invalidate`), where `ServicePage.save` and `page_published`
  would have done them page by page.

What is not done per page: the reading-age measurement (caught up by `readability.measure.refresh`, which the
report, the digest and `manage.py measure_reading_ages` run), the links in the Broken links report (the scheduled
link check collects every live page's links) and Wagtail's reference index (its "usage" counts; `manage.py
rebuild_references_index`). A batch the database still refuses raises, and the caller falls back to one page at a
time so the one bad record is refused alone."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import COMMENTS_RELATION_NAME, Page, PageLogEntry, Revision

from ..services.bulk_index import add_to_search_index, refresh_title_norms
from ..services.facet_index import invalidate
from ..services.models import DirectoryPage, ServiceContact, ServicePage, ServiceVenue
from ..services.search_document import update_search_documents
from ..taxonomy.models import NeedType, Organisation, ServiceCategory

BATCH = 500
# The page's own fields an officer or a feed fills in: checked in memory (the tree, ownership and foreign keys are
# set here, and checking a foreign key asks the database).
DATA_FIELDS = {
    f.name
    for f in ServicePage._meta.concrete_fields
    if f.model is ServicePage and not f.is_relation and f.name not in ("uuid",)
} | {"title", "slug"}


@dataclass
class NewService:
    """One service to create: the page's field values, its organisation, terms, and unsaved venues and contacts."""

    fields: dict[str, Any]
    organisation: Organisation | None = None
    need_types: list[NeedType] = field(default_factory=list)
    categories: list[ServiceCategory] = field(default_factory=list)
    venues: list[ServiceVenue] = field(default_factory=list)
    contacts: list[ServiceContact] = field(default_factory=list)


def problems(page: ServicePage, venues: Sequence[ServiceVenue], contacts: Sequence[ServiceContact]) -> list[str]:
    """What the page editor would refuse, in plain words ("summary: Ensure this value has at most 300...")."""
    found: list[str] = []
    checks: list[tuple[str, Any, set[str]]] = [("", page, DATA_FIELDS)]
    checks += [(f"venue {i + 1} ", venue, _own_fields(ServiceVenue)) for i, venue in enumerate(venues)]
    checks += [(f"contact {i + 1} ", contact, _own_fields(ServiceContact)) for i, contact in enumerate(contacts)]
    for prefix, item, names in checks:
        exclude = [f.name for f in type(item)._meta.fields if f.name not in names]
        try:
            item.clean_fields(exclude=exclude)
        except ValidationError as error:
            found += [
                f"{prefix}{_label(item, name)}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            ]
    if page.min_age is not None and page.max_age is not None and page.min_age > page.max_age:
        found.append("the youngest age is more than the oldest age")
    return found


def _label(item: Any, name: str) -> str:
    """A field's name as the page editor shows it ("oldest age", "email")."""
    try:
        return str(type(item)._meta.get_field(name).verbose_name)
    except Exception:  # a message not about one field
        return name


def _own_fields(model: type[Any]) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if not f.is_relation and f.name not in ("id", "uuid")}


def create_services(
    directory: DirectoryPage,
    services: Sequence[NewService],
    user: Any = None,
    live: bool = True,
    now: datetime | None = None,
) -> tuple[list[ServicePage | None], list[list[str]]]:
    """Create `services` under `directory`, in batches; returns (for each service, its page reloaded with its
    relations, or None if refused; for each, the reasons it was refused). Call inside a transaction."""
    now = now or timezone.now()
    pages: list[ServicePage | None] = []
    reasons: list[list[str]] = []
    for start in range(0, len(services), BATCH):
        batch_pages, batch_reasons = _create_batch(directory, services[start : start + BATCH], user, live, now)
        pages += batch_pages
        reasons += batch_reasons
    if any(pages):
        refresh_title_norms()
        invalidate()  # bulk inserts send no signals: every process rebuilds its facet index once
    return pages, reasons


def _create_batch(
    directory: DirectoryPage, services: Sequence[NewService], user: Any, live: bool, now: datetime
) -> tuple[list[ServicePage | None], list[list[str]]]:
    content_type = ContentType.objects.get_for_model(ServicePage)
    page_type = ContentType.objects.get_for_model(Page)
    user_id = getattr(user, "pk", None)
    with transaction.atomic():
        parent = Page.objects.select_for_update().get(pk=directory.pk)
        last = parent.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        taken = set(parent.get_children().values_list("slug", flat=True))
        built: list[tuple[int, ServicePage, NewService]] = []
        reasons: list[list[str]] = [[] for _ in services]
        for index, service in enumerate(services):
            page = ServicePage(**service.fields)
            page.slug = _unique(service.fields.get("slug") or page.title, taken)
            found = problems(page, service.venues, service.contacts)
            if found:
                reasons[index] = found
                continue
            taken.add(page.slug)
            step += 1
            page.path = parent.path + Page._int2str(step).rjust(Page.steplen, "0")
            page.depth = parent.depth + 1
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = content_type
            page.locale_id = parent.locale_id
            page.draft_title = page.title
            page.organisation = service.organisation
            page.live = live
            page.has_unpublished_changes = not live
            page.first_published_at = page.last_published_at = now if live else None
            page.latest_revision_created_at = now
            built.append((index, page, service))
        new = [page for _index, page, _service in built]
        saved: list[ServicePage] = []
        if new:
            _insert(new, parent, services=[service for _i, _p, service in built])
            saved = _revise(new, user_id, live, now, content_type, page_type)
    reloaded = {page.pk: page for page in saved}
    pages: list[ServicePage | None] = [None] * len(services)
    for index, page, _service in built:
        pages[index] = reloaded[page.pk]
    add_to_search_index(
        list(reloaded.values()),
        needs={pk: list(page.need_types.all()) for pk, page in reloaded.items()},  # prefetched by _reload
        categories={pk: list(page.categories.all()) for pk, page in reloaded.items()},
    )
    update_search_documents(list(reloaded))  # the directory's keyword search reads them (PostgreSQL)
    return pages, reasons


def _unique(title: str, taken: set[str]) -> str:
    base = slugify(title)[:70] or "service"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _insert(pages: list[ServicePage], parent: Page, services: list[NewService]) -> None:
    Page.objects.bulk_create(pages)  # the pages' tree rows (ids come back, on PostgreSQL and SQLite alike)
    for page in pages:
        page.page_ptr_id = page.id
    # Django has no bulk_create for a model with a parent table; this is the query it runs for the child's rows.
    ServicePage.objects.all()._batched_insert(
        pages, fields=list(ServicePage._meta.local_concrete_fields), batch_size=BATCH
    )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    needs, categories, venues, contacts = [], [], [], []
    for page, service in zip(pages, services, strict=True):
        needs += [ServicePage.need_types.through(servicepage_id=page.pk, needtype_id=n.pk) for n in service.need_types]
        categories += [
            ServicePage.categories.through(servicepage_id=page.pk, servicecategory_id=c.pk) for c in service.categories
        ]
        for order, venue in enumerate(service.venues):
            venue.page_id, venue.sort_order = page.pk, order
            venues.append(venue)
        for order, contact in enumerate(service.contacts):
            contact.page_id, contact.sort_order = page.pk, order
            contacts.append(contact)
    ServicePage.need_types.through.objects.bulk_create(needs, batch_size=BATCH)
    ServicePage.categories.through.objects.bulk_create(categories, batch_size=BATCH)
    ServiceVenue.objects.bulk_create(venues, batch_size=BATCH)
    ServiceContact.objects.bulk_create(contacts, batch_size=BATCH)


def _reload(pks: list[int]) -> list[ServicePage]:
    return list(
        ServicePage.objects.filter(pk__in=pks)
        .select_related("organisation")
        .prefetch_related("venues", "contacts", "need_types", "categories", COMMENTS_RELATION_NAME)
    )


def _revise(
    pages: list[ServicePage],
    user_id: int | None,
    live: bool,
    now: datetime,
    content_type: ContentType,
    page_type: ContentType,
) -> list[ServicePage]:
    """A revision of each page as saved (what save_revision stores), set as its latest (and live) revision, and
    the "created" and "published" entries of its history; returns the pages as saved, with their relations."""
    saved = _reload([page.pk for page in pages])
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=now,
            user_id=user_id,
            object_str=page.title,
            content=page.serializable_data(),
        )
        for page in saved
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH)
    for page, revision in zip(saved, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if live else None
    # One statement for the batch (bulk_update would build a CASE of every page): each new page has one revision.
    of_the_page = Revision.objects.filter(base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField()))
    own = Subquery(of_the_page.values("pk")[:1])
    Page.objects.filter(pk__in=[page.pk for page in saved]).update(
        latest_revision=own, live_revision=own if live else None
    )
    actions = ["wagtail.create", "wagtail.publish"] if live else ["wagtail.create"]
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=content_type,
                page_id=page.pk,
                label=page.title,
                action=action,
                timestamp=now,
                user_id=user_id,
                revision=revision,
                content_changed=True,
                data={},
            )
            for page, revision in zip(saved, revisions, strict=True)
            for action in actions
        ],
        batch_size=BATCH,
    )
    return saved
