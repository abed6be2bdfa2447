"""The life of an email alert: request, confirm (double opt-in), digests, "do you still want these?", unsubscribe,
and deletion. The management command `send_search_alerts` (cron, daily) runs `run_alerts`; emails go through the
worker (localoffer.tasks.send_email).

- A request is a SearchAlert without confirmed_at, and a confirmation email. Unconfirmed after ALERTS_CONFIRM_DAYS
  days, it is deleted (address and all).
- A confirmed alert gets a digest when something its search matches was added, closed or changed since the last one
  (or since it was confirmed), and at most every ALERTS_DIGEST_DAYS days. Nothing new: no email.
- ALERTS_ASK_DAYS_BEFORE days before a year passes without its owner saying they still want it (confirming counts),
  it asks once; no answer by the year's end and it is deleted.
- Every email carries a link to stop at once, and List-Unsubscribe and List-Unsubscribe-Post headers (RFC 8058:
  mail programs unsubscribe with one POST). Unsubscribing deletes the alert.

Links carry signed tokens (django.core.signing, one salt per purpose) over "<alert id>.<nonce>": a confirmation link
expires with the request; the others last as long as the alert. A token for a deleted alert is "no longer works".
Nothing here logs an address: counts only."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from localoffer.tasks import send_email

from ..changes.matching import matching
from ..changes.models import ServiceChange
from ..changes.query import DirectorySearch, parse_query_string
from ..services.models import directory_path
from .models import SearchAlert

logger = logging.getLogger(__name__)

Purpose = Literal["confirm", "unsubscribe", "keep"]
SALTS: dict[str, str] = {
    "confirm": "directory.alerts.confirm",
    "unsubscribe": "directory.alerts.unsubscribe",
    "keep": "directory.alerts.keep",
}


class TokenError(Exception):
    pass


def make_token(alert: SearchAlert, purpose: Purpose) -> str:
    return signing.TimestampSigner(salt=SALTS[purpose]).sign(f"{alert.pk}.{alert.nonce}")


def read_token(token: str, purpose: Purpose) -> SearchAlert:
    """The alert a token belongs to, if the token is genuine (and, to confirm, in date) and the alert still exists."""
    max_age = settings.ALERTS_CONFIRM_DAYS * 86400 if purpose == "confirm" else None
    try:
        value = signing.TimestampSigner(salt=SALTS[purpose]).unsign(token or "", max_age=max_age)
        pk, nonce = value.split(".", 1)
        alert = SearchAlert.objects.get(pk=int(pk))
    except (signing.BadSignature, ValueError, SearchAlert.DoesNotExist):
        raise TokenError from None
    if not constant_time_compare(alert.nonce, nonce):
        raise TokenError
    return alert


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def links(alert: SearchAlert) -> dict[str, str]:
    query = f"?{alert.query}" if alert.query else ""
    return {
        "confirm": absolute(reverse("alert_confirm", args=[make_token(alert, "confirm")])),
        "unsubscribe": absolute(reverse("alert_unsubscribe", args=[make_token(alert, "unsubscribe")])),
        "keep": absolute(reverse("alert_keep", args=[make_token(alert, "keep")])),
        "whats_new": absolute(reverse("whats_new") + query),
        "directory": absolute(directory_path() + query),
    }


def _send(alert: SearchAlert, template: str, subject: str, **context: object) -> None:
    urls = links(alert)
    search = parse_query_string(alert.query)
    body = render_to_string(
        f"directory/alerts/email/{template}.txt",
        {"links": urls, "search": search.describe(), "settings": settings, **context},
    )
    headers = {"List-Unsubscribe": f"<{urls['unsubscribe']}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    send_email.enqueue(subject, body, [alert.email], headers=headers)


def request_alert(email: str, search: DirectorySearch) -> SearchAlert:
    """Save a request and send the confirmation email (to the worker)."""
    alert = SearchAlert.objects.create(email=email, query=search.query_string)
    _send(alert, "confirm", "Confirm your email alerts", days=settings.ALERTS_CONFIRM_DAYS)
    return alert


def confirm(alert: SearchAlert) -> SearchAlert:
    """Confirm a request (again is harmless). The same address already confirmed for the same search keeps its
    alert; this request is dropped."""
    if alert.confirmed_at is not None:
        return alert
    same = SearchAlert.objects.confirmed().filter(email__iexact=alert.email, query=alert.query).first()
    if same is not None:
        alert.delete()
        return same
    now = timezone.now()
    alert.confirmed_at = alert.interest_confirmed_at = now
    alert.save(update_fields=["confirmed_at", "interest_confirmed_at"])
    return alert


def unsubscribe(alert: SearchAlert) -> None:
    alert.delete()


def keep(alert: SearchAlert) -> None:
    alert.interest_confirmed_at = timezone.now()
    alert.interest_asked_at = None
    alert.save(update_fields=["interest_confirmed_at", "interest_asked_at"])


@dataclass
class RunReport:
    expired_requests: int = 0
    digests: int = 0
    asked: int = 0
    deleted_no_answer: int = 0

    def __str__(self) -> str:
        return (
            f"{self.digests} digest(s) sent, {self.asked} asked whether they still want alerts, "
            f"{self.deleted_no_answer} deleted for no answer, {self.expired_requests} unconfirmed request(s) deleted"
        )


def run_alerts(now: datetime | None = None) -> RunReport:
    """The daily job: delete what has expired, ask the yearly question, send the digests that are due."""
    now = now or timezone.now()
    report = RunReport()
    report.expired_requests, _ = (
        SearchAlert.objects.unconfirmed().filter(created_at__lt=now - timedelta(days=settings.ALERTS_CONFIRM_DAYS))
    ).delete()
    keep_until = now - timedelta(days=settings.ALERTS_KEEP_DAYS)
    report.deleted_no_answer, _ = SearchAlert.objects.confirmed().filter(interest_confirmed_at__lt=keep_until).delete()
    ask_from = keep_until + timedelta(days=settings.ALERTS_ASK_DAYS_BEFORE)
    for alert in SearchAlert.objects.confirmed().filter(interest_confirmed_at__lt=ask_from, interest_asked_at=None):
        alert.interest_asked_at = now
        alert.save(update_fields=["interest_asked_at"])
        deadline = alert.interest_confirmed_at + timedelta(days=settings.ALERTS_KEEP_DAYS)
        _send(alert, "still_want", "Do you still want these email alerts?", deadline=deadline)
        report.asked += 1

    due_before = now - timedelta(days=settings.ALERTS_DIGEST_DAYS)
    alerts = list(SearchAlert.objects.confirmed().exclude(last_sent_at__gt=due_before).order_by("pk"))
    if alerts:
        oldest = min(max(a.confirmed_at, a.last_sent_at or a.confirmed_at) for a in alerts)
        changes = list(ServiceChange.objects.since(oldest))
        searches: dict[str, DirectorySearch] = {}
        for alert in alerts:
            if alert.query not in searches:
                searches[alert.query] = parse_query_string(alert.query)
            search = searches[alert.query]
            since = max(alert.confirmed_at, alert.last_sent_at or alert.confirmed_at)
            new = matching([c for c in changes if c.happened_at > since], search.active, search.keyword)
            if not new:
                continue
            alert.last_sent_at = now
            alert.save(update_fields=["last_sent_at"])
            for change in new:
                change.link = absolute(change.url) if change.url and change.kind != "closed" else ""
            count = len(new)
            subject = f"{count} change{'s' if count != 1 else ''} to services you asked about"
            _send(alert, "digest", subject, changes=new)
            report.digests += 1
    logger.info("Search alerts: %s", report)
    return report
