"""The service directory's demo: the directory page, organisations and over 150 services, from organisations.toml
and services.toml.

Each service is one service page, with a venue in each locality it runs in. Some details vary from service to
service in a fixed pattern (phone number, review date, languages, opening times, venue features), so the demo has
variety without a line of data for each. Organisations are found by name and services by slug; a service is
republished only if something about it changed. Loads in well under a minute on SQLite."""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from wagtail.search import index

from directory.models import (
    DirectoryPage,
    Locality,
    NeedType,
    Organisation,
    ServiceCategory,
    ServiceContact,
    ServicePage,
    ServiceVenue,
)
from localoffer.demo import get_or_create_home

from .. import content
from ..upsert import update_page

REVIEW_BASE = datetime.date(2026, 11, 1)  # services were last reviewed up to 500 days before this
ROUTE_FIELDS = {"s": "self_referral", "p": "professional_referral", "e": "ehc_plan_needed", "o": "other_route"}
DELIVERY_FIELDS = {
    "i": "delivery_in_person",
    "o": "delivery_online",
    "p": "delivery_phone",
    "h": "delivery_home_visits",
}
VENUE_FEATURES = ["step_free", "hearing_loop", "accessible_toilet", "changing_places", "parking"]


def get_or_create_directory(home=None):
    home = home or get_or_create_home()
    fields = content.directory()
    directory = DirectoryPage.objects.child_of(home).first()
    if directory is None:
        directory = home.add_child(instance=DirectoryPage(slug="services", **fields))
    return update_page(directory, **fields)


def ensure_organisations():
    """Every organisation in organisations.toml, made or updated: {key: Organisation}."""
    orgs = {}
    for key, spec in content.organisations().items():
        website, provider_type = spec["website"], spec["provider_type"]
        org, created = Organisation.objects.get_or_create(
            name=spec["name"], defaults={"website": website, "provider_type": provider_type}
        )
        if not created and (org.website, org.provider_type) != (website, provider_type):
            org.website, org.provider_type = website, provider_type
            org.save()
        orgs[key] = org
    return orgs


def ensure_localities():
    """Every locality in services.toml as a town or area families filter by, made or updated: {key: Locality}."""
    found = {}
    for sort_order, (key, name, *_rest) in enumerate(content.localities()):
        locality, _created = Locality.objects.update_or_create(
            slug=slugify(name), defaults={"name": name, "sort_order": sort_order}
        )
        found[key] = locality
    return found


