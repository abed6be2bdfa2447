"""Moderation in the Wagtail admin: only feedback officers see contact details (on screen and in the CSV), comments
are escaped, exclusions keep a reason, and a report cannot be published while a summary holds contact details."""

import csv
import io
import re
from datetime import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from feedback.models import Comment, Report, Role, Topic
from tests.factories import CommentFactory, ReportFactory, ThemeFactory

pytestmark = pytest.mark.django_db

INBOX = "/admin/feedback_comment/"
REPORTS = "/admin/snippets/feedback/report/"
SECRET_EMAIL = "secret.parent@example.net"
SECRET_NAME = "Morwenna Quillfeather"


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", "officer@council.example", "x" * 12)
    user.groups.add(Group.objects.get(name="Feedback officers"))
    return user


@pytest.fixture
def editor(django_user_model):
    """An editor who can moderate comments but is not in the Feedback officers group."""
    group = Group.objects.create(name="Editors (test)")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_comment", "change_comment", "add_comment", "view_report"]
        )
    )
    user = django_user_model.objects.create_user("editor", "editor@council.example", "x" * 12)
    user.groups.add(group)
    return user


@pytest.fixture
def report():
    return ReportFactory(year=2025)


@pytest.fixture
def comment():
    return CommentFactory(
        body='<script>alert("x")</script> =HYPERLINK("http://evil.example") nothing for teenagers',
        name=SECRET_NAME,
        email=SECRET_EMAIL,
        consent_to_contact=True,
        received_at=timezone.make_aware(datetime(2025, 6, 1, 12)),
    )


def export(client, url=INBOX):
    response = client.get(url + ("&" if "?" in url else "?") + "export=csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_feedback_officers_group_exists_with_contact_permission():
    group = Group.objects.get(name="Feedback officers")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"view_contact_details", "change_comment", "change_report", "access_admin"} <= codenames


def test_officer_sees_contact_details_on_screen_and_in_export(client, officer, comment):
    client.force_login(officer)
    html = client.get(f"{INBOX}edit/{comment.pk}/").content.decode()
    assert SECRET_EMAIL in html and SECRET_NAME in html
    # The inbox's own export leaves them out; the export that includes them is asked for by name.
    assert "Email" not in export(client)[0]
    rows = export(client, INBOX + "?contact_details=yes")
    assert "Email" in rows[0]
    assert any(SECRET_EMAIL in row for row in rows[1:])
    # Officers can find a person's comments by email (for a request to see or delete them).
    assert comment.reference in client.get(INBOX, {"q": SECRET_EMAIL}).content.decode()


