"""Providers' contact details never reach a public page, the Open Referral API, a public export, the search index or
a log: seed provider contacts (and the names and addresses a provider gives with a proposed change), go through the
whole life, then fetch every public URL reachable from the home page and the sitemap, every API list and item, and
the public CSVs, and find none of them anywhere."""

import logging
import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from directory.models import ProposedChange, ReviewRequest, ServicePage
from directory.providers import cycle, decisions
from tests.crawl import crawl_for_secrets
from tests.factories import ProviderContactFactory, ServicePageFactory, get_home

pytestmark = pytest.mark.django_db

SECRETS_NAME = "Thaddeus Quillfeather"
MAX_PAGES = 250
API = "/api/openreferral/v3"


def seed():
    long_ago = timezone.localdate() - timedelta(days=400)
    secrets = {SECRETS_NAME}
    services = []
    for i in range(4):
        service = ServicePageFactory(
            title=f"Quiet service {i}", last_reviewed=long_ago, with_venue=True, need_types=["autism"]
        )
        contact = ProviderContactFactory(
            service=service, name=f"{SECRETS_NAME} {i}", email=f"thaddeus.quill{i}@provider-secret.example"
        )
        secrets |= {contact.name, contact.email}
        services.append(service)
    cycle.run_cycle()
    # One confirms; one proposes a change; an officer accepts part of another's.
    cycle.confirm(ReviewRequest.objects.get(service=services[0]))
    for service in services[1:3]:
        request = ReviewRequest.objects.get(service=service)
        cycle.claim(request)
        decisions.propose(request, {"summary": f"New summary for {service.title}."}, None, note=SECRETS_NAME)
    officer = get_user_model().objects.create_superuser("officer", "officer@council.example", "pw")
    decisions.accept(ProposedChange.objects.get(service=services[1]), ["summary"], officer)
    return secrets, services


def test_no_provider_contact_reaches_a_public_url_the_api_or_an_export(client, caplog):
    with caplog.at_level(logging.DEBUG):
        secrets, services = seed()
        assert len(secrets) == 9

        sitemap = client.get("/sitemap.xml").content.decode()
        start = ["/", "/robots.txt", "/search/?q=quiet", "/services/?q=quiet", "/you-said-we-did/"]
        start += [urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
        start += [service.url for service in services]
        # The API: every list in full, and each service, venue and organisation by id.
        start += [
            f"{API}/services?full=true&per_page=100",
            f"{API}/services?search=quiet&full=true",
            f"{API}/service_at_locations?full=true",
            f"{API}/organizations?full=true&full_service=true",
        ]
        for service in services:
            start.append(f"{API}/services/{service.uuid}")
            start += [f"{API}/service_at_locations/{venue.uuid}" for venue in service.venues.all()]
        # The thank-you pages a provider sees (with a session), and the link pages once used.
        seen = crawl_for_secrets(client, start, secrets, MAX_PAGES)
        assert len(seen) >= 20, f"only {len(seen)} public URLs were reached"
        assert {service.url for service in services} <= seen

        # The used links' pages say so, without the contact.
        for service in services:
            request = ReviewRequest.objects.filter(service=service).first()
            text = client.get(reverse("provider_check", args=[service.pk, cycle.make_token(request)])).content.decode()
            assert not any(secret in text for secret in secrets)

    # The search index holds none of it: searching for the contact's name finds nothing.
    assert not list(ServicePage.objects.live().search("Quillfeather"))
    assert not list(Page.objects.live().search("thaddeus"))
    # The log: the whole life above wrote no name or email address of a provider.
    for secret in secrets:
        assert secret not in caplog.text
    assert get_home() is not None