def _join(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _eligibility(min_age, max_age, need_names, area, routes):
    text = f"Children and young people aged {min_age} to {max_age}"
    if need_names:
        text += " with " + _join([n.split(" (")[0].lower() if n != "ADHD" else n for n in need_names])
    text += "."
    if area == "local":
        text += " They must live in Northbrook or go to school or college here."
    if "e" in routes:
        text += " You need an EHC plan that names this provision."
    return text


def _steps(routes, org_name):
    """How to get the service: a step for each way it takes referrals (in the order of content.REFERRAL), then the
    last step."""
    wording = content.wording()["access_steps"]
    steps = [wording[word] for word, code in content.REFERRAL.items() if code in routes]
    steps.append(wording["last"])
    return "\n".join(f"{n}. {step.replace('{organisation}', org_name)}" for n, step in enumerate(steps, 1))


def service_specs(locality_ids=None):
    """Every demo service page as (number, slug, title, service from content.services(), venues): one page per
    service, with a venue in each locality it runs in (each with its own opening times). `locality_ids` ({key:
    Locality id}) gives each venue its town or area."""
    localities = {place[0]: place for place in content.localities()}
    ids = locality_ids or {}
    for number, service in enumerate(content.services(), 1):
        if service["localities"]:
            venues = [
                {**_venue(localities[key], number + i), "locality_id": ids.get(key)}
                for i, key in enumerate(service["localities"])
            ]
        elif service["venue"]:
            venues = [{**_outside_venue(service["venue"]), "locality_id": ids.get(service["venue_locality"])}]
        else:
            venues = []
        yield number, slugify(service["title"]), service["title"], service, venues


def old_locality_slugs():
    """The slugs of the one-page-per-locality copies earlier demos made ("autism-social-club-westmoor")."""
    keys = [place[0] for place in content.localities()]
    return {slugify(f"{service['title']}-{key}") for service in content.services() for key in keys}


def _venue(place, number):
    _key, name, address, postcode, lat, lng = place
    venue_name, _, street = address.partition(", ")
    opening_times = content.opening_times()
    features = {f: bool((number >> i) & 1) or i == 0 for i, f in enumerate(VENUE_FEATURES)}
    return {
        "name": venue_name,
        "address": f"{street}\n{name}\nNorthbrook",
        "postcode": postcode,
        "latitude": lat,
        "longitude": lng,
        "opening_times": opening_times[number % len(opening_times)],
        **features,
        "accessibility_notes": "Quiet room available on request." if number % 3 == 0 else "",
    }


def _outside_venue(where):
    name, _, town = where.partition(", ")
    return {
        "name": name,
        "address": town,
        "postcode": "",
        "latitude": None,
        "longitude": None,
        "opening_times": "Term time, Monday to Friday",
        **{f: True for f in VENUE_FEATURES},
        "accessibility_notes": "",
    }


def load(stdout):
    directory = get_or_create_directory()
    orgs = ensure_organisations()
    locality_ids = {key: locality.pk for key, locality in ensure_localities().items()}
    needs = {n.slug: n for n in NeedType.objects.all()}
    categories = {c.slug: c for c in ServiceCategory.objects.all()}
    wording = content.wording()
    languages = content.languages()
    existing = {
        p.slug: p
        for p in ServicePage.objects.child_of(directory).prefetch_related(
            "need_types", "categories", "venues", "contacts"
        )
    }
    created = updated = 0
    now = timezone.now()
    for number, slug, title, service, venues in service_specs(locality_ids):
        org = orgs[service["organisation"]]
        min_age, max_age, routes, area = service["min_age"], service["max_age"], service["routes"], service["area"]
        need_names = [needs[s].name for s in service["needs"]]
        fields = {
            "title": title,
            "summary": service["summary"],
            "description": f"<p>{service['description']}</p>",
            "organisation_id": org.pk,
            "tier": service["tier"],
            "min_age": min_age,
            "max_age": max_age,
            # The needs are listed beside it (and in the eligibility), so this says who else it is for.
            "who_for": f"Children and young people aged {min_age} to {max_age}, and their families.",
            "eligibility": service["eligibility"] or _eligibility(min_age, max_age, need_names, area, routes),
            "access_steps": service["access"] or _steps(routes, org.name),
            "cost": service["cost"],
            "cost_details": wording["cost_details"][service["cost"]],
            "area": area,
            "languages": languages[number % len(languages)],
            "accountable_team": wording["accountable_team"].replace("{organisation}", org.name),
            "decisions": wording["decisions"].replace("{organisation}", org.name),
            "last_reviewed": REVIEW_BASE - datetime.timedelta(days=(number * 37) % 500),
            **{name: key in routes for key, name in ROUTE_FIELDS.items()},
            **{name: key in service["delivery"] for key, name in DELIVERY_FIELDS.items()},
        }
        contacts = [
            {
                "name": "Enquiries",
                "phone": f"01632 960{(100 + number * 7) % 1000:03d}",
                "email": f"{slugify(service['organisation'])}@{org.website.split('//')[1].split('/')[0]}",
                "website": org.website,
            }
        ]
        need_ids = {needs[s].pk for s in service["needs"]}
        category_ids = {categories[s].pk for s in service["categories"]}
        page = existing.get(slug)
        if page is None:
            # Created live in one step (no revision history needed for demo data): much quicker than
            # save_revision().publish(); the search index entry is refreshed once the relations are saved.
            page = ServicePage(slug=slug, live=True, first_published_at=now, last_published_at=now, **fields)
            page.need_types = [needs[s] for s in service["needs"]]
            page.categories = [categories[s] for s in service["categories"]]
            page.venues = [ServiceVenue(sort_order=i, **v) for i, v in enumerate(venues)]
            page.contacts = [ServiceContact(**c) for c in contacts]
            directory.add_child(instance=page)
            index.insert_or_update_object(page)
            created += 1
            continue
        same = (
            all(_same(getattr(page, k), v) for k, v in fields.items())
            and {n.pk for n in page.need_types.all()} == need_ids
            and {c.pk for c in page.categories.all()} == category_ids
            and _children(page.venues.all(), venues) == [_norm(v) for v in venues]
            and _children(page.contacts.all(), contacts) == [_norm(c) for c in contacts]
            and page.live
        )
        if same:
            continue
        for k, v in fields.items():
            setattr(page, k, v)
        page.need_types = [needs[s] for s in service["needs"]]
        page.categories = [categories[s] for s in service["categories"]]
        page.venues = [ServiceVenue(sort_order=i, **v) for i, v in enumerate(venues)]
        page.contacts = [ServiceContact(**c) for c in contacts]
        page.save_revision().publish()
        updated += 1
    # Earlier demos listed a service once per locality: those copies go (unpublished), so each service shows once.
    for page in ServicePage.objects.child_of(directory).live().filter(slug__in=old_locality_slugs()):
        page.unpublish()
    stdout.write(
        f"Directory: {len(orgs)} organisations, {ServicePage.objects.live().count()} live services "
        f"({created} new, {updated} updated)."
    )
    return directory


def _norm(data):
    return {k: (str(v) if v is not None else None) for k, v in data.items()}


def _children(objects, specs):
    keys = specs[0].keys() if specs else []
    return [_norm({k: getattr(obj, k) for k in keys}) for obj in objects]


def _same(a, b):
    if isinstance(a, datetime.date) or isinstance(b, datetime.date):
        return a == b
    return a == b or str(a) == str(b)
