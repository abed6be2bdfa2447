"""Demo content for the service directory: the directory page, organisations and over 150 services.

Idempotent: organisations are found by name and services by slug; a service is republished only if something
about it changed. Loads in well under a minute on SQLite."""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from wagtail.search import index

from localoffer.demo import get_or_create_home, update_page

from .demo_content import LANGUAGES, LOCALITIES, OPENING_TIMES, ORGANISATIONS, TEMPLATES
from .models import DirectoryPage, NeedType, Organisation, ServiceCategory, ServiceContact, ServicePage, ServiceVenue

DIRECTORY = {
    "title": "Find services and support",
    "intro": "Search for services, activities and support for children and young people aged 0 to 25 with special "
    "educational needs and disabilities in Northbrook and nearby. Filter by age, need and the kind of help you want.",
}
REVIEW_BASE = datetime.date(2026, 11, 1)
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
    directory = DirectoryPage.objects.child_of(home).first()
    if directory is None:
        directory = home.add_child(instance=DirectoryPage(slug="services", **DIRECTORY))
    return update_page(directory, **DIRECTORY)


def ensure_organisations():
    orgs = {}
    for key, (name, website, provider_type) in ORGANISATIONS.items():
        org, created = Organisation.objects.get_or_create(
            name=name, defaults={"website": website, "provider_type": provider_type}
        )
        if not created and (org.website, org.provider_type) != (website, provider_type):
            org.website, org.provider_type = website, provider_type
            org.save()
        orgs[key] = org
    return orgs


def _eligibility(min_age, max_age, need_names, area, routes):
    text = f"Children and young people aged {min_age} to {max_age}"
    if need_names:
        text += " with " + _join([n.split(" (")[0].lower() if n != "ADHD" else n for n in need_names])
    if area == "local":
        text += " who live in Northbrook or go to school or college there"
    text += "."
    if "e" in routes:
        text += " You need an EHC plan that names this provision."
    return text


def _join(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _steps(routes, org_name):
    steps = []
    if "s" in routes:
        steps.append(f"Contact {org_name} by phone or email, or fill in the form on their website.")
    if "p" in routes:
        steps.append("Ask a professional who knows your child (a GP, health visitor, SENCO or social worker) to refer.")
    if "e" in routes:
        steps.append("This is arranged through your child's EHC plan: talk to your SEN caseworker.")
    if "o" in routes:
        steps.append("Apply online or by phone; the policy on the council's website explains who qualifies.")
    steps.append("Someone will contact you within 10 working days to talk about what happens next.")
    return "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))


def service_specs():
    """Every demo service as (slug, fields, organisation key, category slugs, need slugs, venues, contacts)."""
    number = 0
    for template in TEMPLATES:
        (title, org_key, cats, needs, tier, (min_age, max_age), cost, routes, delivery, area, where, summary, desc) = (
            template
        )
        if where == "all":
            places = LOCALITIES
        elif where == "town":
            places = LOCALITIES[:3]
        else:
            places = [None]
        for place in places:
            number += 1
            if place is None:
                slug = slugify(title)
                full_title = title
                venues = [] if where == "national" else [_outside_venue(where, number)]
            else:
                slug = slugify(f"{title}-{place[0]}")
                full_title = f"{title} ({place[1]})"
                venues = [_venue(place, number)]
            yield (
                number,
                slug,
                full_title,
                org_key,
                cats,
                needs,
                tier,
                min_age,
                max_age,
                cost,
                routes,
                delivery,
                area,
                (
                    summary,
                    desc,
                    venues,
                ),
            )


def _venue(place, number):
    _slug, name, address, postcode, lat, lng = place
    venue_name, _, street = address.partition(", ")
    features = {f: bool((number >> i) & 1) or i == 0 for i, f in enumerate(VENUE_FEATURES)}
    return {
        "name": venue_name,
        "address": f"{street}\n{name}\nNorthbrook",
        "postcode": postcode,
        "latitude": lat,
        "longitude": lng,
        "opening_times": OPENING_TIMES[number % len(OPENING_TIMES)],
        **features,
        "accessibility_notes": "Quiet room available on request." if number % 3 == 0 else "",
    }


def _outside_venue(where, number):
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
    needs = {n.slug: n for n in NeedType.objects.all()}
    categories = {c.slug: c for c in ServiceCategory.objects.all()}
    existing = {
        p.slug: p
        for p in ServicePage.objects.child_of(directory).prefetch_related(
            "need_types", "categories", "venues", "contacts"
        )
    }
    created = updated = 0
    now = timezone.now()
    for spec in service_specs():
        (number, slug, title, org_key, cats, need_slugs, tier, min_age, max_age, cost, routes, delivery, area, rest) = (
            spec
        )
        summary, description, venues = rest
        org = orgs[org_key]
        need_names = [needs[s].name for s in need_slugs]
        fields = {
            "title": title,
            "summary": summary,
            "description": f"<p>{description}</p>",
            "organisation_id": org.pk,
            "tier": tier,
            "min_age": min_age,
            "max_age": max_age,
            "who_for": f"Children and young people aged {min_age} to {max_age}"
            + (f" with {_join([n.lower() if n != 'ADHD' else n for n in need_names])}" if need_names else "")
            + ", and their families.",
            "eligibility": _eligibility(min_age, max_age, need_names, area, routes),
            "access_steps": _steps(routes, org.name),
            "cost": cost,
            "cost_details": {
                "free": "",
                "some": "Some activities or trips have a small charge. Ask about help with costs.",
                "charged": "£4.50 a session; carers go free. Ask about concessions.",
            }[cost],
            "area": area,
            "languages": LANGUAGES[number % len(LANGUAGES)],
            "accountable_team": f"{org.name}: service manager",
            "decisions": f"{org.name} decides who can use the service, using the eligibility criteria on this page. "
            "If you disagree with a decision, ask the service manager to look at it again, or use the council's "
            "complaints procedure.",
            "last_reviewed": REVIEW_BASE - datetime.timedelta(days=(number * 37) % 500),
            **{name: key in routes for key, name in ROUTE_FIELDS.items()},
            **{name: key in delivery for key, name in DELIVERY_FIELDS.items()},
        }
        contacts = [
            {
                "name": "Enquiries",
                "phone": f"01632 960{(100 + number * 7) % 1000:03d}",
                "email": f"{slugify(org_key)}@{org.website.split('//')[1].split('/')[0]}",
                "website": org.website,
            }
        ]
        need_ids = {needs[s].pk for s in need_slugs}
        category_ids = {categories[s].pk for s in cats}
        page = existing.get(slug)
        if page is None:
            # Created live in one step (no revision history needed for demo data): much quicker than
            # save_revision().publish(); the search index entry is refreshed once the relations are saved.
            page = ServicePage(slug=slug, live=True, first_published_at=now, last_published_at=now, **fields)
            page.need_types = [needs[s] for s in need_slugs]
            page.categories = [categories[s] for s in cats]
            page.venues = [ServiceVenue(**v) for v in venues]
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
        page.need_types = [needs[s] for s in need_slugs]
        page.categories = [categories[s] for s in cats]
        page.venues = [ServiceVenue(**v) for v in venues]
        page.contacts = [ServiceContact(**c) for c in contacts]
        page.save_revision().publish()
        updated += 1
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
