"""The officers' services listing (Directory, "Services"): filters narrow to exactly the services asked for, bad
filter values never give a 500, the download is the services spreadsheet of just those services, and the bulk
actions give pages an owning team or mark them reviewed with a note kept in their history."""

import csv
import datetime
import io
from urllib.parse import quote

import openpyxl
import pytest
from django.utils import timezone
from wagtail.log_actions import registry as log_registry
from wagtail.models import PageLogEntry

from directory.models import ServicePage
from localoffer.models import ReviewTeam
from tests.factories import (
    InformationPageFactory,
    OrganisationFactory,
    ReviewTeamFactory,
    ServiceContactFactory,
    ServicePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/admin/services/"


@pytest.fixture
def services(directory):
    today = timezone.localdate()
    trust = OrganisationFactory(name="Alpha Trust")
    return {
        "wanted": ServicePageFactory(
            title="Autism club",
            tier="targeted",
            need_types=["autism"],
            organisation=trust,
            last_reviewed=today - datetime.timedelta(days=800),
        ),
        "fine": ServicePageFactory(
            title="Autism drop-in", tier="targeted", need_types=["autism"], organisation=trust, last_reviewed=today
        ),
        "universal": ServicePageFactory(
            title="Library",
            tier="universal",
            need_types=["autism"],
            organisation=trust,
            last_reviewed=today - datetime.timedelta(days=800),
        ),
        "draft": ServicePageFactory(title="Draft club", tier="targeted", draft=True),
    }


@pytest.fixture
def officer_client(client):
    client.force_login(UserFactory(superuser=True))
    return client


def titles(response):
    assert response.status_code == 200
    return {page.title for page in response.context["pages"]}


def test_three_filters_narrow_the_listing_to_the_known_service(officer_client, services):
    trust = services["wanted"].organisation
    query = {"tier": "targeted", "organisation": trust.pk, "review_status": "overdue"}
    assert titles(officer_client.get(URL, query)) == {"Autism club"}
    assert titles(officer_client.get(URL, {"live": "false"})) == {"Draft club"}
    autism_area = services["wanted"].need_types.get().area
    assert titles(officer_client.get(URL, {"area_of_need": autism_area.pk, "review_status": "fine"})) == {
        "Autism drop-in"
    }


def test_bad_filter_values_show_the_listing_not_an_error(officer_client, services):
    for query in ({"tier": "nonsense"}, {"organisation": "x"}, {"review_status": "<b>"}, {"ordering": "drop"}):
        assert officer_client.get(URL, query).status_code == 200


def test_sorting_by_review_due_date(officer_client, services):
    # Never reviewed: its review clock runs from its first publication, three years ago, so it is due first.
    never = ServicePageFactory(title="Never reviewed", last_reviewed=None)
    ServicePage.objects.filter(pk=never.pk).update(first_published_at=timezone.now() - datetime.timedelta(days=1100))
    response = officer_client.get(URL, {"ordering": "review_clock", "live": "true"})
    listed = [page.title for page in response.context["pages"]]
    assert listed[0] == "Never reviewed" and listed[-1] == "Autism drop-in"  # reviewed today: due last
    response = officer_client.get(URL, {"ordering": "-review_clock", "live": "true"})
    assert [page.title for page in response.context["pages"]][0] == "Autism drop-in"


def test_no_owning_team_is_a_filter_of_its_own(officer_client, services):
    ServicePage.objects.exclude(pk=services["wanted"].pk).update(review_owner=ReviewTeamFactory())
    assert titles(officer_client.get(URL, {"no_owner": "on"})) == {"Autism club"}
    # The old "null" choice of the owning team filter was a server error: now an invalid choice, ignored.
    assert officer_client.get(URL, {"review_owner": "null"}).status_code == 200
    assert officer_client.get(URL + "results/", {"review_owner": "null"}).status_code == 200


def test_the_download_of_a_search_is_the_services_found(officer_client, services):
    response = officer_client.get(URL, {"q": "autism", "tier": "targeted", "export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert sorted(row[1] for row in rows[1:]) == ["Autism club", "Autism drop-in"]


def test_the_download_is_the_services_spreadsheet_of_the_filtered_services(officer_client, services):
    response = officer_client.get(URL, {"tier": "targeted", "review_status": "overdue", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Open Referral id", "Name"]
    assert [row[1] for row in rows[1:]] == ["Autism club"]
    response = officer_client.get(URL, {"tier": "targeted", "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sorted(row[1] for row in sheet.iter_rows(min_row=2, values_only=True)) == [
        "Autism club",
        "Autism drop-in",
        "Draft club",
    ]


def test_bulk_assign_owning_team_then_mark_reviewed_with_a_note(officer_client, services):
    team = ReviewTeamFactory(name="SEND services team")
    pages = [services["wanted"], services["universal"]]
    ids = "&".join(f"id={page.pk}" for page in pages)
    assign = f"/admin/bulk/wagtailcore/page/assign_owning_team/?next={URL}&{ids}"
    assert officer_client.get(assign).status_code == 200
    response = officer_client.post(assign, {"review_owner": team.pk})
    assert response.status_code == 302
    assert set(ServicePage.objects.filter(review_owner=team).values_list("title", flat=True)) == {
        "Autism club",
        "Library",
    }
    assert titles(officer_client.get(URL, {"review_owner": team.pk})) == {"Autism club", "Library"}

    review = f"/admin/bulk/wagtailcore/page/mark_reviewed/?next={URL}&{ids}"
    response = officer_client.post(review, {"note": ""})
    assert response.status_code == 200 and "Say in one line what you checked." in response.content.decode()
    officer_client.post(review, {"note": "Opening times confirmed by phone"})
    for page in pages:
        page.refresh_from_db()
        assert page.last_reviewed == timezone.localdate()
        entry = PageLogEntry.objects.filter(page=page, action="localoffer.mark_reviewed").get()
        assert entry.data["note"] == "Opening times confirmed by phone"
        assert (
            log_registry.get_formatter(entry).format_message(entry)
            == "Marked as reviewed: Opening times confirmed by phone"
        )
    assert ReviewTeam.objects.count() == 1


def test_select_all_in_listing_acts_on_the_filtered_services_only(officer_client, services, home_page):
    """Wagtail's own "all" is every page of the site whatever the listing was filtered to (wagtail#12853)."""
    team = ReviewTeamFactory(name="Targeted team")
    other = InformationPageFactory(title="Ask for an assessment", parent=home_page)
    # Wagtail's bulk-actions script sends the listing's own query string, then id=all and next.
    listing = f"{URL}?tier=targeted&live=true"
    assign = f"/admin/bulk/wagtailcore/page/assign_owning_team/?tier=targeted&live=true&id=all&next={quote(listing)}"
    confirm = officer_client.get(assign).content.decode()
    assert "Autism club" in confirm and "Autism drop-in" in confirm
    assert "Library" not in confirm and "Draft club" not in confirm and "Ask for an assessment" not in confirm
    officer_client.post(assign, {"review_owner": team.pk})
    owned = set(ServicePage.objects.filter(review_owner=team).values_list("title", flat=True))
    assert owned == {"Autism club", "Autism drop-in"}
    other.refresh_from_db()
    assert other.review_owner_id != team.pk
    # Searching the listing too: only what the search and filters both let through.
    searched = f"/admin/bulk/wagtailcore/page/mark_reviewed/?q=club&tier=targeted&id=all&next={quote(URL + '?q=club')}"
    confirm = officer_client.get(searched).content.decode()
    assert "Autism club" in confirm and "Draft club" in confirm and "Autism drop-in" not in confirm
    # Ids typed into the address are not a server error.
    for typed in ("abc", "%C2%B2"):  # "²" is a digit to str.isdigit(), not to int()
        assert (
            officer_client.get(f"/admin/bulk/wagtailcore/page/mark_reviewed/?id={typed}&next={URL}").status_code == 404
        )


def test_my_teams_reviews_narrows_to_services_owned_by_the_officers_teams(client, services):
    officer = UserFactory(superuser=True)
    mine, theirs = ReviewTeamFactory(name="Autism team"), ReviewTeamFactory(name="Health team")
    mine.members.add(officer)
    ServicePage.objects.filter(pk=services["wanted"].pk).update(review_owner=mine)
    ServicePage.objects.filter(pk=services["fine"].pk).update(review_owner=theirs)
    client.force_login(officer)
    assert titles(client.get(URL, {"mine": "on"})) == {"Autism club"}
    assert "My team&#x27;s reviews" in client.get(URL).content.decode()
    client.force_login(UserFactory(superuser=True))  # in no team
    assert titles(client.get(URL, {"mine": "on"})) == set()


def test_the_listing_shows_each_services_phone_number_formatted(officer_client, directory):
    service = ServicePageFactory(
        title="Speech drop-in", contacts=[ServiceContactFactory.build(page=None, phone="01632960001")]
    )
    html = officer_client.get(URL).content.decode()
    assert "01632 960 001" in html
    assert service.contacts.get().phone == "01632960001"  # formatting is for display only
