"""Statutory coverage and sufficiency reports: built from known data and compared, CSV, dashboard count, and the
demo site's coverage."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.ages import AGE_BANDS
from directory.models import NeedType, ServicePage
from directory.upkeep.reports import COVERED, MISSING, OVERDUE_ONLY, statutory_coverage, sufficiency
from localoffer.models import StatutoryTopic
from tests.factories import InformationPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def info_page(slug, topics, live=True, reviewed_days_ago=10):
    return InformationPageFactory(
        title=slug.title(),
        slug=slug,
        statutory_topics=topics,
        draft=not live,
        last_reviewed=TODAY - datetime.timedelta(days=reviewed_days_ago),
    )


def service(slug, tier="targeted", ages=(0, 25), needs=(), categories=(), live=True, **fields):
    return ServicePageFactory(
        title=slug.title(),
        slug=slug,
        tier=tier,
        min_age=ages[0],
        max_age=ages[1],
        need_types=needs,
        categories=categories,
        draft=not live,
        last_reviewed=TODAY,
        **fields,
    )


@pytest.fixture
def officer(client):
    client.force_login(User.objects.create_superuser("officer", "officer@council.example", "pw"))
    return client


# Statutory coverage ----------------------------------------------------------------------------------------------


@pytest.fixture
def coverage_data(directory):
    return {
        "ehc": info_page("ehc", [4, 13]),
        "old-strategy": info_page("old-strategy", [12], reviewed_days_ago=800),
        "draft-complaints": info_page("draft-complaints", [14], live=False),
        "therapy": service("therapy", categories=["health"]),
        "expired-nursery": service("expired-nursery", categories=["childcare"], expired=True),
    }


def test_coverage_lists_live_pages_per_topic_and_flags_gaps(coverage_data):
    coverage = statutory_coverage()
    by_number = {item.topic.number: item for item in coverage.topics}
    assert len(by_number) == StatutoryTopic.objects.count() == 16
    assert [c.page.slug for c in by_number[4].pages] == ["ehc"] and by_number[4].status == COVERED
    assert by_number[13].status == COVERED
    # Services cover topics through their categories (Health -> topic 5).
    assert [(c.page.slug, c.via) for c in by_number[5].pages] == [("therapy", "Health")]
    assert by_number[12].status == OVERDUE_ONLY and by_number[12].pages[0].overdue
    assert by_number[14].status == MISSING  # only a draft
    assert by_number[10].status == MISSING  # only an expired service
    covered = {number for number, item in by_number.items() if item.status == COVERED}
    assert covered == {4, 5, 13}
    assert coverage.covered == len(covered)
    assert coverage.percent == round(100 * len(covered) / 16)
    assert len(coverage.flagged) == 16 - len(covered)


def test_a_page_families_cannot_see_covers_no_topic(coverage_data):
    PageViewRestriction.objects.create(page=coverage_data["ehc"], restriction_type=PageViewRestriction.LOGIN)
    by_number = {item.topic.number: item for item in statutory_coverage().topics}
    assert by_number[4].status == MISSING and by_number[4].pages == []  # behind a login: not covered for families


def test_coverage_report_page_csv_and_dashboard(coverage_data, officer):
    html = officer.get(reverse("directory_statutory_coverage")).content.decode()
    assert f"data-coverage-percent>{statutory_coverage().percent}<" in html
    assert 'data-topic="12" data-status="overdue"' in html and 'data-topic="14" data-status="missing"' in html
    assert "1 live service in Health" in html

    response = officer.get(reverse("directory_statutory_coverage"), {"format": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 16
    assert rows[11]["Status"] == "Only overdue pages" and "[overdue]" in rows[11]["Pages"]
    assert rows[4]["Pages"] == "Therapy (service: Health)"

    dashboard = officer.get("/admin/").content.decode()
    row = dashboard[dashboard.index('data-dashboard-item="statutory-coverage"') :][:700]
    assert f"{statutory_coverage().percent}%" in row and reverse("directory_statutory_coverage") in row


def test_the_demo_site_covers_every_topic(demo_db):
    coverage = statutory_coverage()
    assert [item.topic.number for item in coverage.flagged] == []
    assert coverage.percent == 100


# Sufficiency -----------------------------------------------------------------------------------------------------


@pytest.fixture
def provision(directory):
    no_ages = service("no-ages", tier="specialist", ages=(3, 5), needs=["autism"])
    ServicePage.objects.filter(pk=no_ages.pk).update(min_age=None, max_age=None)  # as an old import might leave it
    return {
        "autism-early": service("autism-early", tier="specialist", ages=(0, 4), needs=["autism"]),
        "sensory-school": service(
            "sensory-school", tier="targeted", ages=(5, 16), needs=["autism", "hearing-impairment"]
        ),
        "open-to-all": service("open-to-all", tier="universal", ages=(0, 25)),
        "no-ages": no_ages,
        "draft": service("draft", ages=(0, 25), needs=["autism"], live=False),
    }


def band_index(slug):
    return [band.slug for band in AGE_BANDS].index(slug)


def test_sufficiency_counts_live_services_by_need_and_age_band(provision):
    data = sufficiency()
    rows = {row.label: row for row in data.rows}
    assert len(data.rows) == NeedType.objects.count()
    autism, hearing = rows["Autism"], rows["Hearing impairment"]
    # A service counts in every band its ages overlap (5 to 16 reaches into post-16).
    expected_autism = [int(band.overlaps(0, 4)) + int(band.overlaps(5, 16)) for band in AGE_BANDS]
    assert autism.counts == expected_autism and autism.total == 3  # the draft is not counted
    assert hearing.counts[band_index("5-11")] == 1 and hearing.counts[band_index("0-4")] == 0
    assert data.any_need.counts == [1] * len(AGE_BANDS) and data.any_need.total == 1
    assert data.total == 4 and data.no_ages == 1
    assert data.band_totals[band_index("0-4")] == 2 and data.band_totals[band_index("19-25")] == 1
    assert data.gap_count == sum(count == 0 for row in data.rows for count in row.counts)


def test_sufficiency_per_tier(provision):
    specialist = {row.label: row for row in sufficiency(tier="specialist").rows}
    assert specialist["Autism"].counts[band_index("0-4")] == 1
    assert specialist["Autism"].counts[band_index("5-11")] == 0 and specialist["Autism"].total == 2
    assert sufficiency(tier="universal").any_need.total == 1


def test_sufficiency_report_highlights_gaps_filters_and_exports(provision, officer):
    url = reverse("directory_sufficiency")
    html = officer.get(url).content.decode()
    data = sufficiency()
    assert html.count("data-gap>") == data.gap_count > 0
    assert f"data-service-total>{data.total}<" in html

    specialist = officer.get(url, {"tier": "specialist"}).content.decode()
    assert "data-service-total>2<" in specialist and "live specialist services" in specialist

    bad = officer.get(url, {"tier": "<script>"})
    assert bad.status_code == 200 and "have been ignored" in bad.content.decode()
    assert "<script>" not in bad.content.decode().split("</h1>")[-1].split("have been ignored")[0]

    response = officer.get(url, {"tier": "targeted", "format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="sufficiency-targeted.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[0][0] == "Need type" and rows[0][2:-1] == [band.title for band in AGE_BANDS]
    autism = next(row for row in rows if row[0] == "Autism")
    assert autism[2 + band_index("5-11")] == "1" and autism[2 + band_index("0-4")] == "0"
    assert rows[-1][0] == "All live services" and rows[-1][-1] == "1"
