"""The comments inbox at real volume: bulk theme and status, the themes a comment is offered by its date, and the
exports (no contact details unless a feedback officer asks for them by name; readable dates, Yes/No, an XLSX with a
frozen header and readable widths)."""

import csv
import io
from datetime import date, datetime

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from feedback.models import Comment, Report, Theme
from tests.factories import CommentFactory, ReportFactory, ThemeFactory

pytestmark = pytest.mark.django_db

INBOX = "/admin/feedback_comment/"
BULK = "/admin/bulk/feedback/comment/"
SECRET_EMAIL = "secret.parent@example.net"
SECRET_NAME = "Morwenna Quillfeather"


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", "officer@council.example", "x" * 12)
    user.groups.add(Group.objects.get(name="Feedback officers"))
    return user


@pytest.fixture
def editor(django_user_model):
    """Moderates comments, but is not a feedback officer: never sees contact details."""
    group = Group.objects.create(name="Editors (test)")
    group.permissions.set(
        Permission.objects.filter(codename__in=["access_admin", "view_comment", "change_comment", "add_comment"])
    )
    user = django_user_model.objects.create_user("editor", "editor@council.example", "x" * 12)
    user.groups.add(group)
    return user


def aware(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def comment():
    return CommentFactory(
        name=SECRET_NAME,
        email=SECRET_EMAIL,
        consent_to_contact=True,
        received_at=aware(2026, 3, 3, 14, 5),
    )


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


def filename(response):
    return response["Content-Disposition"].split("filename=")[1].strip('"')


# Exports ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("user", ["officer", "editor"])
def test_exports_leave_contact_details_out_by_default(client, request, comment, user):
    client.force_login(request.getfixturevalue(user))
    response = client.get(INBOX, {"export": "csv"})
    assert "contact-details" not in filename(response)
    rows = csv_rows(response)
    flat = "\n".join(",".join(row) for row in rows)
    assert SECRET_EMAIL not in flat and SECRET_NAME not in flat
    assert "Email" not in rows[0] and "Name" not in rows[0] and "May contact" not in rows[0]
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(INBOX, {"export": "xlsx"}).getvalue()))
    values = [str(cell.value) for row in workbook.active.iter_rows() for cell in row]
    assert SECRET_EMAIL not in values and SECRET_NAME not in values
    # Only officers are offered the export with contact details.
    offered = "contact_details=yes" in client.get(INBOX).content.decode()
    assert offered is (user == "officer")


def test_feedback_officers_download_contact_details_in_a_file_that_says_so(client, officer, comment):
    client.force_login(officer)
    response = client.get(INBOX, {"export": "csv", "contact_details": "yes"})
    assert filename(response).startswith("local-offer-comments-with-contact-details-")
    assert filename(response).endswith(".csv")
    rows = csv_rows(response)
    header = rows[0]
    assert {"Name", "Email", "May contact"} <= set(header)
    row = rows[1]
    assert row[header.index("Email")] == SECRET_EMAIL and row[header.index("Name")] == SECRET_NAME
    response = client.get(INBOX, {"export": "xlsx", "contact_details": "yes"})
    assert "with-contact-details" in filename(response) and filename(response).endswith(".xlsx")


def test_others_may_not_download_contact_details(client, editor, comment):
    client.force_login(editor)
    for export_format in ("csv", "xlsx"):
        response = client.get(INBOX, {"export": export_format, "contact_details": "yes"})
        assert response.status_code in (302, 403)  # Wagtail sends the refused back to the dashboard with a message
        assert "Content-Disposition" not in response and SECRET_EMAIL.encode() not in response.content


def test_exports_read_like_a_person_wrote_them(client, officer, comment):
    client.force_login(officer)
    rows = csv_rows(client.get(INBOX, {"export": "csv", "contact_details": "yes"}))
    header, row = rows[0], rows[1]
    assert row[header.index("Received")] == "3 March 2026 14:05"
    assert row[header.index("May contact")] == "Yes"
    assert "True" not in row and "False" not in row

    response = client.get(INBOX, {"export": "xlsx", "contact_details": "yes"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    header = [cell.value for cell in sheet[1]]
    received = sheet.cell(row=2, column=header.index("Received") + 1)
    assert received.value == datetime(2026, 3, 3, 14, 5)  # a real date, in the site's time, shown readably
    assert received.number_format == "d mmmm yyyy hh:mm"
    assert sheet.cell(row=2, column=header.index("May contact") + 1).value == "Yes"
    assert sheet.freeze_panes == "A2"
    comment_column = sheet.column_dimensions[openpyxl.utils.get_column_letter(header.index("Comment") + 1)]
    reference_column = sheet.column_dimensions["A"]
    assert 10 <= reference_column.width < comment_column.width <= 62


def test_xlsx_keeps_formulas_as_text(client, officer):
    CommentFactory(body='=HYPERLINK("http://evil.example")')
    client.force_login(officer)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(INBOX, {"export": "xlsx"}).getvalue())).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("Comment") + 1)
    assert cell.value == '=HYPERLINK("http://evil.example")' and cell.data_type == "s"


