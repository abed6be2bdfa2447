"""Upkeep in the admin: the report URLs and their Reports menu items, the officers' dashboard counts and the
sections of the owners' weekly digest. Plain functions; directory/wagtail_hooks.py registers each one."""

from collections import defaultdict

from django.urls import path, reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from .dashboard import DashboardCount
from .digest import admin_url, fallback_email
from .links import broken_by_page, broken_link_count, digest_after, last_link_check
from .models import LinkCheck
from .readability import pages_over_target, target
from .reports import statutory_coverage
from .reviews import due_for_review
from .views import (
    BrokenLinksView,
    CoverageView,
    DueForReviewView,
    ReadingAgeView,
    SufficiencyView,
    check_links_now,
    mark_page_reviewed,
    recheck_link,
)


def admin_urls():
    return [
        path("reports/due-for-review/", DueForReviewView.as_view(), name="localoffer_due_for_review"),
        path("pages/<int:page_id>/mark-reviewed/", mark_page_reviewed, name="localoffer_mark_reviewed"),
        path("reports/broken-links/", BrokenLinksView.as_view(), name="directory_broken_links"),
        path("reports/broken-links/<int:link_id>/recheck/", recheck_link, name="directory_recheck_link"),
        path("reports/broken-links/check-now/", check_links_now, name="directory_check_links_now"),
        path("reports/statutory-coverage/", CoverageView.as_view(), name="directory_statutory_coverage"),
        path("reports/sufficiency/", SufficiencyView.as_view(), name="directory_sufficiency"),
        path("reports/reading-age/", ReadingAgeView.as_view(), name="directory_reading_age"),
    ]


def due_for_review_menu_item():
    return MenuItem("Due for review", reverse("localoffer_due_for_review"), icon_name="time", order=10)


def broken_links_menu_item():
    return MenuItem("Broken links", reverse("directory_broken_links"), icon_name="warning", order=20)


def broken_links_count(request):
    """Honest: until a link check has run there is no count, and the dashboard says so, not "all links work"."""
    last = last_link_check()
    if last is None:
        return DashboardCount(
            label="Broken links",
            count="Not checked yet",
            url=reverse("directory_broken_links"),
            detail="Links on published pages have not been checked yet: check them now from the report",
            order=20,
        )
    count = broken_link_count()
    long_broken = LinkCheck.objects.filter(ok=False, occurrences__page__live=True).distinct()
    long_broken = long_broken.filter(first_failure_at__lte=timezone.now() - digest_after()).count()
    detail = f"{long_broken} broken for more than {digest_after().days} days" if count else "all links work"
    return DashboardCount(
        label="Broken links",
        count=count,
        url=reverse("directory_broken_links"),
        detail=f"{detail}; last checked {timezone.localtime(last):%-d %B %Y at %H:%M}",
        alert=bool(count),
        order=20,
    )


def broken_links_section(today):
    """Links broken for longer than LINK_CHECK_DIGEST_AFTER_DAYS, to the owner of each page they are on."""
    lines = defaultdict(list)
    for group in broken_by_page(older_than=digest_after()):
        email = group.owner.email if group.owner else fallback_email()
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[group.page.pk]))
        for occurrence in group.occurrences:
            since = occurrence.link.first_failure_at
            lines[email].append(
                f"- {group.page.title}, {occurrence.where}: {occurrence.link.url} "
                f"({occurrence.link.error or 'broken'}; not working since {since:%d %B %Y}). Edit: {edit}"
            )
    return f"Links that have not worked for more than {digest_after().days} days", lines


def coverage_menu_item():
    return MenuItem("Statutory coverage", reverse("directory_statutory_coverage"), icon_name="tasks", order=30)


def sufficiency_menu_item():
    return MenuItem("Sufficiency", reverse("directory_sufficiency"), icon_name="table", order=40)


def coverage_count(request):
    coverage = statutory_coverage()
    missing = sum(item.status == "missing" for item in coverage.topics)
    overdue = sum(item.status == "overdue" for item in coverage.topics)
    resting = ", ".join(item.topic.title for item in coverage.topics if item.status == "overdue")
    parts = [
        f"{missing} with no live page" if missing else "",
        f"{overdue} resting only on pages overdue for review ({resting})" if overdue else "",
    ]
    detail = ", ".join(part for part in parts if part) or "every topic covered"
    return DashboardCount(
        label="Statutory coverage",
        count=f"{coverage.percent}%",
        url=reverse("directory_statutory_coverage"),
        detail=f"{coverage.covered} of {len(coverage.topics)} topics; {detail}",
        alert=bool(coverage.flagged),
        order=40,
    )


def due_for_review_count(request):
    items = due_for_review()
    overdue = sum(item.overdue for item in items)
    return DashboardCount(
        label="Due for review",
        count=len(items),
        url=reverse("localoffer_due_for_review"),
        detail=f"{overdue} overdue" if overdue else "none overdue",
        alert=bool(overdue),
        order=10,
    )


def review_section(today):
    lines = defaultdict(list)
    for item in due_for_review(today=today):
        owner = item.page.review_owner
        email = owner.email if owner else fallback_email()
        state = f"overdue since {item.due:%d %B %Y}" if item.overdue else f"due {item.due:%d %B %Y}"
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[item.page.pk]))
        lines[email].append(f"- {item.page.title} ({state}): {edit}")
    return "Pages due for review", lines


class MarkReviewedFormatter(LogFormatter):
    """The page history's line for a review, with the reviewer's note of what they checked."""

    label = "Mark reviewed"

    def format_message(self, log_entry):
        note = (log_entry.data or {}).get("note")
        return f"Marked as reviewed: {note}" if note else "Marked as reviewed"


def review_log_actions(actions):
    actions.register_action("localoffer.mark_reviewed")(MarkReviewedFormatter)


def reading_age_menu_item():
    return MenuItem("Reading age", reverse("directory_reading_age"), icon_name="doc-full", order=45)


def reading_age_count(request):
    """Advice, not an alarm: never shown as an alert."""
    items = pages_over_target(catch_up=False)
    return DashboardCount(
        label=f"Reading age over {target()}",
        count=len(items),
        url=reverse("directory_reading_age"),
        detail="published pages that may be hard to read" if items else "every measured page is within the target",
        order=50,
    )


def reading_age_section(today):
    """Each owner's published pages with a reading age over the target (those with no owner go to the Local Offer
    team)."""
    lines = defaultdict(list)
    for item in pages_over_target():
        email = item.owner.email if item.owner else fallback_email()
        edit = admin_url(reverse("wagtailadmin_pages:edit", args=[item.page.pk]))
        lines[email].append(
            f"- {item.page.title} (reading age {item.reading_age}; longest sentence "
            f"{item.measurement.longest_sentence_words} words): {edit}"
        )
    return f"Pages with a reading age over {target()} (shorter sentences and everyday words help)", lines
