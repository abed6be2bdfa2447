"""Recording What's new: when a service is published, unpublished or deleted, compare it with its last published
state (ServiceState) and log what a family would want to know (ServiceChange).

- published, and not live before (or never seen): "added";
- published again with a change to its eligibility, cost, how to get it, contact details or venues: "changed",
  naming what changed, unless the officer ticked "minor edit" on that revision;
- unpublished (by an officer, or by Wagtail's scheduled job once it is past its expiry date) or deleted while live:
  "closed".

Other edits (the name, the description, a typo) update the state silently. Connected to Wagtail's signals in
DirectoryConfig.ready()."""

from django.utils import timezone

from ..ages import AGE_BANDS
from ..choices import ACCESS_ROUTES, DELIVERY, Cost
from ..places.models import Locality
from ..services.models import ServicePage
from .models import ChangeKind, ServiceChange, ServiceState

# What "significantly changed" means: (label shown to families, the facts compared).
SIGNIFICANT = ["eligibility", "cost", "how to get it", "contact details", "venue"]


def facts(service: ServicePage) -> dict:
    """The parts of a service that matter to a family, as plain values to compare."""
    return {
        "eligibility": service.eligibility.strip(),
        "cost": [service.cost, service.cost_details.strip()],
        "how to get it": [*(bool(getattr(service, name)) for name, _label in ACCESS_ROUTES), service.access_steps],
        "contact details": [[c.name, c.phone, c.email, c.website] for c in service.contacts.all()],
        "venue": [
            [
                v.name,
                v.address,
                v.postcode,
                v.opening_times,
                *(bool(getattr(v, name)) for name, _label in v.ACCESSIBILITY),
                v.accessibility_notes,
            ]
            for v in service.venues.all()
        ],
    }


def facets(service: ServicePage) -> dict:
    """What the directory's filters read (DirectoryFilterSet groups), plus the words a keyword search matches."""
    needs = list(service.need_types.select_related("area"))
    categories = list(service.categories.all())
    min_age, max_age = service.min_age, service.max_age
    organisation = service.organisation.name if service.organisation is not None else ""
    return {
        "min_age": min_age,
        "max_age": max_age,
        "age_band": [
            band.slug
            for band in AGE_BANDS
            if min_age is not None and max_age is not None and band.overlaps(min_age, max_age)
        ],
        "need": [n.slug for n in needs],
        "area_of_need": sorted({n.area.slug for n in needs}),
        "tier": [service.tier],
        "category": [c.slug for c in categories],
        "free": service.cost == Cost.FREE,
        "self_referral": bool(service.self_referral),
        "delivery": [name.removeprefix("delivery_") for name, _label in DELIVERY if getattr(service, name)],
        "locality": sorted(
            Locality.objects.filter(pk__in={v.locality_id for v in service.venues.all()}).values_list("slug", flat=True)
        ),
        "area": [service.area],
        "words": " ".join(
            [service.title, service.summary, organisation, *(n.name for n in needs), *(c.name for c in categories)]
        ),
    }


def _log(service: ServicePage, kind: str, what=(), url: str = "") -> ServiceChange:
    return ServiceChange.objects.create(
        page=service if service.pk else None,
        kind=kind,
        title=service.title,
        summary=service.summary,
        url=url,
        what=list(what),
        facets=facets(service),
        happened_at=timezone.now(),
    )


def service_published(sender, instance: ServicePage, revision=None, **kwargs) -> None:
    """page_published: log "added" or "changed" (see the module's docstring). A service the public cannot see (behind
    a login or password, or off the site) is not news: nothing is logged, and it is "added" once it is published
    where families can see it."""
    service = instance
    if not ServicePage.objects.visible().filter(pk=service.pk).exists():
        ServiceState.objects.update_or_create(page_id=service.pk, defaults={"facts": facts(service), "live": False})
        return
    now_facts = facts(service)
    state = ServiceState.objects.filter(page_id=service.pk).first()
    minor = bool(revision is not None and revision.content.get("minor_edit"))
    url = service.get_url() or ""
    if state is None or not state.live:
        _log(service, ChangeKind.ADDED, url=url)
    elif not minor and state.facts is not None:
        changed = [label for label in SIGNIFICANT if state.facts.get(label) != _plain(now_facts[label])]
        if changed:
            _log(service, ChangeKind.CHANGED, changed, url=url)
    ServiceState.objects.update_or_create(page_id=service.pk, defaults={"facts": now_facts, "live": True})


def service_unpublished(sender, instance: ServicePage, **kwargs) -> None:
    """page_unpublished: log "closed" if it was live."""
    _closed(instance)


def service_deleted(sender, instance: ServicePage, **kwargs) -> None:
    """pre_delete: log "closed" if it was live; forget its state."""
    _closed(instance)
    ServiceState.objects.filter(page_id=instance.pk).delete()


def _closed(service: ServicePage) -> None:
    updated = ServiceState.objects.filter(page_id=service.pk, live=True).update(live=False)
    if updated:
        _log(service, ChangeKind.CLOSED)


def _plain(value):
    """A value as it comes back from the JSON column (tuples become lists)."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
