import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from directory.upkeep.reviews import due_for_review
from localoffer.models import InformationPage
from tests.factories import InformationPageFactory, LocalOfferSettingsFactory, ReviewTeamFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def teams():
    return (
        ReviewTeamFactory(name="SEN team", email="sen@council.example"),
        ReviewTeamFactory(name="Health team", email="health@council.example"),
    )


@pytest.fixture
def pages(teams, home_page):
    """Pages reviewed at known dates, with a 12-month interval: one overdue, one due in ~10 days, one fresh."""
    sen, health = teams
    LocalOfferSettingsFactory(email="localoffer@council.example")

    def make(slug, reviewed, owner):
        return InformationPageFactory(
            title=slug.title(), slug=slug, last_reviewed=reviewed, review_owner=owner, publish_revision=True
        )

    return {
        "overdue": make("overdue", days_ago(400), sen),
        "soon": make("soon", days_ago(355), health),
        "fresh": make("fresh", days_ago(10), sen),
        "unowned": make("unowned", days_ago(500), None),
    }


def test_due_for_review_lists_overdue_and_due_soon_not_fresh(pages):
    items = {item.page.slug: item for item in due_for_review()}
    assert set(items) == {"overdue", "soon", "unowned"}
    assert items["overdue"].overdue and items["unowned"].overdue and not items["soon"].overdue
    assert [item.page.slug for item in due_for_review()] == ["unowned", "overdue", "soon"]


def test_due_for_review_filters_by_owner_and_window(pages, teams):
    sen, health = teams
    assert [item.page.slug for item in due_for_review(owner=sen)] == ["overdue"]
    assert [item.page.slug for item in due_for_review(within_days=0)] == ["unowned", "overdue"]


def test_never_reviewed_page_falls_due_a_year_after_first_publication(pages):
    page = pages["fresh"]
    page.last_reviewed = None
    page.first_published_at = timezone.now() - datetime.timedelta(days=380)
    page.save()
    assert "fresh" in {item.page.slug for item in due_for_review()}


@pytest.fixture
def officer(client):
    user = User.objects.create_superuser("officer", "officer@council.example", "pass")
    client.force_login(user)
    return user


def test_report_page_lists_due_pages_and_marking_reviewed_drops_the_count(client, officer, pages):
    url = reverse("localoffer_due_for_review")
    html = client.get(url).content.decode()
    assert "<span data-due-count>3</span>" in html and "<span data-overdue-count>2</span>" in html
    assert re.search(r"<h1[^>]*>\s*Due for review\s*</h1>", html)  # named in the header, not "Home"
    revisions_before = pages["overdue"].revisions.count()

    mark = reverse("localoffer_mark_reviewed", args=[pages["overdue"].pk])
    confirm = client.get(mark, {"next": url}).content.decode()  # asks what was checked, and confirms
    assert "What did you check?" in confirm and "Yes, mark reviewed" in confirm
    response = client.post(mark, {"next": url, "note": ""})
    assert response.status_code == 200 and "Say in one line what you checked." in response.content.decode()
    assert InformationPage.objects.get(pk=pages["overdue"].pk).last_reviewed != timezone.localdate()
    response = client.post(mark, {"next": url, "note": "Checked the phone number"})
    assert response.status_code == 302 and response["Location"] == url

    page = InformationPage.objects.get(pk=pages["overdue"].pk)
    assert page.last_reviewed == timezone.localdate()
    assert page.revisions.count() == revisions_before  # content untouched: no new revision
    assert page.latest_revision.as_object().last_reviewed == timezone.localdate()
    entry = PageLogEntry.objects.get(page=page, action="localoffer.mark_reviewed", user=officer)
    assert entry.data["note"] == "Checked the phone number"
    html = client.get(url).content.decode()
    assert "<span data-due-count>2</span>" in html and "<span data-overdue-count>1</span>" in html


def test_mark_reviewed_needs_admin_access_and_a_note(client, pages):
    user = User.objects.create_user("viewer", password="pass")
    user.groups.add(Group.objects.get(name="Moderators"))
    viewer = User.objects.create_user("nobody", password="pass")
    url = reverse("localoffer_mark_reviewed", args=[pages["overdue"].pk])
    client.force_login(viewer)
    assert client.post(url).status_code in (302, 403)  # no admin access at all
    client.force_login(user)
    assert client.get(url).status_code == 200  # asking changes nothing
    assert client.post(url, {"note": ""}).status_code == 200  # nor does an answer without a note
    assert InformationPage.objects.get(pk=pages["overdue"].pk).last_reviewed == days_ago(400)


