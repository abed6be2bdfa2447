"""Demo content for feedback: last year's published "you said, we did" report, this year's draft, and about 200
comments across the topics (some with contact details, which must never reach a public page).

Idempotent: reports are found by slug, themes by title, comments by a fixed submission token."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from .models import Channel, Comment, Report, Role, Theme, Topic

LAST_YEAR_THEMES = [
    (
        "Waiting times for speech and language therapy",
        Topic.QUALITY,
        "Many parents told us they waited too long for a speech and language therapy assessment, and did not know "
        "what was happening while they waited.",
        "We funded two more therapists and now send families a letter every 6 weeks saying where they are on the "
        "list. The service page shows the current average wait.",
        Theme.Status.DONE,
        "",
    ),
    (
        "Finding short breaks",
        Topic.MISSING,
        "Families found it hard to find short breaks near them, especially for children with complex health needs.",
        "We added every short breaks provider to the directory with its age range and the needs it supports, and "
        "you can now filter by area.",
        Theme.Status.DONE,
        "",
    ),
    (
        "Post-16 transport information",
        Topic.ACCESSIBILITY,
        "Young people and parents said the post-16 transport policy was hard to find and hard to understand.",
        "We rewrote the page in plain English with a short summary at the top, and link to it from every college "
        "in the directory. We will publish next year's policy by 31 May.",
        Theme.Status.IN_PROGRESS,
        "",
    ),
    (
        "Jargon on the EHC needs assessment pages",
        Topic.ACCESSIBILITY,
        "You told us the pages about asking for an EHC needs assessment used words families do not use, and did "
        "not say how long each step takes.",
        "We removed the jargon, explained the words we have to use, and added a timeline of the 20-week process.",
        Theme.Status.DONE,
        "",
    ),
    (
        "Holiday activities for teenagers",
        Topic.MISSING,
        "Parents of teenagers said there were few holiday activities for young people aged 14 and over.",
        "We are working with the youth service to add inclusive holiday clubs for ages 14 to 19 next summer.",
        Theme.Status.PLANNED,
        "",
    ),
    (
        "Young people reviewing the Local Offer",
        Topic.DEVELOPMENT,
        "Young people said they wanted a say in how the Local Offer is written, not only their parents.",
        "We set up a young people's reading panel that meets each term and reviews pages before we publish them.",
        Theme.Status.IN_PROGRESS,
        "",
    ),
    (
        "A specialist unit in every secondary school",
        Topic.QUALITY,
        "Some parents asked for a specialist unit in every secondary school.",
        "We are opening two new resourced provisions in secondary schools in September.",
        Theme.Status.NOT_POSSIBLE,
        "There is not enough funding or space for a unit in every school. We chose the two areas with the longest "
        "journeys to specialist places.",
    ),
]

THIS_YEAR_THEMES = [
    (
        "Mental health support while waiting for CAMHS",
        Topic.MISSING,
        "Families said there was little support for children's mental health while they wait for a CAMHS appointment.",
        "We are listing the support available while you wait on the mental health page, and asking health partners "
        "to add drop-in sessions.",
        Theme.Status.IN_PROGRESS,
        "",
    ),
    (
        "Using the site on a phone",
        Topic.ACCESSIBILITY,
        "People said some pages were hard to read on a phone, and documents were slow to open.",
        "We will check every page on a small screen and replace PDF documents with web pages where we can.",
        Theme.Status.PLANNED,
        "",
    ),
    (
        "SEN information reports out of date",
        Topic.QUALITY,
        "Parents found links to schools' SEN information reports that were broken or years old.",
        "We now check every link each month and ask schools to update reports older than a year.",
        Theme.Status.DONE,
        "",
    ),
]

COMMENT_TEXTS = {
    Topic.QUALITY: [
        "We have waited over a year for speech therapy and nobody tells us where we are on the list.",
        "The speech and language therapy service was brilliant once we got seen, but the wait was far too long.",
        "My son's secondary school does not seem to follow the support described on the school's page.",
        "The occupational therapy information says it is available, but our GP says there is a two year wait.",
        "The SEN information report for our primary school is from 2019.",
        "Support in mainstream secondary is patchy. We need more specialist places near us.",
        "Our child's plan review was late again; the page says reviews happen every year.",
    ],
    Topic.MISSING: [
        "I could not find any short breaks near us for a child who uses a wheelchair.",
        "There is nothing listed for teenagers in the summer holidays.",
        "Where is the support for children waiting for a CAMHS appointment?",
        "Please list the holiday clubs that can support children with autism.",
        "No information about support groups for dads.",
        "Nothing about what happens with health support after 18.",
    ],
    Topic.ACCESSIBILITY: [
        "The post-16 transport policy is impossible to find.",
        "Too many words like 'provision' and 'statutory'. Please write like a person.",
        "The pages are hard to read on my phone and the PDFs take ages to open.",
        "It would help to have the EHC needs assessment steps as a timeline.",
        "Could you add easy read versions for young people?",
        "I use a screen reader and the old directory was hard to use. This one is better.",
    ],
    Topic.DEVELOPMENT: [
        "Young people should help write this, not just parents.",
        "I did not know the parent carer forum could comment on the Local Offer.",
        "Please tell us when you change pages because of what we said.",
        "The consultation events were all in the daytime when I work.",
    ],
    Topic.PAGE: [
        "The phone number on this page does not work.",
        "This page still talks about the old assessment form.",
        "The link to the tribunal guidance is broken.",
    ],
    Topic.OTHER: [
        "Thank you for the new website, it is much easier to use.",
        "Can you add a way to save services I am interested in?",
    ],
}

ONE_PERSON_TEXT = "I want to complain about how my daughter's annual review was handled by her caseworker."
VEXATIOUS_TEXT = "This is all useless and the people who run it are idiots."
SPAM_TEXT = "Cheap watches!!! Visit our online shop for the best deals."

NAMES = ["Sam Patel", "Alex Morgan", "Jo Williams", "Priya Shah", "Chris Evans", "Dana Kowalski", "Lee Adeyemi"]
ROLES_WEIGHTED = [Role.PARENT] * 6 + [Role.YOUNG_PERSON] * 2 + [Role.PROFESSIONAL] * 2 + [Role.OTHER, Role.NOT_SAID]
CHANNELS_WEIGHTED = [Channel.ONLINE] * 7 + [Channel.FORUM, Channel.EVENT, Channel.SURVEY, Channel.OTHER]


def _aware(day, rng):
    return timezone.make_aware(datetime.combine(day, time(hour=rng.randint(8, 21), minute=rng.randint(0, 59))))


def _upsert_report(slug, **fields):
    report, _ = Report.objects.update_or_create(slug=slug, defaults=fields)
    return report


def _upsert_themes(report, themes):
    result = {}
    for order, (title, topic, you_said, we_did, status, reason) in enumerate(themes):
        theme, _ = Theme.objects.update_or_create(
            report=report,
            title=title,
            defaults={
                "sort_order": order,
                "topic": topic,
                "you_said": you_said,
                "we_did": we_did,
                "status": status,
                "not_possible_reason": reason,
            },
        )
        result.setdefault(topic, []).append(theme)
    return result


def _comments(rng, start, end, count, first_number, themes_by_topic, themed_share, pages):
    """Upsert `count` comments spread between start and end."""
    span = max((end - start).days, 1)
    topics = [Topic.QUALITY] * 5 + [Topic.MISSING] * 4 + [Topic.ACCESSIBILITY] * 4 + [Topic.DEVELOPMENT] * 2
    topics += [Topic.PAGE, Topic.OTHER]
    for offset in range(count):
        number = first_number + offset
        topic = rng.choice(topics)
        body = rng.choice(COMMENT_TEXTS[topic])
        fields = {
            "received_at": _aware(start + timedelta(days=rng.randint(0, span)), rng),
            "channel": rng.choice(CHANNELS_WEIGHTED),
            "topic": topic,
            "role": rng.choice(ROLES_WEIGHTED),
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
        if rng.random() < 0.3:  # about a third leave contact details; some type them into the comment too
            name = rng.choice(NAMES)
            fields.update(name=name, email=f"demo.family{number}@example.org", consent_to_contact=True)
            if rng.random() < 0.3:
                fields["body"] = f"{body} You can ring me on 07700 900{number % 1000:03d}."
        kind = rng.random()
        if kind < 0.03:
            fields.update(
                body=ONE_PERSON_TEXT,
                status=Comment.Status.EXCLUDED,
                exclusion_reason=Comment.ExclusionReason.ONE_PERSON,
                exclusion_note="Passed to the complaints team.",
            )
        elif kind < 0.045:
            fields.update(body=VEXATIOUS_TEXT, status=Comment.Status.EXCLUDED, exclusion_reason="vexatious")
        elif kind < 0.06:
            fields.update(body=SPAM_TEXT, status=Comment.Status.EXCLUDED, exclusion_reason="spam", name="", email="")
            fields["consent_to_contact"] = False
        elif topic in themes_by_topic and rng.random() < themed_share:
            fields.update(theme=rng.choice(themes_by_topic[topic]), status=Comment.Status.REVIEWED)
        elif rng.random() < themed_share / 2:
            fields["status"] = Comment.Status.REVIEWED
        Comment.objects.update_or_create(submission_token=f"demo-{number}", defaults=fields)


def load(stdout):
    from localoffer.models import InformationPage

    rng = random.Random(56)  # regulation 56
    today = timezone.localdate()
    last_year, this_year = today.year - 1, today.year
    pages = list(InformationPage.objects.live().order_by("pk")[:8])

    published = _upsert_report(
        str(last_year),
        title=f"You said, we did: {last_year}",
        period_start=date(last_year, 1, 1),
        period_end=date(last_year, 12, 31),
        introduction=(
            f"In {last_year} families, young people and professionals sent us comments about the Local Offer. "
            "Thank you to everyone who took part.\n\n"
            "This report groups what you told us into themes, and says what we did or will do about each one. "
            "We never publish anyone's words, name or contact details."
        ),
        how_we_asked=(
            "You could comment using the form on every page of this website, at the parent carer forum's termly "
            "meetings, at our four drop-in events in libraries and family hubs, and in our yearly survey. Some "
            "people also emailed, phoned or wrote to us."
        ),
        status=Report.Status.PUBLISHED,
    )
    published_on = timezone.make_aware(datetime.combine(min(date(this_year, 2, 14), today), time(10)))
    if published.published_at != published_on:
        Report.objects.filter(pk=published.pk).update(published_at=published_on)
    draft = _upsert_report(
        str(this_year),
        title=f"You said, we did: {this_year}",
        period_start=date(this_year, 1, 1),
        period_end=date(this_year, 12, 31),
        introduction=f"What you have told us about the Local Offer so far in {this_year}.",
        how_we_asked="The online form, the parent carer forum, drop-in events and our yearly survey.",
        status=Report.Status.DRAFT,
    )
    last_themes = _upsert_themes(published, LAST_YEAR_THEMES)
    this_themes = _upsert_themes(draft, THIS_YEAR_THEMES)

    _comments(rng, date(last_year, 1, 1), date(last_year, 12, 31), 120, 1, last_themes, 0.8, pages)
    this_year_end = max(today - timedelta(days=1), date(this_year, 1, 2))
    _comments(rng, date(this_year, 1, 1), this_year_end, 80, 1001, this_themes, 0.4, pages)
    stdout.write(
        f"Feedback: {Comment.objects.count()} comments, reports {published.slug} (published) and {draft.slug}."
    )