def test_editor_outside_the_group_never_sees_contact_details(client, editor, comment):
    client.force_login(editor)
    index = client.get(INBOX)
    assert index.status_code == 200 and comment.reference in index.content.decode()
    edit = client.get(f"{INBOX}edit/{comment.pk}/")
    assert edit.status_code == 200
    for response_html in (index.content.decode(), edit.content.decode()):
        assert SECRET_EMAIL not in response_html and SECRET_NAME not in response_html
    rows = export(client)
    flat = "\n".join(",".join(row) for row in rows)
    assert SECRET_EMAIL not in flat and SECRET_NAME not in flat
    assert "Email" not in rows[0] and "Name" not in rows[0]
    # Searching by an email finds nothing (no way to probe who wrote in).
    assert comment.reference not in client.get(INBOX, {"q": SECRET_EMAIL}).content.decode()
    # Posting contact fields does not change them.
    response = client.post(
        f"{INBOX}edit/{comment.pk}/",
        {
            "status": "reviewed",
            "theme": "",
            "exclusion_reason": "",
            "exclusion_note": "",
            "internal_notes": "n",
            "email": "changed@example.org",
            "name": "Changed",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.email == SECRET_EMAIL and comment.name == SECRET_NAME and comment.internal_notes == "n"


def test_comment_text_is_escaped_in_the_admin(client, officer, comment):
    client.force_login(officer)
    for url in (INBOX, f"{INBOX}edit/{comment.pk}/"):
        html = client.get(url).content.decode()
        assert '<script>alert("x")' not in html
        assert "&lt;script&gt;" in html


def test_export_defuses_spreadsheet_formulas(client, officer, comment):
    comment.body = '=HYPERLINK("http://evil.example")'
    comment.save()
    client.force_login(officer)
    rows = export(client)
    body_column = rows[0].index("Comment")
    assert rows[1][body_column] == "'" + comment.body


def test_inbox_filters_and_search(client, officer, comment, report):
    other = CommentFactory(topic=Topic.ACCESSIBILITY, role=Role.YOUNG_PERSON, body="Hard to read on a phone")
    client.force_login(officer)
    html = client.get(INBOX, {"topic": Topic.ACCESSIBILITY}).content.decode()
    assert other.reference in html and comment.reference not in html
    html = client.get(INBOX, {"q": "teenagers"}).content.decode()
    assert comment.reference in html and other.reference not in html
    html = client.get(INBOX, {"received_at_from": "2025-05-01", "received_at_to": "2025-06-30"}).content.decode()
    assert comment.reference in html and other.reference not in html
    html = client.get(INBOX, {"status": "excluded"}).content.decode()
    assert comment.reference not in html
    assert client.get(INBOX, {"topic": "<script>", "received_at_from": "not a date"}).status_code == 200


def moderate(client, comment, **fields):
    data = {"status": "reviewed", "theme": "", "exclusion_reason": "", "exclusion_note": "", "internal_notes": ""}
    data.update(fields)
    return client.post(f"{INBOX}edit/{comment.pk}/", data)


def test_exclusion_needs_a_reason_and_keeps_it(client, officer, comment):
    client.force_login(officer)
    response = moderate(client, comment, status="excluded")
    assert response.status_code == 200 and "Choose why this comment is excluded" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.NEW
    response = moderate(
        client, comment, status="excluded", exclusion_reason="one_person", exclusion_note="Sent to complaints"
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.exclusion_reason, comment.exclusion_note) == (
        "excluded",
        "one_person",
        "Sent to complaints",
    )


def test_assigning_a_theme_from_the_right_report(client, officer, comment, report):
    theme = ThemeFactory(report=report, title="Teenagers")
    wrong = ThemeFactory(report=ReportFactory(year=2024), title="Old")
    client.force_login(officer)
    # Only the themes of the report covering the comment's date are offered; another report's is refused.
    form = client.get(f"{INBOX}edit/{comment.pk}/").context["form"]
    assert list(form.fields["theme"].queryset) == [theme]
    response = moderate(client, comment, theme=wrong.pk)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert moderate(client, comment, theme=theme.pk, status="new").status_code == 302
    comment.refresh_from_db()
    assert comment.theme == theme and comment.status == Comment.Status.REVIEWED
    assert theme.comment_count == 1
    # An excluded comment cannot answer a theme.
    response = moderate(client, comment, theme=theme.pk, status="excluded", exclusion_reason="spam")
    assert "cannot answer a theme" in response.content.decode()


def report_form(status, you_said, slug="2025-26"):
    return nested_form_data(
        {
            "title": "You said, we did 2025 to 2026",
            "slug": slug,
            "period_start": "2025-04-01",
            "period_end": "2026-03-31",
            "introduction": "What you told us.",
            "how_we_asked": "The online form and forum meetings.",
            "status": status,
            "themes": inline_formset(
                [
                    {
                        "title": "Short breaks",
                        "topic": "missing",
                        "you_said": you_said,
                        "we_did": "We added them to the directory.",
                        "status": "done",
                        "not_possible_reason": "",
                    }
                ]
            ),
        }
    )


@pytest.mark.parametrize(
    "summary",
    [
        "A parent (jo.bloggs@example.com) said short breaks were hard to find.",
        "One family, phone 07700 900123, could not find short breaks.",
        "A family in LS1 4AP could not find short breaks.",
        "Call +44 (0)161 496 0000 about short breaks.",
    ],
)
def test_report_with_contact_details_in_a_summary_cannot_be_published(client, officer, summary):
    client.force_login(officer)
    # Saving never publishes, whatever the form is sent: it is saved as a draft, to be edited...
    assert client.post(f"{REPORTS}add/", report_form("published", summary)).status_code == 302
    report = Report.objects.get()
    assert not report.is_published
    # ...and the publish step refuses it, saying why.
    confirm = client.get(f"{REPORTS}publish/{report.pk}/").content.decode()
    assert "cannot be published yet" in confirm and "Yes, publish it" not in confirm
    response = client.post(f"{REPORTS}publish/{report.pk}/")
    assert response.status_code == 200 and "cannot be published yet" in response.content.decode()
    report.refresh_from_db()
    assert not report.is_published
    assert client.get(f"/you-said-we-did/{report.slug}/").status_code == 404


def publish_url(report):
    return f"{REPORTS}publish/{report.pk}/"


def test_clean_report_publishes_after_its_confirmation(client, officer):
    client.force_login(officer)
    summary = "Families said short breaks for children aged 0 to 25 were hard to find in 2025."
    assert client.post(f"{REPORTS}add/", report_form("draft", summary)).status_code == 302
    report = Report.objects.get()
    edit = client.get(f"{REPORTS}edit/{report.pk}/").content.decode()
    assert publish_url(report) in edit and "Publish..." in edit
    # The confirmation lists what will be published and warns about a theme no comment answers.
    confirm = client.get(publish_url(report)).content.decode()
    assert "What will be published" in confirm
    assert "Short breaks" in confirm and summary in confirm and "We added them to the directory." in confirm
    assert "No comments answer 'Short breaks'" in confirm
    assert client.get("/you-said-we-did/2025-26/").status_code == 404  # looking is not publishing
    response = client.post(publish_url(report), follow=True)
    assert "is published" in response.content.decode()
    report.refresh_from_db()
    assert report.is_published and report.published_at is not None
    assert summary in client.get("/you-said-we-did/2025-26/").content.decode()
    # The same page takes it off the website again.
    assert "Unpublish..." in client.get(f"{REPORTS}edit/{report.pk}/").content.decode()
    client.post(publish_url(report))
    report.refresh_from_db()
    assert not report.is_published
    assert client.get("/you-said-we-did/2025-26/").status_code == 404


@pytest.mark.parametrize(
    "summary, name",
    [
        ("Jo Bloggs from Westmoor told us short breaks were hard to find.", "Jo Bloggs"),
        ("We met Mrs Khan at the forum, who said transport was late.", "Mrs Khan"),
        ("Mohammed said the transport page was hard to read.", "Mohammed"),
    ],
)
def test_names_in_summaries_are_warned_about_but_do_not_block(client, officer, summary, name):
    report = ReportFactory(year=2025)
    ThemeFactory(report=report, title="Transport", you_said=summary)
    CommentFactory(received_at=timezone.make_aware(datetime(2025, 6, 1, 12)), theme=report.themes.get())
    client.force_login(officer)
    confirm = client.get(publish_url(report)).content.decode()
    assert "may name someone" in confirm and name in confirm
    assert "No comments answer" not in confirm
    assert "Yes, publish it" in confirm  # a warning, not a block
    client.post(publish_url(report))
    report.refresh_from_db()
    assert report.is_published


def test_summaries_without_names_raise_no_warning():
    report = ReportFactory(year=2025)
    ThemeFactory(
        report=report,
        title="Waiting times for speech and language therapy",
        you_said="Many parents told us they waited too long in May for an assessment. Young people agreed.",
        we_did="We will add two therapists by Easter, and the Local Offer forum will check progress.",
    )
    assert report.name_warnings() == []


def test_a_published_report_cannot_be_saved_with_contact_details(client, officer):
    client.force_login(officer)
    client.post(f"{REPORTS}add/", report_form("draft", "Families said short breaks were hard to find."))
    report = Report.objects.get()
    client.post(publish_url(report))
    data = report_form("draft", "Call 07700 900123 about short breaks.")
    data["themes-0-id"] = str(report.themes.get().pk)
    data["themes-INITIAL_FORMS"] = "1"
    response = client.post(f"{REPORTS}edit/{report.pk}/", data)
    assert response.status_code == 200 and "it cannot be saved" in response.content.decode()
    report.refresh_from_db()
    assert report.is_published and "07700" not in report.themes.get().you_said


def test_only_those_who_may_change_reports_may_publish(client, editor, report):
    ThemeFactory(report=report)
    client.force_login(editor)
    assert client.post(publish_url(report)).status_code in (302, 403)
    report.refresh_from_db()
    assert not report.is_published
    assert client.get(f"{REPORTS}publish/not-a-number/").status_code in (302, 403, 404)


def test_preview_renders_the_public_template_before_publishing(client, officer):
    client.force_login(officer)
    summary = "Families said the transport page was hard to find."
    client.post(f"{REPORTS}add/", report_form("draft", summary))
    report = Report.objects.get()
    preview_url = f"{REPORTS}preview/{report.pk}/"
    data = report_form("draft", "Preview text: holiday clubs are missing.")
    data["themes-0-id"] = str(report.themes.get().pk)
    data["themes-INITIAL_FORMS"] = "1"
    assert client.post(preview_url, data).json()["is_valid"] is True
    html = client.get(preview_url).content.decode()
    assert "Preview text: holiday clubs are missing." in html
    assert "this report is not published yet" in html
    assert client.get("/you-said-we-did/2025-26/").status_code == 404


def test_editor_without_report_rights_cannot_edit_reports(client, editor, report):
    client.force_login(editor)
    assert client.get(f"{REPORTS}edit/{report.pk}/").status_code in (302, 403)


def test_headings_match_the_menu_and_blocked_submissions_cannot_be_added_by_hand(admin_client):
    inbox = admin_client.get(INBOX).content.decode()
    assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*Comments inbox", inbox)
    reports = admin_client.get(REPORTS).content.decode()
    assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*You said, we did", reports)
    blocked = admin_client.get("/admin/feedback_blocked/")
    assert blocked.status_code == 200 and "/admin/feedback_blocked/new/" not in blocked.content.decode()
    assert re.search(r"<h1[^>]*>\s*(<[^>]+>\s*)*Blocked submissions", blocked.content.decode())
