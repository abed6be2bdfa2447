"""The feedback demo: last year's published "you said, we did" report, this year's draft, and about 200 comments
across the topics (some with contact details, which must never reach a public page), from feedback.toml.

The comments are made at random from feedback.toml's texts with a fixed seed, so every load makes the same ones.
Reports are found by slug (their year), themes by title, comments by a fixed submission token."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from feedback.models import Channel, Comment, Report, Role, Theme, Topic
from localoffer.models import InformationPage

from .. import content

SEED = 56  # regulation 56
CONTACT_SHARE = 0.3  # about this share of comments leave a name and email address
PHONE_IN_TEXT_SHARE = 0.3  # and of those, this share type a phone number into the comment too
# Excluded from the report: 3% about one person's service, then 1.5% each vexatious and spam (cumulative cut-offs).
ONE_PERSON_BELOW, VEXATIOUS_BELOW, SPAM_BELOW = 0.03, 0.045, 0.06


def _weighted(weights, choices):
    """[a, a, a, b, ...] from {"a": 3, "b": 1, ...}: each value as often as its weight, as the enum's members."""
    return [choices(value) for value, weight in weights.items() for _ in range(weight)]


def _aware(day, rng):
    return timezone.make_aware(datetime.combine(day, time(hour=rng.randint(8, 21), minute=rng.randint(0, 59))))


def _with_year(text, year):
    return text.replace("{year}", str(year))


def _upsert_themes(report, themes):
    result = {}
    for order, spec in enumerate(themes):
        topic = Topic(spec["topic"])
        theme, _ = Theme.objects.update_or_create(
            report=report,
            title=spec["title"],
            defaults={
                "sort_order": order,
                "topic": topic,
                "you_said": spec["you_said"],
                "we_did": spec["we_did"],
                "status": Theme.Status(spec["status"]),
                "not_possible_reason": spec.get("not_possible_reason", ""),
            },
        )
        result.setdefault(topic, []).append(theme)
    return result


def _comments(rng, start, end, count, first_number, themes_by_topic, themed_share, pages, data):
    """Upsert `count` comments spread between start and end."""
    span = max((end - start).days, 1)
    topics = _weighted(data["topics"], Topic)
    roles = _weighted(data["roles"], Role)
    channels = _weighted(data["channels"], Channel)
    texts = {Topic(topic): lines for topic, lines in data["texts"].items()}
    for offset in range(count):
        number = first_number + offset
        topic = rng.choice(topics)
        body = rng.choice(texts[topic])
        fields = {
            "received_at": _aware(start + timedelta(days=rng.randint(0, span)), rng),
            "channel": rng.choice(channels),
            "topic": topic,
            "role": rng.choice(roles),
            "body": body,
            "page": None,
            "page_title": "",
            "name": "",
            "email": "",
            "consent_to_contact": False,
            "status": Comment.Status.NEW,
            "theme": None,
            "exclusion_reason": "",
            "exclusion_note": "",
            "internal_notes": "",
        }
        if topic == Topic.PAGE and pages:
            page = rng.choice(pages)
            fields.update(page=page, page_title=page.title, channel=Channel.ONLINE)
        if rng.random() < CONTACT_SHARE:
            name = rng.choice(data["names"])
            fields.update(name=name, email=f"demo.family{number}@example.org", consent_to_contact=True)
            if rng.random() < PHONE_IN_TEXT_SHARE:
                fields["body"] = f"{body} You can ring me on 07700 900{number % 1000:03d}."
        kind = rng.random()
        if kind < ONE_PERSON_BELOW:
            fields.update(
                body=data["one_person"],
                status=Comment.Status.EXCLUDED,
                exclusion_reason=Comment.ExclusionReason.ONE_PERSON,
                exclusion_note="Passed to the complaints team.",
            )
        elif kind < VEXATIOUS_BELOW:
            fields.update(body=data["vexatious"], status=Comment.Status.EXCLUDED, exclusion_reason="vexatious")
        elif kind < SPAM_BELOW:
            fields.update(body=data["spam"], status=Comment.Status.EXCLUDED, exclusion_reason="spam", name="", email="")
            fields["consent_to_contact"] = False
        elif topic in themes_by_topic and rng.random() < themed_share:
            fields.update(theme=rng.choice(themes_by_topic[topic]), status=Comment.Status.REVIEWED)
        elif rng.random() < themed_share / 2:
            fields["status"] = Comment.Status.REVIEWED
        Comment.objects.update_or_create(submission_token=f"demo-{number}", defaults=fields)


def load(stdout):
    data = content.feedback()
    rng = random.Random(SEED)
    today = timezone.localdate()
    years = {"last": today.year - 1, "this": today.year}
    pages = list(InformationPage.objects.live().order_by("pk")[:8])

    reports = []
    for spec in data["report"]:
        year = years[spec["year"]]
        report, _ = Report.objects.update_or_create(
            slug=str(year),
            defaults={
                "title": _with_year(spec["title"], year),
                "period_start": date(year, 1, 1),
                "period_end": date(year, 12, 31),
                "introduction": _with_year(spec["introduction"], year),
                "how_we_asked": _with_year(spec["how_we_asked"], year),
                "status": Report.Status(spec["status"]),
            },
        )
        if "published_on" in spec:
            day = datetime.strptime(f"{spec['published_on']} {today.year}", "%d %B %Y").date()
            published_on = timezone.make_aware(datetime.combine(min(day, today), time(10)))
            if report.published_at != published_on:
                Report.objects.filter(pk=report.pk).update(published_at=published_on)
        reports.append((report, year, spec))
    themes = [_upsert_themes(report, spec.get("theme", [])) for report, _year, spec in reports]

    for n, ((_report, year, spec), by_topic) in enumerate(zip(reports, themes, strict=True)):
        # This year's comments run to yesterday; each report's comments are numbered from its own thousand.
        end = max(today - timedelta(days=1), date(year, 1, 2)) if year == today.year else date(year, 12, 31)
        share = spec["themed_share"]
        _comments(rng, date(year, 1, 1), end, spec["comments"], 1 + 1000 * n, by_topic, share, pages, data["comments"])
    names = [f"{r.slug} (published)" if r.status == Report.Status.PUBLISHED else r.slug for r, _year, _spec in reports]
    stdout.write(f"Feedback: {Comment.objects.count()} comments, reports {' and '.join(names)}.")
