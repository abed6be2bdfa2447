"""Reading age for editors: the panel in the page editor, measuring on publish, the "Reading age" report with CSV,
the dashboard count and the owners' digest, on known data."""

import csv
import io

import pytest
import textstat
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from directory.upkeep.digest import build_digests
from directory.upkeep.readability import pages_over_target
from localoffer.readability.analysis import readable_text
from localoffer.readability.models import PageReadingAge
from tests.factories import (
    InformationPageFactory,
    ReviewTeamFactory,
    SchoolPageFactory,
    ServicePageFactory,
    stream,
)
from tests.unit.test_readability import EASY, HARD

pytestmark = pytest.mark.django_db

EASY_HTML = f"<h2>Getting help</h2><p>{EASY}</p>"
HARD_HTML = f"<p>{HARD}</p><ul><li>{HARD}</li></ul>"


def age(html):
    return textstat.flesch_kincaid_grade(readable_text(html)) + 5


@pytest.fixture
def officer(client):
    client.force_login(User.objects.create_superuser("officer", "officer@council.example", "pw"))
    return client


@pytest.fixture
def teams(db):
    return ReviewTeamFactory(name="SEN team", email="sen@council.example"), ReviewTeamFactory(
        name="Health team", email="health@council.example"
    )


@pytest.fixture
def pages(teams, directory, schools_index):
    sen, health = teams
    return {
        "easy": InformationPageFactory(
            title="Easy page", body=stream([("text", EASY_HTML)]), review_owner=sen, publish_revision=True
        ),
        "hard": InformationPageFactory(
            title="Hard page", body=stream([("text", HARD_HTML)]), review_owner=sen, publish_revision=True
        ),
        "hard service": ServicePageFactory(
            title="Hard service", description=HARD_HTML, review_owner=health, publish_revision=True
        ),
        "hard draft": InformationPageFactory(title="Hard draft", body=stream([("text", HARD_HTML)]), draft=True),
        "short school": SchoolPageFactory(title="Short school", provision_details=HARD[:60], publish_revision=True),
    }


def test_publishing_measures_the_page_at_its_revision(pages):
    hard = pages["hard"]
    measurement = PageReadingAge.objects.get(page=hard)
    assert measurement.revision_id == hard.live_revision_id
    assert measurement.reading_age == pytest.approx(age(HARD_HTML))
    assert measurement.words == textstat.lexicon_count(readable_text(HARD_HTML))
    assert PageReadingAge.objects.get(page=pages["short school"]).reading_age is None  # too few words
    assert not PageReadingAge.objects.filter(page=pages["hard draft"]).exists()


def test_the_report_lists_published_pages_over_the_target_with_owner_and_reading_age(officer, pages, settings):
    settings.READING_AGE_TARGET = 12
    response = officer.get(reverse("directory_reading_age"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hard page" in html and "Hard service" in html
    assert "Easy page" not in html and "Hard draft" not in html and "Short school" not in html
    items = pages_over_target()
    assert {item.page.title: item.owner.name for item in items} == {
        "Hard page": "SEN team",
        "Hard service": "Health team",
    }
    assert [item.measurement.reading_age for item in items] == sorted(
        (item.measurement.reading_age for item in items), reverse=True
    )
    hard_page = next(item for item in items if item.page.title == "Hard page")
    assert hard_page.reading_age == round(age(HARD_HTML))

    # Filtered by owner, and as CSV.
    sen = pages["hard"].review_owner
    response = officer.get(reverse("directory_reading_age"), {"owner": sen.pk, "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Title", "Type", "Owner", "Owner email", "Reading age", "Target"]
    assert [row[:6] for row in rows[1:]] == [
        ["Hard page", "information page", "SEN team", "sen@council.example", str(round(age(HARD_HTML))), "12"]
    ]


def test_a_lower_target_brings_in_more_pages(pages, settings):
    settings.READING_AGE_TARGET = 3
    titles = {item.page.title for item in pages_over_target()}
    assert titles == {"Easy page", "Hard page", "Hard service"}


def test_pages_published_before_measuring_began_are_caught_up(officer, pages):
    PageReadingAge.objects.all().delete()
    assert {item.page.title for item in pages_over_target(catch_up=False)} == set()
    officer.get(reverse("directory_reading_age"))
    assert PageReadingAge.objects.filter(page__live=True).count() == 4
    out = io.StringIO()
    call_command("measure_reading_ages", "--all", stdout=out)
    assert out.getvalue().strip() == "Measured 4 pages."


def test_the_digest_tells_each_owner_about_their_pages_over_the_target(pages):
    digests = build_digests(timezone.localdate())
    assert "Pages with a reading age over 12" in digests["sen@council.example"]
    assert "- Hard page (reading age" in digests["sen@council.example"]
    assert "Easy page" not in digests["sen@council.example"]
    assert "- Hard service (reading age" in digests["health@council.example"]


def test_the_dashboard_counts_pages_over_the_target_without_alarm(officer, pages):
    html = officer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Reading age over 12" in html
    assert reverse("directory_reading_age") in html


def test_the_editor_shows_reading_age_longest_sentences_and_jargon(officer, pages):
    page = pages["hard"]
    page.body = stream([("text", HARD_HTML + "<h2>Your SEND Tribunal</h2><p>Ask the XYZ team about SALT.</p>")])
    page.save_revision()
    html = officer.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "data-reading-age-panel" in html
    assert "<strong>Reading age " in html and "(target: 12 or under)" in html
    assert "Longest sentences" in html and "try to keep sentences under 25 words" in html
    assert "tribunal" in html  # a glossary word only in a heading: not explained there
    assert "XYZ" in html  # capitals the glossary does not explain
    for model_page in (pages["hard service"], pages["short school"]):
        html = officer.get(reverse("wagtailadmin_pages:edit", args=[model_page.pk])).content.decode()
        assert "data-reading-age-panel" in html and 'name="explain_terms"' in html


def test_the_panel_is_advice_and_never_stops_publishing(officer, pages):
    page = pages["hard"]
    response = officer.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and PageReadingAge.objects.get(page=page).revision_id == page.live_revision_id


def test_my_teams_reviews_shows_only_the_officers_teams_pages(officer, pages, settings):
    settings.READING_AGE_TARGET = 12
    sen, health = pages["hard"].review_owner, pages["hard service"].review_owner
    me = User.objects.get(username="officer")
    url = reverse("directory_reading_age")
    assert officer.get(url, {"mine": "on"}).context["items"] == []  # in no team: nothing, not everything
    sen.members.add(me)
    assert [item.page.title for item in officer.get(url, {"mine": "on"}).context["items"]] == ["Hard page"]
    health.members.add(me)
    listed = {item.page.title for item in officer.get(url, {"mine": "on"}).context["items"]}
    assert listed == {"Hard page", "Hard service"}
