"""The weekly digest to each owning team: pages due for review, and whatever other apps add (broken links...).

A section is a function taking `today` and returning (heading, {email: [line, ...]}), registered for the
"localoffer_digest_sections" hook in a wagtail_hooks.py. Each team's email is queued for the worker to send
(localoffer.tasks.send_email), so one mail server failure is retried for that team alone."""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from localoffer.models import LocalOfferSettings
from localoffer.tasks import send_email


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def fallback_email():
    """Where items with no owning team go: the Local Offer team's address from site settings."""
    site = Site.objects.filter(is_default_site=True).first()
    return LocalOfferSettings.for_site(site).email if site else ""


def build_digests(today):
    """{email: text} for every owner with something to do."""
    sections = defaultdict(list)
    for section in hooks.get_hooks("localoffer_digest_sections"):
        heading, by_email = section(today)
        for email, lines in by_email.items():
            if email and lines:
                sections[email].append(f"{heading}\n\n" + "\n".join(lines))
    return {email: "\n\n".join(parts) for email, parts in sections.items()}


def send_digests(today):
    report_url = admin_url(reverse("localoffer_due_for_review"))
    sent = 0
    for email, body in sorted(build_digests(today).items()):
        send_email.enqueue(
            "Local Offer: pages and links that need your attention",
            f"{body}\n\nThe full list is in the admin: {report_url}\n",
            [email],
        )
        sent += 1
    return sent
