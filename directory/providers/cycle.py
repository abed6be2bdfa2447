"""The "is this still right?" cycle: who is asked and when, their signed links, reminders, and the answer "yes".

A service is asked when it is live, has a provider contact, and its review is due within PROVIDER_REVIEW_DUE_WITHIN_DAYS
or overdue; it is asked once per review cycle: not again while a request sent since its last review (or first
publication) exists. A reminder goes PROVIDER_REMINDER_AFTER_DAYS after the first email if the link is unused;
once the link has expired unanswered, the owning team's weekly digest says so (providers/admin.py's digest section)
until the page is reviewed.

Tokens (localoffer/tokens.py) are signed over "<request id>.<service id>.<nonce>.<email fingerprint>": refused when
tampered with, older than PROVIDER_LINK_DAYS (counted from the first email, reminders included), used, for another
service, or when the provider contact's email is no longer the one the link was sent to. Emails are queued
(localoffer.tasks.send_email); nothing here logs an email address or a name."""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from localoffer import tokens
from localoffer.tasks import send_email
from localoffer.tokens import TokenError

from ..services.models import ServicePage
from ..upkeep.reviews import due_for_review, mark_reviewed
from .models import ProviderContact, ReviewRequest

logger = logging.getLogger(__name__)

SALT = "directory.providers.review"
CONFIRMED_ACTION = "directory.provider_confirmed"


def make_token(request: ReviewRequest) -> str:
    return tokens.make(SALT, request.pk, request.service_id, request.nonce, tokens.fingerprint(SALT, request.email))


def read_token(token: str, service_id: int) -> ReviewRequest:
    """The request a token belongs to, if genuine, in date, unused, for this service and its current contact."""
    max_age = settings.PROVIDER_LINK_DAYS * 86400
    pk, token_service, nonce, email_hash = tokens.read(token, SALT, max_age, parts=4)
    try:
        request = ReviewRequest.objects.select_related("service").get(pk=int(pk))
    except (ValueError, ReviewRequest.DoesNotExist):
        raise TokenError("invalid") from None
    contact = ProviderContact.objects.filter(service_id=request.service_id).first()
    if (
        str(request.service_id) != token_service
        or request.service_id != service_id
        or not tokens.same(request.nonce, nonce)
        or not tokens.same(tokens.fingerprint(SALT, request.email), email_hash)
        or contact is None
        or contact.email.strip().lower() != request.email.strip().lower()
    ):
        raise TokenError("invalid")
    if request.used_at is not None:
        raise TokenError("used")
    if request.is_expired():
        raise TokenError("expired")
    return request


def claim(request: ReviewRequest) -> None:
    if not tokens.claim(ReviewRequest, request.pk, "used_at"):
        raise TokenError("used")
    request.refresh_from_db()


def absolute(base_url: str | None, path: str) -> str:
    return f"{(base_url or settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{path}"


def check_url(request: ReviewRequest, base_url: str | None = None) -> str:
    return absolute(base_url, reverse("provider_check", args=[request.service_id, make_token(request)]))


# Who is asked ------------------------------------------------------------------------------------------------


def _cycle_start(page: ServicePage) -> date | None:
    return page.last_reviewed or (page.first_published_at.date() if page.first_published_at else None)


def services_to_ask(today: date | None = None) -> list[ServicePage]:
    """Live services due for review within the window (or overdue) with a provider contact, not yet asked this
    cycle. A handful of queries, whatever the number of services."""
    items = due_for_review(today=today, within_days=settings.PROVIDER_REVIEW_DUE_WITHIN_DAYS, model=ServicePage)
    pages = [item.page for item in items]
    with_contact = set(ProviderContact.objects.filter(service__in=pages).values_list("service_id", flat=True))
    last_sent: dict[int, datetime] = {}
    for service_id, sent_at in ReviewRequest.objects.filter(service_id__in=with_contact).values_list(
        "service_id", "sent_at"
    ):
        if service_id not in last_sent or sent_at > last_sent[service_id]:
            last_sent[service_id] = sent_at
    ask = []
    for page in pages:
        if page.pk not in with_contact:
            continue
        start = _cycle_start(page)
        sent = last_sent.get(page.pk)
        if sent is not None and (start is None or timezone.localdate(sent) >= start):
            continue
        ask.append(page)
    return ask


