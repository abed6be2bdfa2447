"""Helpers for tests (and the benchmark) that need services in the database, created the way an officer would:
as pages under the directory, published."""

import itertools

from django.utils import timezone
from wagtail.search import index

from localoffer.demo import get_or_create_home

from ..choices import Tier
from ..taxonomy.models import NeedType, ServiceCategory
from .models import DirectoryPage, ServiceContact, ServicePage, ServiceVenue

_counter = itertools.count(1)


def get_directory():
    directory = DirectoryPage.objects.first()
    if directory is None:
        directory = get_or_create_home().add_child(instance=DirectoryPage(title="Find services", slug="services"))
    return directory


def make_service(directory=None, publish=True, needs=(), categories=("health",), venues=None, contacts=None, **fields):
    """A service page with sensible defaults; `needs` and `categories` are slugs."""
    directory = directory or get_directory()
    number = next(_counter)
    values = {
        "title": f"Service {number}",
        "slug": f"service-{number}",
        "summary": "A service for children and young people.",
        "tier": Tier.TARGETED,
        "min_age": 0,
        "max_age": 25,
        "eligibility": "Children who live in the area.",
        "self_referral": True,
        "access_steps": "Phone us.",
    }
    values.update(fields)
    page = ServicePage(**values)
    page.need_types = list(NeedType.objects.filter(slug__in=needs))
    page.categories = list(ServiceCategory.objects.filter(slug__in=categories))
    page.venues = [ServiceVenue(**v) for v in (venues or [])]
    page.contacts = [ServiceContact(**c) for c in (contacts or [{"name": "Reception", "phone": "01632 960000"}])]
    if publish:
        # Live in one step (quicker than a revision and publish), then indexed with its relations saved.
        page.live = True
        page.first_published_at = page.last_published_at = timezone.now()
        directory.add_child(instance=page)
        index.insert_or_update_object(page)
    else:
        page.live = False
        page.has_unpublished_changes = True
        directory.add_child(instance=page)
        page.save_revision()
    return page


def service_admin_form(**overrides):
    """The Wagtail admin's add/edit form data for a complete, publishable service (for tests that post to it).

    `categories` is a list of ServiceCategory pks (default: health); anything else overrides a field."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = {
        "title": "Speech therapy drop-in",
        "slug": "speech-therapy-drop-in",
        "summary": "Drop in and talk to a speech therapist.",
        "description": rich_text("<p>We help.</p>"),
        "tier": "targeted",
        "min_age": "2",
        "max_age": "11",
        "eligibility": "Children who live in the borough.",
        "self_referral": "on",
        "access_steps": "Just come along.",
        "cost": "free",
        "area": "local",
        "venues": inline_formset([]),
        "contacts": inline_formset([{"name": "Reception", "phone": "01234 567890", "email": "", "website": ""}]),
        "comments": inline_formset([]),
    }
    categories = overrides.pop("categories", [ServiceCategory.objects.get(slug="health").pk])
    data.update(overrides)
    data = nested_form_data(data)
    data["categories"] = categories  # a list: the test client sends one value per item
    return data
