"""Contact details people give with comments never reach a public page: seed them (in the contact fields and typed
into comments, on themed comments in a published report, on a page's "report a problem" comment), then fetch every
public URL of the site (the sitemap, every link reachable from the home page and the reports, the CSVs, searches for
the details themselves) and find none of them anywhere. Nor do they reach the log."""

import io
import logging
import re
from urllib.parse import urlparse

import pytest
from django.core.cache import cache

from demo.loaders import feedback as feedback_demo
from demo.loaders import site as site_demo
from feedback import protection
from feedback.models import Comment, Report, Role, Topic
from localoffer.demo import get_or_create_home
from tests.crawl import crawl_for_secrets

pytestmark = pytest.mark.django_db

SECRET_NAME = "Zephyrine Oakhollow"
SECRET_EMAIL = "zephyrine.oakhollow@example.net"
SECRET_PHONE = "07700 900456"
SECRET_POSTCODE = "LS6 2QX"
MAX_PAGES = 400


def seed():
    site_demo.load(io.StringIO())
    feedback_demo.load(io.StringIO())
    report = Report.objects.published().get()
    theme = report.themes.first()
    page = get_or_create_home().get_children().live().first().specific
    Comment.objects.create(
        topic=Topic.PAGE,
        role=Role.PARENT,
        body=f"Ring me on {SECRET_PHONE}, I live at {SECRET_POSTCODE}. Email {SECRET_EMAIL}.",
        name=SECRET_NAME,
        email=SECRET_EMAIL,
        consent_to_contact=True,
        page=page,
        page_title=page.title,
        theme=theme,
        received_at=theme.comments.first().received_at,
        internal_notes=f"Spoke to {SECRET_NAME}",
    )
    secrets = {SECRET_NAME, SECRET_EMAIL, SECRET_PHONE, SECRET_POSTCODE}
    for name, email, body in Comment.objects.exclude(email="").values_list("name", "email", "body"):
        secrets |= {name, email}
        secrets |= set(re.findall(r"07700 900\d{3}", body))
    return secrets, page


def test_no_contact_details_on_any_public_url(client, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    cache.clear()
    secrets, page = seed()
    assert len(secrets) > 20  # the demo gives plenty to look for

    sitemap = client.get("/sitemap.xml").content.decode()
    start = ["/", "/robots.txt", "/you-said-we-did/", "/you-said-we-did/themes.csv", "/have-your-say/"]
    start += [f"/have-your-say/?page={page.pk}"]
    start += [urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    # Searches for words around the details (a search page echoes its own query, so not the details themselves).
    start += [f"/search/?q={words}" for words in ("ring me", "email", "teenagers", "short breaks", "live at")]
    for report in Report.objects.all():
        start += [f"/you-said-we-did/{report.slug}/", f"/you-said-we-did/{report.slug}/themes.csv"]
    # A confirmation page for the seeded comment's submission, as its author would see it.
    response = client.post(
        "/have-your-say/",
        {
            "topic": "other",
            "role": "parent",
            "body": f"Thanks, {SECRET_PHONE}",
            "name": SECRET_NAME,
            "email": SECRET_EMAIL,
            "consent_to_contact": "on",
            "token": protection.new_form_token(),
        },
    )
    start.append(response["Location"])

    seen = crawl_for_secrets(client, start, secrets, MAX_PAGES)
    assert len(seen) >= 30, f"only {len(seen)} public URLs were reached"
    assert {"/you-said-we-did/", f"/you-said-we-did/{Report.objects.published().get().slug}/"} <= seen


def test_submitting_contact_details_writes_none_to_the_log(client, home_page, caplog, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    cache.clear()
    with caplog.at_level(logging.DEBUG):
        client.post(
            "/have-your-say/",
            {
                "topic": "other",
                "role": "parent",
                "body": f"call {SECRET_PHONE}",
                "name": SECRET_NAME,
                "email": SECRET_EMAIL,
                "consent_to_contact": "on",
                "token": protection.new_form_token(),
            },
        )
        client.post("/have-your-say/", {"email": SECRET_EMAIL, "name": SECRET_NAME, "token": "bad"})
    assert Comment.objects.filter(email=SECRET_EMAIL).count() == 1
    for secret in (SECRET_NAME, SECRET_EMAIL, SECRET_PHONE):
        assert secret not in caplog.text
