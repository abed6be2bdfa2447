"""Providers' answers, for officers: response rate, time to answer, and the services never confirmed by their
provider, per service and in total, filtered by owning team, with CSV. Read by the admin report (admin.py).

A few queries whatever the number of services: the requests and the provider contacts are read once each."""

from dataclasses import dataclass, field
from datetime import datetime
from statistics import median

from localoffer.models import ReviewTeam

from ..services.models import ServicePage
from .models import ReviewRequest


@dataclass
class ServiceAnswers:
    service: ServicePage
    asked: int = 0
    answered: int = 0
    confirmed: int = 0
    proposed: int = 0
    last_asked: datetime | None = None
    last_answer: str = ""
    last_answered: datetime | None = None
    days: list[float] = field(default_factory=list)

    @property
    def never_confirmed(self) -> bool:
        return self.confirmed == 0

    @property
    def median_days(self) -> float | None:
        return round(median(self.days), 1) if self.days else None


@dataclass
class Summary:
    rows: list[ServiceAnswers]
    asked: int
    answered: int
    median_days: float | None
    never_confirmed: int

    @property
    def response_rate(self) -> int | None:
        return round(100 * self.answered / self.asked) if self.asked else None


def answers(team: ReviewTeam | None = None, never_confirmed_only: bool = False) -> Summary:
    """Every service with a provider contact or a request, with its answers; the totals over those rows."""
    services = ServicePage.objects.filter(provider_contact__isnull=False).select_related("review_owner")
    requests = ReviewRequest.objects.select_related("service", "service__review_owner").order_by("sent_at")
    if team is not None:
        services = services.filter(review_owner=team)
        requests = requests.filter(service__review_owner=team)
    rows: dict[int, ServiceAnswers] = {page.pk: ServiceAnswers(service=page) for page in services}
    for request in requests:
        row = rows.setdefault(request.service_id, ServiceAnswers(service=request.service))
        row.asked += 1
        row.last_asked = request.sent_at
        if request.used_at:
            row.answered += 1
            row.confirmed += request.answer == ReviewRequest.ANSWER_CONFIRMED
            row.proposed += request.answer == ReviewRequest.ANSWER_PROPOSED
            row.last_answer = request.get_answer_display()
            row.last_answered = request.used_at
            row.days.append((request.used_at - request.sent_at).total_seconds() / 86400)
        elif request.is_expired():
            row.last_answer = "No answer"
        else:
            row.last_answer = "Waiting"
    listed = sorted(rows.values(), key=lambda row: row.service.title)
    all_days = [days for row in listed for days in row.days]
    summary = Summary(
        rows=[row for row in listed if row.never_confirmed] if never_confirmed_only else listed,
        asked=sum(row.asked for row in listed),
        answered=sum(row.answered for row in listed),
        median_days=round(median(all_days), 1) if all_days else None,
        never_confirmed=sum(row.never_confirmed for row in listed),
    )
    return summary
