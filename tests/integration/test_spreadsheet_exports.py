"""Spreadsheets open cleanly in Excel: CSV in UTF-8 with a byte-order mark and formulas neutralised; XLSX cells
keep their text exactly (typed as text, never run as formulas, no stray apostrophe)."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group

from feedback.models import Comment, Report, Role, Theme, Topic

pytestmark = pytest.mark.django_db

INBOX = "/admin/feedback_comment/"
TEXTS = ['=HYPERLINK("http://evil.example")', "-worried about transport", "Émilie’s speech therapy 🎉", "+44 call me"]


@pytest.fixture
def officer(client, django_user_model):
    user = django_user_model.objects.create_user("officer", "officer@council.example", "x" * 12)
    user.groups.add(Group.objects.get(name="Feedback officers"))
    client.force_login(user)
    return user


@pytest.fixture
def comments():
    return [Comment.objects.create(topic=Topic.MISSING, role=Role.PARENT, body=text) for text in TEXTS]


def test_comments_xlsx_keeps_each_cell_as_typed_text(client, officer, comments):
    response = client.get(INBOX, {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows())
    column = [cell.value for cell in rows[0]].index("Comment")
    cells = [row[column] for row in rows[1:]]
    assert sorted(cell.value for cell in cells) == sorted(TEXTS)
    assert all(cell.data_type == "s" for cell in cells)  # text, not a formula


def test_comments_csv_has_a_bom_and_neutralises_formulas(client, officer, comments):
    response = client.get(INBOX, {"export": "csv"})
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    column = rows[0].index("Comment")
    bodies = sorted(row[column] for row in rows[1:])
    expected = sorted("'" + text if text[0] in "=-+" else text for text in TEXTS)
    assert bodies == expected


def test_public_themes_csv_has_a_bom_and_neutralises_formulas(client):
    report = Report.objects.create(
        title="You said, we did 2025", slug="2025", period_start="2025-01-01", period_end="2025-12-31"
    )
    Theme.objects.create(report=report, title="Transport", you_said="=1+1 buses late", we_did="Émilie’s plan")
    report.status = Report.Status.PUBLISHED
    report.save()
    response = client.get("/you-said-we-did/themes.csv")
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][rows[0].index("You said")] == "'=1+1 buses late"
    assert rows[1][rows[0].index("We did or will")] == "Émilie’s plan"