@dataclass
class CycleResult:
    asked: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)


def _send(template: str, request: ReviewRequest, contact: ProviderContact, subject: str, base_url: str | None) -> None:
    context = {
        "service": request.service,
        "contact_name": contact.name,
        "check_url": check_url(request, base_url),
        "expires": timezone.localtime(request.expires_at),
        "link_days": settings.PROVIDER_LINK_DAYS,
        "page_url": absolute(base_url, request.service.url or "/"),
    }
    body = render_to_string(f"directory/providers/email/{template}.txt", context)
    send_email.enqueue(subject, body, [request.email])


def run_cycle(now: datetime | None = None, base_url: str | None = None) -> CycleResult:
    """Ask every service due, and remind those asked PROVIDER_REMINDER_AFTER_DAYS ago that have not answered. Safe to
    run as often as you like: nobody is asked or reminded twice."""
    now = now or timezone.now()
    result = CycleResult()
    for page in services_to_ask(timezone.localdate(now)):
        contact = ProviderContact.objects.get(service=page)
        request = ReviewRequest.objects.create(service=page, email=contact.email, sent_at=now)
        _send("ask", request, contact, f"Is your listing for {page.title} still right?", base_url)
        result.asked.append(page.pk)
        logger.info("Provider review request %s sent for service %s", request.pk, page.pk)
    remind_before = now - timedelta(days=settings.PROVIDER_REMINDER_AFTER_DAYS)
    expired_before = now - timedelta(days=settings.PROVIDER_LINK_DAYS)
    due_reminders = ReviewRequest.objects.filter(
        used_at__isnull=True,
        reminded_at__isnull=True,
        sent_at__lte=remind_before,
        sent_at__gt=expired_before,
        service__live=True,
    ).select_related("service")
    contacts = {c.service_id: c for c in ProviderContact.objects.filter(service__in=due_reminders.values("service"))}
    for request in due_reminders:
        found = contacts.get(request.service_id)
        if found is None or found.email.strip().lower() != request.email.strip().lower():
            continue  # the contact changed: the old link no longer works; the next cycle asks the new one
        if ReviewRequest.objects.filter(pk=request.pk, reminded_at__isnull=True).update(reminded_at=now) != 1:
            continue
        _send(
            "reminder",
            request,
            found,
            f"Reminder: is your listing for {request.service.title} still right?",
            base_url,
        )
        result.reminded.append(request.service_id)
        logger.info("Provider review request %s: reminder sent", request.pk)
    return result


# The answer "yes, it is all still right" -----------------------------------------------------------------------


def confirm(request: ReviewRequest) -> ServicePage:
    """The provider says the listing is all still right: a review by the provider (the page's last reviewed date,
    logged with who and when). Raises TokenError("used") if the link was used meanwhile."""
    claim(request)
    ReviewRequest.objects.filter(pk=request.pk).update(answer=ReviewRequest.ANSWER_CONFIRMED)
    page = ServicePage.objects.get(pk=request.service_id)
    mark_reviewed(page, user=None)
    log(instance=page, action=CONFIRMED_ACTION, user=None, data={"request": request.pk})
    logger.info("Provider review request %s: confirmed", request.pk)
    return page


def confirmed_since(since: datetime) -> list[ReviewRequest]:
    return list(
        ReviewRequest.objects.filter(answer=ReviewRequest.ANSWER_CONFIRMED, used_at__gte=since)
        .select_related("service", "service__review_owner")
        .order_by("service__title")
    )


def unanswered() -> list[ReviewRequest]:
    """Requests whose link expired unanswered, with no later request for the service, and the page not reviewed
    since it was sent."""
    expired_before = timezone.now() - timedelta(days=settings.PROVIDER_LINK_DAYS)
    later = ReviewRequest.objects.filter(service=OuterRef("service"), sent_at__gt=OuterRef("sent_at"))
    found = []
    for request in (
        ReviewRequest.objects.filter(used_at__isnull=True, sent_at__lte=expired_before)
        .exclude(Exists(later))
        .select_related("service", "service__review_owner")
        .order_by("service__title")
    ):
        page = request.service
        if page.last_reviewed and page.last_reviewed >= timezone.localdate(request.sent_at):
            continue
        found.append(request)
    return found
