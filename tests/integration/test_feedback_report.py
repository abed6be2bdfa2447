"""The public "you said, we did" pages, their statistics and CSV, and the retention job."""

import csv
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.loaders import feedback as feedback_demo
from feedback.models import Channel, Comment, Report, Role, Theme, Topic
from feedback.tasks import delete_expired_contact_details
from tests.factories import CommentFactory, ReportFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def aware(day):
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


@pytest.fixture
def published(home_page):
    report = ReportFactory(
        year=2025,
        published=True,
        introduction="Thank you.\n\nSecond paragraph.",
        how_we_asked="Forms and forums.",
    )
    theme = ThemeFactory(
        report=report,
        title="Short breaks",
        topic=Topic.MISSING,
        you_said="Hard to find.",
        we_did="Listed them.",
        done=True,
        sort_order=0,
    )
    ThemeFactory(
        report=report,
        title="A unit in every school",
        you_said="Asked for units.",
        we_did="Two new units.",
        not_possible=True,
        not_possible_reason="Not enough funding.",
        sort_order=1,
    )
    return report, theme


def add_comments(theme=None, day=date(2025, 3, 1), body="x", **fields):
    return CommentFactory(received_at=aware(day), theme=theme, body=body, **fields)


def test_index_lists_only_published_reports(client, published):
    ReportFactory(year=2026, title="Draft 2026")
    html = client.get("/you-said-we-did/").content.decode()
    assert "You said, we did 2025" in html and "Draft 2026" not in html
    assert html.count("<h1") == 1
    assert client.get("/you-said-we-did/2026/").status_code == 404
    assert client.get("/you-said-we-did/2026/themes.csv").status_code == 404
    assert client.get("/you-said-we-did/no-such-year/").status_code == 404


def test_report_shows_statistics_in_chart_and_table_with_the_same_numbers(client, published):
    report, theme = published
    for _ in range(3):
        add_comments(theme)
    add_comments(topic=Topic.ACCESSIBILITY, role=Role.YOUNG_PERSON, channel=Channel.EVENT)
    add_comments(status=Comment.Status.EXCLUDED, exclusion_reason="spam")  # not counted
    add_comments(status=Comment.Status.EXCLUDED, exclusion_reason="one_person")
    add_comments(day=date(2024, 12, 31))  # outside the period
    response = client.get("/you-said-we-did/2025/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "We received 5 comments in this period." in html
    # Chart row and table row agree: 4 about missing support (3 themed + 1 excluded one-person) = 80%.
    assert re.search(r"Support or services that are missing</span>: <strong[^>]*>4</strong> <span[^>]*>\(80%\)", html)
    assert re.search(
        r'Support or services that are missing</th><td class="table__cell table__cell--numeric">4</td>'
        r'<td class="table__cell table__cell--numeric">80%</td>',
        html,
    )
    assert '<rect x="0" y="0" width="80%"' in html
    assert 'style="' not in html and "<style" not in html
    assert "passed it to our complaints team" in html
    assert "3 comments about support or services that are missing" in html
    assert "Not enough funding." in html and "Second paragraph." in html


def test_themes_csv(client, published):
    report, theme = published
    add_comments(theme)
    response = client.get("/you-said-we-did/2025/themes.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Theme"] for row in rows] == ["Short breaks", "A unit in every school"]
    assert rows[0]["Comments answered"] == "1" and rows[1]["Why not possible"] == "Not enough funding."
    all_rows = list(
        csv.reader(io.StringIO(b"".join(client.get("/you-said-we-did/themes.csv").streaming_content).decode()))
    )
    assert len(all_rows) == 3


def test_public_report_pages_have_no_inline_style_or_script(client, published):
    for url in ("/you-said-we-did/", "/you-said-we-did/2025/", "/have-your-say/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert " style=" not in html and "<style" not in html, url


def test_retention_deletes_contact_details_after_report_and_at_max_age(published, settings):
    report, theme = published
    settings.FEEDBACK_CONTACT_DAYS_AFTER_REPORT = 90
    settings.FEEDBACK_CONTACT_MAX_AGE_DAYS = 730
    in_period = add_comments(theme, name="Jo", email="jo@example.org", consent_to_contact=True)
    recent = add_comments(day=timezone.localdate(), name="Sam", email="sam@example.org", consent_to_contact=True)
    ancient = add_comments(day=date(2019, 1, 1), name="Al", email="al@example.org", consent_to_contact=True)
    # Report published only 10 days ago: not yet.
    Report.objects.filter(pk=report.pk).update(published_at=timezone.now() - timedelta(days=10))
    assert delete_expired_contact_details.enqueue().return_value == 1
    ancient.refresh_from_db()
    assert (ancient.name, ancient.email, ancient.consent_to_contact) == ("", "", False)
    assert ancient.contact_details_deleted_at is not None and ancient.body == "x"
    in_period.refresh_from_db()
    assert in_period.email == "jo@example.org"
    # 100 days after publishing: the period's comments lose their details; counts stay.
    Report.objects.filter(pk=report.pk).update(published_at=timezone.now() - timedelta(days=100))
    out = io.StringIO()
    call_command("delete_feedback_contact_details", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 comment")
    call_command("delete_feedback_contact_details", stdout=out)
    in_period.refresh_from_db()
    recent.refresh_from_db()
    assert (in_period.name, in_period.email) == ("", "")
    assert recent.email == "sam@example.org"
    assert Report.objects.get().comments().count() == 1 and theme.comments.count() == 1


def test_demo_is_idempotent_and_has_contact_details_to_protect(db):
    out = io.StringIO()
    feedback_demo.load(out)
    counts = (Comment.objects.count(), Report.objects.count(), Theme.objects.count())
    references = set(Comment.objects.values_list("reference", flat=True))
    feedback_demo.load(out)
    assert (Comment.objects.count(), Report.objects.count(), Theme.objects.count()) == counts
    assert set(Comment.objects.values_list("reference", flat=True)) == references
    assert 180 <= counts[0] <= 220
    assert Report.objects.published().count() == 1 and Report.objects.filter(status="draft").count() == 1
    assert Comment.objects.exclude(email="").count() > 20
    published = Report.objects.published().get()
    assert published.publishing_problems() == []
    assert set(published.comments().values_list("topic", flat=True)) >= {t for t, _ in Topic.choices[:4]}


def test_summary_with_contact_details_saved_outside_the_admin_is_redacted_in_public(client, published):
    report, theme = published
    Theme.objects.filter(pk=theme.pk).update(you_said="Email jo@example.org or ring 07700 900123.")
    html = client.get("/you-said-we-did/2025/").content.decode()
    text = b"".join(client.get("/you-said-we-did/2025/themes.csv").streaming_content).decode()
    for content in (html, text):
        assert "jo@example.org" not in content and "07700 900123" not in content
        assert "[email address removed]" in content


def test_feedback_sitemap_lists_the_form_and_published_reports(published):
    from feedback.sitemaps import FeedbackSitemap

    ReportFactory(year=2026, title="Draft")
    sitemap = FeedbackSitemap()
    locations = [sitemap.location(item) for item in sitemap.items()]
    assert locations == ["/have-your-say/", "/you-said-we-did/", "/you-said-we-did/2025/"]