# Dated themes -------------------------------------------------------------------------------------------------------


def test_report_periods_may_not_overlap_or_run_backwards():
    ReportFactory(year=2025)
    clash = Report(
        title="Clash", slug="clash", period_start=date(2025, 4, 1), period_end=date(2026, 3, 31), introduction="x"
    )
    with pytest.raises(ValidationError, match="overlaps"):
        clash.full_clean()
    backwards = Report(
        title="B", slug="b", period_start=date(2027, 4, 1), period_end=date(2027, 3, 1), introduction="x"
    )
    with pytest.raises(ValidationError):
        backwards.full_clean()


def test_themes_for_a_day_are_those_of_the_report_covering_it():
    this_year = ThemeFactory(report=ReportFactory(year=2026))
    ThemeFactory(report=ReportFactory(year=2025))
    assert list(Theme.objects.for_day(date(2026, 3, 3))) == [this_year]
    assert not Theme.objects.for_day(date(2030, 1, 1)).exists()


# Bulk actions -------------------------------------------------------------------------------------------------------


def bulk_url(action, comments):
    return f"{BULK}{action}/?next={INBOX}&" + "&".join(f"id={comment.pk}" for comment in comments)


def test_bulk_set_theme_on_many_comments_offers_only_their_reports_themes(client, officer):
    report = ReportFactory(year=2026)
    theme = ThemeFactory(report=report, title="Short breaks")
    old = ThemeFactory(report=ReportFactory(year=2025), title="Last year's")
    comments = [CommentFactory(received_at=aware(2026, 2, 1 + n % 27, 10)) for n in range(24)]
    last_year = CommentFactory(received_at=aware(2025, 6, 1, 10))
    excluded = CommentFactory(received_at=aware(2026, 2, 2, 10), excluded=True)
    client.force_login(officer)

    html = client.get(bulk_url("set_theme", comments)).content.decode()
    assert "Short breaks" in html and "Last year&#x27;s" not in html
    assert all(comment.reference in html for comment in comments)

    chosen = [*comments, last_year, excluded]
    response = client.post(bulk_url("set_theme", chosen), {"theme": theme.pk}, follow=True)
    html = response.content.decode()
    assert "24 comments now answer" in html
    assert "2 comments left as they were" in html
    assert Comment.objects.filter(theme=theme, status=Comment.Status.REVIEWED).count() == 24
    last_year.refresh_from_db()
    excluded.refresh_from_db()
    assert last_year.theme is None and excluded.theme is None
    # A theme from another report is not a choice.
    response = client.post(bulk_url("set_theme", comments), {"theme": old.pk})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_bulk_set_status_needs_a_reason_to_exclude_and_keeps_themed_comments_reviewed(client, officer):
    theme = ThemeFactory(report=ReportFactory(year=2026))
    comments = [CommentFactory(received_at=aware(2026, 2, 1 + n, 10)) for n in range(21)]
    Comment.objects.filter(pk=comments[0].pk).update(theme=theme, status=Comment.Status.REVIEWED)
    client.force_login(officer)

    response = client.post(bulk_url("set_status", comments), {"status": "excluded", "exclusion_reason": ""})
    assert response.status_code == 200 and "Choose why these comments are excluded." in response.content.decode()
    assert not Comment.objects.filter(status=Comment.Status.EXCLUDED).exists()

    response = client.post(bulk_url("set_status", comments), {"status": "reviewed"}, follow=True)
    assert "21 comments set to Reviewed" in response.content.decode()

    response = client.post(bulk_url("set_status", comments), {"status": "new"}, follow=True)
    assert "20 comments set to New" in response.content.decode()
    assert "1 comment left as it was" in response.content.decode()

    client.post(bulk_url("set_status", comments), {"status": "excluded", "exclusion_reason": "spam"})
    assert Comment.objects.filter(status=Comment.Status.EXCLUDED, exclusion_reason="spam").count() == 21
    assert not Comment.objects.filter(theme__isnull=False).exists()  # excluded comments answer no theme
    for comment in Comment.objects.all():
        comment.full_clean()  # every comment still obeys the rules of one


def test_bulk_actions_need_the_right_to_change_comments(client, django_user_model, comment):
    viewer = django_user_model.objects.create_user("viewer", "viewer@council.example", "x" * 12)
    group = Group.objects.create(name="Viewers (test)")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "view_comment"]))
    viewer.groups.add(group)
    client.force_login(viewer)
    client.post(bulk_url("set_status", [comment]), {"status": "excluded", "exclusion_reason": "spam"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.NEW
    assert client.get(f"{BULK}set_status/?id=not-a-number").status_code == 404


def test_inbox_has_bulk_checkboxes(client, officer, comment):
    client.force_login(officer)
    html = client.get(INBOX).content.decode()
    assert f'data-object-id="{comment.pk}"' in html
    assert f'id="comment_{comment.pk}_title"' in html
    assert "set_theme" in html and "set_status" in html
