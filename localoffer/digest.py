"""The weekly digest to each owning team: pages due for review, and whatever other apps add (broken links...).

An app adds a section with `@hooks.register("localoffer_digest_sections")` on a function taking `today` and
returning (heading, {email: [line, ...]})."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from .models import LocalOfferSettings
from .reviews import due_for_review


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def fallback_email():
    """Where items with no owning team go: the Local Offer team's address from site settings."""
    site = Site.objects.filter(is_default_site=True).first()
    return LocalOfferSettings.for_site(site).email if site else ""


@hooks.register("localoffer_digest_sections")
def review_section(today):
    lines = defaultdict(list)
    for item in due_for_review(today=today):
        owner = item.page.review_owner
        email = owner.email if owner else fallback_email()
        state = f"overdue since {item.due:%d %B %Y}" if item.overdue else f"due {item.due:%d %B %Y}"
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[item.page.pk]))
        lines[email].append(f"- {item.page.title} ({state}): {edit}")
    return "Pages due for review", lines


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
        send_mail(
            subject="Local Offer: pages and links that need your attention",
            message=f"{body}\n\nThe full list is in the admin: {report_url}\n",
            from_email=None,
            recipient_list=[email],
        )
        sent += 1
    return sent