def test_report_bad_filters_are_ignored_with_a_message_never_a_500(client, officer, pages):
    for query in ({"within": "abc"}, {"owner": "999999"}, {"type": "<script>"}, {"within": "-5"}):
        response = client.get(reverse("localoffer_due_for_review"), query)
        assert response.status_code == 200
        assert "Some filters were not valid" in response.content.decode()
        assert "<script>" not in response.content.decode().split("</header>")[-1]


def test_one_bad_filter_leaves_the_others_applied(client, officer, pages, teams):
    sen, _health = teams
    url = reverse("localoffer_due_for_review")
    good = {item.page.slug for item in client.get(url, {"owner": sen.pk}).context["items"]}
    response = client.get(url, {"owner": sen.pk, "within": "366"})  # over the maximum
    assert "Some filters were not valid" in response.content.decode()
    assert {item.page.slug for item in response.context["items"]} == good  # the owner still applies


def test_report_csv_opens_in_a_spreadsheet(client, officer, pages):
    pages["overdue"].title = "=HYPERLINK(evil)"
    pages["overdue"].save_revision().publish()
    response = client.get(reverse("localoffer_due_for_review"), {"format": "csv"})
    body = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert body.startswith("\ufeffTitle,Type,Owner")
    assert "'=HYPERLINK(evil)" in body
    assert len(body.strip().splitlines()) == 1 + 3


def test_weekly_digest_goes_to_each_owner_with_their_pages(pages):
    call_command("send_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert set(by_recipient) == {"sen@council.example", "health@council.example", "localoffer@council.example"}
    assert "Overdue" in by_recipient["sen@council.example"] and "Fresh" not in by_recipient["sen@council.example"]
    assert "Soon (due" in by_recipient["health@council.example"]
    assert "Unowned (overdue" in by_recipient["localoffer@council.example"]


def test_dashboard_and_editor_warn_about_overdue_pages(client, officer, pages):
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-dashboard-item="due-for-review"' in home and "2 overdue" in home
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[pages["overdue"].pk])).content.decode()
    assert 'data-review-status="overdue"' in editor
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[pages["fresh"].pk])).content.decode()
    assert "data-review-status" not in editor


def test_my_teams_reviews_shows_only_pages_owned_by_the_officers_teams(client, officer, pages, teams):
    sen, health = teams
    sen.members.add(officer)
    assert [item.page.slug for item in due_for_review(member=officer)] == ["overdue"]
    url = reverse("localoffer_due_for_review")
    response = client.get(url, {"mine": "on"})
    assert [item.page.slug for item in response.context["items"]] == ["overdue"]
    assert "My team&#x27;s reviews" in response.content.decode()
    health.members.add(officer)
    assert [item.page.slug for item in client.get(url, {"mine": "on"}).context["items"]] == ["overdue", "soon"]
    # An officer in no team sees nothing under "mine", not everything.
    sen.members.remove(officer)
    health.members.remove(officer)
    assert client.get(url, {"mine": "on"}).context["items"] == []


def test_an_officer_adds_members_to_a_review_team_on_its_snippet(client, officer, teams):
    sen, _health = teams
    url = reverse("wagtailsnippets_localoffer_reviewteam:edit", args=[sen.pk])
    assert 'name="members"' in client.get(url).content.decode()
    response = client.post(url, {"name": sen.name, "email": sen.email, "members": [officer.pk]})
    assert response.status_code == 302
    assert list(sen.members.all()) == [officer]


def test_mark_reviewed_is_offered_only_on_pages_the_officer_may_edit(client, pages):
    url = reverse("localoffer_due_for_review")
    feedback_officer = User.objects.create_user("feedback", password="pass")
    feedback_officer.groups.add(Group.objects.get(name="Feedback officers"))  # admin access, no page permissions
    moderator = User.objects.create_user("moderator", password="pass")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(feedback_officer)
    html = client.get(url).content.decode()
    assert "data-due-count" in html and "Mark reviewed<span" not in html
    client.force_login(moderator)
    assert "Mark reviewed<span" in client.get(url).content.decode()
