"""Factories for feedback: comments (with their optional contact details), "you said, we did" reports and their
themes, and the counts of blocked submissions."""

from datetime import date

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from feedback.models import BlockedSubmission, Comment, Report, Role, Theme, Topic

from .localoffer import InformationPageFactory


class ReportFactory(DjangoModelFactory):
    """A draft report for one calendar year (`year=2025`; its slug is the year). Trait: `published`."""

    class Meta:
        model = Report
        django_get_or_create = ("slug",)

    class Params:
        year = factory.Sequence(lambda n: 2000 + n)
        published = factory.Trait(status=Report.Status.PUBLISHED)

    title = factory.LazyAttribute(lambda report: f"You said, we did {report.year}")
    slug = factory.LazyAttribute(lambda report: str(report.year))
    period_start = factory.LazyAttribute(lambda report: date(report.year, 1, 1))
    period_end = factory.LazyAttribute(lambda report: date(report.year, 12, 31))
    introduction = "Thank you to everyone who told us what they think of the Local Offer."
    how_we_asked = "The online form, parent carer forum meetings and drop-in events."


class ThemeFactory(DjangoModelFactory):
    """A planned theme in a report, about no one topic. Traits: `done`, `not_possible` (with the reason it needs)."""

    class Meta:
        model = Theme

    report = factory.SubFactory(ReportFactory)
    title = factory.Sequence(lambda n: f"Theme {n}")
    you_said = "Short breaks for disabled teenagers were hard to find."
    we_did = "We listed every short break in the directory."
    sort_order = factory.Sequence(lambda n: n)

    class Params:
        done = factory.Trait(status=Theme.Status.DONE)
        not_possible = factory.Trait(status=Theme.Status.NOT_POSSIBLE, not_possible_reason="Not enough funding.")


class CommentFactory(DjangoModelFactory):
    """A new comment from a parent about missing support, received now, with no contact details.

    Traits: `with_contact_details` (a name and email, consent to contact), `excluded` (as spam), `about_page`
    (a problem with an information page)."""

    class Meta:
        model = Comment

    received_at = factory.LazyFunction(timezone.now)
    topic = Topic.MISSING
    role = Role.PARENT
    body = "There are no short breaks listed for children who use a wheelchair."

    class Params:
        with_contact_details = factory.Trait(
            name="Alex Morgan", email="alex.morgan@example.net", consent_to_contact=True
        )
        excluded = factory.Trait(status=Comment.Status.EXCLUDED, exclusion_reason=Comment.ExclusionReason.SPAM)
        about_page = factory.Trait(
            topic=Topic.PAGE,
            page=factory.SubFactory(InformationPageFactory),
            page_title=factory.SelfAttribute("page.title"),
        )


class BlockedSubmissionFactory(DjangoModelFactory):
    class Meta:
        model = BlockedSubmission
        django_get_or_create = ("day", "reason")

    day = factory.LazyFunction(timezone.localdate)
    reason = BlockedSubmission.Reason.HONEYPOT
    count = 1
