"""The review cycle: which live pages are due for review, marking a page reviewed, and the owners' digest.

Every page type that uses ReviewedPageMixin takes part; each is asked once (one query per page type), however
many pages there are."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page

from localoffer.dates import add_months
from localoffer.models import ReviewedPageMixin, ReviewTeam

DUE_SOON_DAYS = 30


def reviewed_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ReviewedPageMixin) and issubclass(model, Page) and not model._meta.abstract
    ]


@dataclass
class DueItem:
    page: Page
    due: datetime.date
    today: datetime.date

    @property
    def overdue(self):
        return self.due < self.today

    @property
    def kind(self):
        return self.page._meta.verbose_name


def due_for_review(today=None, within_days=DUE_SOON_DAYS, owner=None, model=None, tier=None, member=None):
    """Live pages that are overdue or fall due within `within_days`, most overdue first; `member`: only those owned
    by a review team that user belongs to."""
    today = today or timezone.localdate()
    items = []
    for page_model in reviewed_page_models():
        if model is not None and page_model is not model:
            continue
        # A page is due when its review start date is on or before this cut-off.
        cutoff = add_months(today + datetime.timedelta(days=within_days), -page_model.review_interval_months())
        pages = page_model.objects.live().filter(
            Q(last_reviewed__lte=cutoff) | Q(last_reviewed__isnull=True, first_published_at__date__lte=cutoff)
        )
        if owner is not None:
            pages = pages.filter(review_owner=owner)
        if member is not None:
            pages = pages.filter(review_owner__in=ReviewTeam.objects.with_member(member))
        if tier:
            if not any(field.name == "tier" for field in page_model._meta.get_fields()):
                continue
            pages = pages.filter(tier=tier)
        for page in pages.select_related("review_owner"):
            items.append(DueItem(page=page, due=page.review_due, today=today))
    return sorted(items, key=lambda item: (item.due, item.page.title))


def set_review_owner(page, team) -> bool:
    """Give a page its owning team, on the live row and the latest revision both, so publishing a later draft keeps
    it. False if it had that team already."""
    if page.review_owner_id == team.pk:
        return False
    page.review_owner = team
    page.save(update_fields=["review_owner"], clean=False)
    revision = page.latest_revision
    if revision is not None:
        revision.content["review_owner"] = team.pk
        revision.save(update_fields=["content"])
    return True


def mark_reviewed(page, user, today=None, note=""):
    """Record that someone checked the page, without a new revision of its content; the action is logged with the
    reviewer's one-line note of what was checked (the page's history shows it).

    The latest revision is updated too, so publishing a later draft does not bring back the old date."""
    today = today or timezone.localdate()
    page.last_reviewed = today
    page.save(update_fields=["last_reviewed"], clean=False)
    revision = page.latest_revision
    if revision is not None:
        revision.content["last_reviewed"] = today.isoformat()
        revision.save(update_fields=["content"])
    data = {"date": today.isoformat(), "note": note.strip()} if note.strip() else {"date": today.isoformat()}
    log(instance=page, action="localoffer.mark_reviewed", user=user, data=data)
    return page


REVIEW_STATUSES = [("overdue", "Overdue"), ("due", f"Due within {DUE_SOON_DAYS} days"), ("fine", "Not due yet")]


def review_status_filter(page_model, status, today=None, within_days=DUE_SOON_DAYS):
    """A Q selecting pages of `page_model` in a review status: "overdue" (past their review date), "due" (falling due
    within `within_days`) or "fine" (neither). The same dates as due_for_review, as a query."""
    today = today or timezone.localdate()
    months = page_model.review_interval_months()
    overdue = started_before(add_months(today, -months), "lt")
    due = started_before(add_months(today + datetime.timedelta(days=within_days), -months), "lte")
    if status == "overdue":
        return overdue
    if status == "due":
        return due & ~overdue
    return ~due


def started_before(cutoff, lookup):
    """Pages whose review clock (last review, else first publication) started before (lt) or by (lte) `cutoff`."""
    return Q(**{f"last_reviewed__{lookup}": cutoff}) | Q(
        last_reviewed__isnull=True, **{f"first_published_at__date__{lookup}": cutoff}
    )
