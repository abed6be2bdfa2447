"""Providers keeping their listings right (issue 12): the whole life. A service due for review is asked once per
cycle, reminded once, and its team told when the provider does not answer; "yes" records a review; a proposed change
publishes nothing until an officer accepts it, all or some fields, through a new revision; rejection emails the
reason; an officer's edit since the proposal is shown and never overwritten blindly; tokens expire, work once, only
for their own service and email; every bad input answers with a clear message."""

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from directory import url_safety
from directory.models import ProposedChange, ProviderContact, ReviewRequest, ServicePage
from directory.openreferral import spreadsheet
from directory.providers import changes, cycle, decisions
from directory.providers.admin import digest_section, pending_count
from localoffer import tokens
from localoffer.editorial_groups import EDITORS, MODERATORS
from tests.factories import (
    ProviderContactFactory,
    ReviewRequestFactory,
    ReviewTeamFactory,
    ServicePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.localdate() - timedelta(days=400)  # exact dates: read today's when a test runs, not here


@pytest.fixture(autouse=True)
def no_dns(monkeypatch):
    monkeypatch.setattr(url_safety, "_resolve", lambda host, port: ["93.184.216.34"])


def due_service(**kwargs):
    kwargs.setdefault("last_reviewed", LONG_AGO)
    service = ServicePageFactory(**kwargs)
    ProviderContactFactory(service=service, name="Jo Provider", email=f"jo@{service.slug}.example")
    return service


def link_from(message):
    return re.search(r"https?://\S+/check-your-listing/\S+/", message.body).group(0)


def path_of(url):
    return "/" + url.split("/", 3)[3]


def asked(service):
    cycle.run_cycle()
    request = ReviewRequest.objects.get(service=service)
    return request, reverse("provider_check", args=[service.pk, cycle.make_token(request)])


# The cycle -------------------------------------------------------------------------------------------------------


def test_each_due_service_with_a_contact_is_asked_once_a_cycle():
    due = due_service(title="Oak swimming club")
    due_service(title="Not due", last_reviewed=timezone.localdate() - timedelta(days=30))
    ServicePageFactory(title="No contact", last_reviewed=LONG_AGO)
    draft = due_service(title="A draft", draft=True)

    result = cycle.run_cycle()
    assert result.asked == [due.pk]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [f"jo@{due.slug}.example"]
    assert "Oak swimming club" in message.subject
    assert "Yes, it is all still right" in message.body and "Something needs changing" in message.body
    assert f"/check-your-listing/{due.pk}/" in message.body
    assert draft.pk not in result.asked

    # Not again on the next run, or the day after.
    assert cycle.run_cycle().asked == []
    assert cycle.run_cycle(now=timezone.now() + timedelta(days=1)).asked == []
    assert len(mail.outbox) == 1


def test_a_reminder_after_seven_days_then_the_team_is_told():
    team = ReviewTeamFactory(name="Short breaks team", email="shortbreaks@council.example")
    service = due_service(title="Oak swimming club", review_owner=team)
    request, _url = asked(service)
    mail.outbox.clear()

    assert cycle.run_cycle(now=timezone.now() + timedelta(days=6)).reminded == []
    assert cycle.run_cycle(now=timezone.now() + timedelta(days=8)).reminded == [service.pk]
    assert cycle.run_cycle(now=timezone.now() + timedelta(days=9)).reminded == []
    assert len(mail.outbox) == 1 and mail.outbox[0].subject.startswith("Reminder:")
    # The reminder's link expires with the first one's.
    assert "/check-your-listing/" in mail.outbox[0].body

    assert cycle.unanswered() == []
    ReviewRequest.objects.filter(pk=request.pk).update(sent_at=timezone.now() - timedelta(days=15))
    assert cycle.unanswered() == [request]
    _heading, by_email = digest_section(timezone.localdate())
    assert any("has not answered about Oak swimming club" in line for line in by_email[team.email])
    # A later run does not ask again while the page has not been reviewed: the team was told.
    assert cycle.run_cycle().asked == []


def test_the_command_runs_the_cycle(capsys):
    due_service()
    call_command("ask_providers")
    assert "Asked 1 providers; reminded 0." in capsys.readouterr().out
    assert len(mail.outbox) == 1


# "Yes, it is all still right" -------------------------------------------------------------------------------------


def test_confirming_records_a_review_by_the_provider(client):
    team = ReviewTeamFactory(email="team@council.example")
    service = due_service(title="Oak swimming club", review_owner=team)
    request, url = asked(service)

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Is the listing for Oak swimming club still right?" in text
    assert "Yes, it is all still right" in text and "Something needs changing" in text
    assert ServicePage.objects.get(pk=service.pk).last_reviewed == LONG_AGO  # GET changes nothing

    response = client.post(url)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    service.refresh_from_db()
    assert service.last_reviewed == timezone.localdate()
    request.refresh_from_db()
    assert request.used_at is not None and request.answer == ReviewRequest.ANSWER_CONFIRMED
    assert PageLogEntry.objects.filter(page=service, action=cycle.CONFIRMED_ACTION).exists()
    _heading, by_email = digest_section(timezone.localdate())
    assert any("confirmed Oak swimming club" in line for line in by_email[team.email])

    # The link is used: it answers clearly and changes nothing.
    again = client.post(url)
    assert again.status_code == 410 and "already been used" in again.content.decode()


# Tokens ------------------------------------------------------------------------------------------------------------


def test_expired_tampered_cross_service_and_changed_email_tokens_change_nothing(client):
    a = due_service(title="Service A")
    b = due_service(title="Service B")
    cycle.run_cycle()
    request_a = ReviewRequest.objects.get(service=a)
    token_a = cycle.make_token(request_a)

    # Another service's address with A's token.
    response = client.post(reverse("provider_check", args=[b.pk, token_a]))
    assert response.status_code == 400 and "does not work" in response.content.decode()
    # Tampered: one character changed, or a token made with another salt (a SENCO's), or a made-up one.
    tampered = token_a[:-1] + ("A" if token_a[-1] != "A" else "B")
    assert client.post(reverse("provider_check", args=[a.pk, tampered])).status_code == 400
    other_salt = tokens.make("directory.senco.update", request_a.pk, a.pk, request_a.nonce, "x")
    assert client.post(reverse("provider_check", args=[a.pk, other_salt])).status_code == 400
    assert client.get(reverse("provider_change", args=[a.pk, "nonsense"])).status_code == 400
    # The provider contact's email changed since: the old link no longer works.
    ProviderContact.objects.filter(service=a).update(email="someone.else@provider.example")
    assert client.post(reverse("provider_check", args=[a.pk, token_a])).status_code == 400
    ProviderContact.objects.filter(service=a).update(email=request_a.email)
    # Expired: 14 days after the first email, whatever the signature's age.
    ReviewRequest.objects.filter(pk=request_a.pk).update(sent_at=timezone.now() - timedelta(days=15))
    response = client.post(reverse("provider_check", args=[a.pk, token_a]))
    assert response.status_code == 410 and "expired" in response.content.decode()

    for service in (a, b):
        service.refresh_from_db()
        assert service.last_reviewed == LONG_AGO
    assert not ReviewRequest.objects.filter(used_at__isnull=False).exists()
    assert not ProposedChange.objects.exists()


def test_the_token_is_masked_in_the_request_log(client, caplog):
    service = due_service()
    _request, url = asked(service)
    token = url.rstrip("/").rsplit("/", 1)[1]
    with caplog.at_level("INFO"):
        client.get(url)
    assert token not in caplog.text


# The update form ---------------------------------------------------------------------------------------------------


def form_data(page, **overrides):
    """What the form sends back when nothing is changed (the snapshot as the browser would post it)."""
    snap = changes.snapshot(page)
    data = {key: value for key, value in snap.items() if key not in ("venues", "contacts")}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    data["base_revision"] = page.live_revision_id
    for prefix in ("venues", "contacts"):
        items = snap[prefix]
        data[f"{prefix}-TOTAL_FORMS"] = len(items) + 1
        data[f"{prefix}-INITIAL_FORMS"] = len(items)
        for i, item in enumerate(items):
            for key, value in item.items():
                if value is True:
                    data[f"{prefix}-{i}-{key}"] = "on"
                elif value is not False:
                    data[f"{prefix}-{i}-{key}"] = value
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_is_filled_in_and_bad_input_is_refused_with_everything_kept(client):
    service = due_service(title="Oak swimming club", with_venue=True, summary="Swimming for all.")
    _request, url = asked(service)
    change_url = reverse("provider_change", args=[service.pk, url.rstrip("/").rsplit("/", 1)[1]])

    page = client.get(change_url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'value="Oak swimming club"' in text and "Swimming for all." in text
    assert "Riverside Children&#x27;s Centre" in text  # the venue, filled in
    assert "Youngest age" in text and "The youngest age the service is for" in text  # the admin's labels and hints

    bad = [
        ({"min_age": 12, "max_age": 5}, "The oldest age must be the same as or more than the youngest age"),
        ({"min_age": 30}, "Enter an age from 0 to 25"),
        ({"max_age": "ten"}, "Enter the age as a whole number of years, like 5"),
        ({"title": ""}, "Enter the name of the service"),
        ({"title": "<b></b>"}, "Enter the name of the service"),
        ({"access_routes": []}, "Say how families can get this service"),
        ({"categories": []}, "Choose at least one category"),
        ({"tier": "gold"}, "Select a valid choice"),
        ({"categories": [999999]}, "Choose categories from the list"),
        ({"contacts-0-phone": ""}, "Give at least one way to get in touch"),
        ({"contacts-0-website": "javascript:alert(1)"}, "web address"),
        ({"contacts-0-website": "http://127.0.0.1/admin"}, "address"),
        ({"contacts-0-email": "not an email"}, "Enter an email address in the correct format"),
        ({"contacts-0-phone": "call us"}, "Enter a phone number"),
        ({"venues-0-name": ""}, "Enter the name of the venue"),
        ({"summary": "x" * 301}, "Summary must be 300 characters or fewer"),
    ]
    for overrides, message in bad:
        data = form_data(service, **{"summary": "Swimming for everyone, changed.", **overrides})
        response = client.post(change_url, data)
        body = response.content.decode()
        assert response.status_code == 400, overrides
        assert "There is a problem" in body and message in body, (overrides, message)
        if "summary" not in overrides:
            assert "Swimming for everyone, changed." in body  # nothing typed is lost
    assert not ProposedChange.objects.exists()

    # Sending it unchanged says so.
    response = client.post(change_url, form_data(service))
    assert response.status_code == 400 and "You have not changed anything" in response.content.decode()
    assert not ReviewRequest.objects.filter(used_at__isnull=False).exists()


def propose(client, service, **overrides):
    _request, url = asked(service)
    change_url = reverse("provider_change", args=[service.pk, url.rstrip("/").rsplit("/", 1)[1]])
    response = client.post(change_url, form_data(service, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return ProposedChange.objects.get(service=service), change_url


def test_a_proposed_change_publishes_nothing_and_html_is_stripped(client):
    service = due_service(title="Oak swimming club", summary="Swimming for all.")
    change, change_url = propose(
        client, service, summary="Swimming <script>alert(1)</script>for everyone.", languages="English, Polish"
    )
    assert change.proposed["summary"] == "Swimming alert(1)for everyone."
    assert changes.changed_keys(change.base, change.proposed) == ["summary", "languages"]
    assert change.review_request.answer == ReviewRequest.ANSWER_PROPOSED
    assert "Swimming for all." in client.get(service.url).content.decode()
    assert ServicePage.objects.get(pk=service.pk).summary == "Swimming for all."
    # The link is used now.
    assert client.get(change_url).status_code == 410


# The officers' review ----------------------------------------------------------------------------------------------


@pytest.fixture
def officer(client):
    user = get_user_model().objects.create_superuser("officer", "officer@council.example", "pw")
    client.force_login(user)
    return user


def test_officer_accepts_some_fields_and_the_public_page_changes_after_publishing(client, officer):
    service = due_service(title="Oak swimming club", summary="Swimming for all.", languages="English")
    change, _ = propose(
        client,
        service,
        summary="Swimming for everyone.",
        languages="English, Polish",
        **{"contacts-0-email": "swim@oak.example"},
    )
    mail.outbox.clear()
    decide = reverse("proposed_changes:edit", args=[change.pk])
    page = client.get(decide)
    text = page.content.decode()
    assert page.status_code == 200
    assert "Swimming for all." in text and "Swimming for everyone." in text
    assert "English, Polish" in text and "swim@oak.example" in text
    assert pending_count(page.wsgi_request).count == 1
    _heading, by_email = digest_section(timezone.localdate())
    assert any("1 proposed change from providers waiting" in line for lines in by_email.values() for line in lines)

    response = client.post(
        decide,
        {"action": "accept_some", "fields": ["summary", "contacts"], "reason": "We only list English sessions."},
    )
    assert response.status_code == 302
    service = ServicePage.objects.get(pk=service.pk)
    assert service.summary == "Swimming for everyone."
    assert service.languages == "English"
    assert [c.email for c in service.contacts.all()] == ["swim@oak.example"]
    assert service.last_reviewed == timezone.localdate()
    public = client.get(service.url).content.decode()
    assert "Swimming for everyone." in public
    change.refresh_from_db()
    assert change.status == ProposedChange.STATUS_PARTLY and change.accepted_fields == ["summary", "contacts"]
    assert change.revision_id == service.live_revision_id
    assert PageLogEntry.objects.filter(page=service, action=decisions.ACCEPTED_ACTION).exists()
    assert len(mail.outbox) == 1 and "We only list English sessions." in mail.outbox[0].body
    assert pending_count(response.wsgi_request).count == 0


def test_officer_rejects_with_a_reason_that_is_emailed(client, officer):
    service = due_service(summary="Swimming for all.")
    change, _ = propose(client, service, summary="Free pizza.")
    mail.outbox.clear()
    decide = reverse("proposed_changes:edit", args=[change.pk])
    response = client.post(decide, {"action": "reject", "reason": ""})
    assert response.status_code == 200 and "Give a reason" in response.content.decode()
    response = client.post(decide, {"action": "reject", "reason": "That is not what the service offers."})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ProposedChange.STATUS_REJECTED
    assert ServicePage.objects.get(pk=service.pk).summary == "Swimming for all."
    assert mail.outbox[0].to == [change.provider_email]
    assert "That is not what the service offers." in mail.outbox[0].body
    # Decided: a second decision is refused.
    client.post(decide, {"action": "accept_all"})
    change.refresh_from_db()
    assert change.status == ProposedChange.STATUS_REJECTED


def test_an_edit_since_the_proposal_is_shown_and_never_applied_blindly(client, officer):
    service = due_service(summary="Swimming for all.", languages="English")
    change, _ = propose(client, service, summary="Swimming for everyone.", languages="English, Polish")
    # An officer edits the summary meanwhile (a published revision).
    page = ServicePage.objects.get(pk=service.pk)
    page.summary = "Swimming for all, on Tuesdays."
    page.save_revision(user=officer).publish(user=officer)

    decide = reverse("proposed_changes:edit", args=[change.pk])
    text = client.get(decide).content.decode()
    assert "Edited here since" in text
    assert "Swimming for all." in text and "Swimming for all, on Tuesdays." in text and "Swimming for everyone." in text
    assert "Accept all" not in text

    client.post(decide, {"action": "accept_some", "fields": ["summary", "languages"]})
    assert ServicePage.objects.get(pk=service.pk).summary == "Swimming for all, on Tuesdays."
    assert ProposedChange.objects.get(pk=change.pk).is_pending
    # Accepting only what nobody touched keeps the officer's edit.
    client.post(decide, {"action": "accept_some", "fields": ["languages"]})
    page = ServicePage.objects.get(pk=service.pk)
    assert page.summary == "Swimming for all, on Tuesdays." and page.languages == "English, Polish"


def test_accepting_a_changed_field_knowingly_replaces_it(client, officer):
    service = due_service(summary="Swimming for all.")
    change, _ = propose(client, service, summary="Swimming for everyone.")
    page = ServicePage.objects.get(pk=service.pk)
    page.summary = "Swimming on Tuesdays."
    page.save_revision(user=officer).publish(user=officer)
    decide = reverse("proposed_changes:edit", args=[change.pk])
    client.post(decide, {"action": "accept_some", "fields": ["summary"], "confirm_conflicts": "on"})
    assert ServicePage.objects.get(pk=service.pk).summary == "Swimming for everyone."


def test_accepting_goes_through_the_pages_workflow(client, officer):
    """An officer who may not publish (an editor) sends the accepted change to the moderation workflow Wagtail puts
    on the root page; the public page is unchanged until a moderator approves."""
    service = due_service(summary="Swimming for all.")
    change, _ = propose(client, service, summary="Swimming for everyone.")
    editor = UserFactory(username="editor", groups=[EDITORS])
    decisions.accept(change, ["summary"], editor)
    page = ServicePage.objects.get(pk=service.pk)
    assert page.summary == "Swimming for all."  # waiting for moderation
    assert page.current_workflow_state is not None
    assert page.get_latest_revision_as_object().summary == "Swimming for everyone."
    assert page.last_reviewed == timezone.localdate()  # it counts as a review


def test_the_rate_limit_keeps_what_was_typed(client, settings):
    settings.PROVIDER_RATE_LIMIT = 1
    cache.clear()
    a = due_service(title="Service A")
    b = due_service(title="Service B")
    cycle.run_cycle()
    url_a = reverse("provider_check", args=[a.pk, cycle.make_token(ReviewRequest.objects.get(service=a))])
    assert client.post(url_a).status_code == 302
    request_b = ReviewRequest.objects.get(service=b)
    change_b = reverse("provider_change", args=[b.pk, cycle.make_token(request_b)])
    response = client.post(change_b, form_data(b, summary="Typed and kept."))
    assert response.status_code == 429 and response["Retry-After"]
    assert "Typed and kept." in response.content.decode()
    assert not ProposedChange.objects.exists()
    request_b.refresh_from_db()
    assert request_b.used_at is None


def test_the_snapshot_round_trips_description_paragraphs():
    html = "<p>First &amp; best.</p><ul><li>One</li><li>Two</li></ul><p>Last.</p>"
    text = changes.plain_text(html)
    assert text == "First & best.\n\nOne\nTwo\n\nLast."
    assert changes.rich_text("A <b>\n\nB") == "<p>A &lt;b&gt;</p><p>B</p>"


def test_due_dates_respect_the_window(settings):
    settings.PROVIDER_REVIEW_DUE_WITHIN_DAYS = 30
    soon = due_service(title="Due in 20 days", last_reviewed=date.today() - timedelta(days=365 - 20))
    later = due_service(title="Due in 60 days", last_reviewed=date.today() - timedelta(days=365 - 60))
    asked_ids = [page.pk for page in cycle.services_to_ask()]
    assert soon.pk in asked_ids and later.pk not in asked_ids


def test_an_existing_request_factory_is_bound_to_the_contact():
    request = ReviewRequestFactory()
    assert request.email == ProviderContact.objects.get(service=request.service).email
    assert cycle.read_token(cycle.make_token(request), request.service_id) == request


def test_officers_keep_provider_contacts_in_the_admin(client, officer):
    service = ServicePageFactory(title="Oak swimming club")
    index = client.get(reverse("provider_contacts:index"))
    assert index.status_code == 200
    response = client.post(
        reverse("provider_contacts:add"), {"service": service.pk, "name": "Jo Provider", "email": "jo@oak.example"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = ProviderContact.objects.get(service=service)
    text = client.get(reverse("provider_contacts:index")).content.decode()
    assert "Oak swimming club" in text and "jo@oak.example" in text
    assert client.get(reverse("provider_contacts:edit", args=[contact.pk])).status_code == 200
    assert client.get(reverse("proposed_changes:index")).status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_answers_report_counts_response_rate_time_to_answer_and_never_confirmed(client, officer):
    red = ReviewTeamFactory(name="Red team", email="red@council.example")
    blue = ReviewTeamFactory(name="Blue team", email="blue@council.example")
    a = due_service(title="A confirmed", review_owner=red)
    b = due_service(title="B proposed", review_owner=red)
    c = due_service(title="C silent", review_owner=blue)
    d = due_service(title="D not asked yet", review_owner=blue, last_reviewed=timezone.localdate())
    cycle.run_cycle()
    now = timezone.now()
    for service, days, answer in ((a, 2, "confirmed"), (b, 4, "proposed")):
        ReviewRequest.objects.filter(service=service).update(
            sent_at=now - timedelta(days=days), used_at=now, answer=answer
        )
    ReviewRequest.objects.filter(service=c).update(sent_at=now - timedelta(days=20))

    url = reverse("providers_answers")
    text = client.get(url).content.decode()
    assert "Response rate: 67%" in text  # 2 of 3 asked
    assert "Median time to answer: 3.0 days" in text
    assert "3 services never confirmed" in text  # B proposed, C silent, D not asked
    for service in (a, b, c, d):
        assert service.title in text

    text = client.get(url, {"owner": blue.pk}).content.decode()
    assert "C silent" in text and "A confirmed" not in text and "Response rate: 0%" in text
    text = client.get(url, {"never_confirmed": "on"}).content.decode()
    assert "A confirmed" not in text and "B proposed" in text

    response = client.get(url, {"owner": red.pk, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Service,Owning team,Times asked")
    assert "A confirmed,Red team,1,1,1,0" in body and "C silent" not in body
    assert "@" not in body  # no contact details in the export

    # Bad filters are named and ignored, never a 500.
    response = client.get(url, {"owner": "'; drop table", "never_confirmed": "x" * 5000})
    assert response.status_code == 200 and "not valid" in response.content.decode()


SCRIPT = "<script>alert('x')</script>"
HUGE = "99999999999999999999999"
# Each field of the form with the hostile value most likely to break it.
HOSTILE = {
    "title": SCRIPT,
    "summary": "x" * 20_000,
    "description": "a\x00b",
    "min_age": HUGE,
    "max_age": "1e400",
    "categories": HUGE,
    "organisation": HUGE,
    "access_routes": "a\x00b",
    "contacts-0-website": "\u202eevil\u202c سلام 🎉",
    "contacts-0-email": SCRIPT,
    "venues-0-step_free": SCRIPT,
    "venues-TOTAL_FORMS": HUGE,
    "base_revision": HUGE,
    "unknown": SCRIPT,
}


def test_hostile_values_in_the_form_never_give_a_500(client, settings):
    """Every kind of field and management value, sent a hostile value: a clear answer (400 with the summary, or
    accepted as text), never a 500, markup never reflected unescaped."""
    settings.PROVIDER_RATE_LIMIT = 10_000
    service = due_service(with_venue=True)
    request = ReviewRequestFactory(service=service)
    for key, value in HOSTILE.items():
        url = reverse("provider_change", args=[service.pk, cycle.make_token(request)])
        response = client.post(url, form_data(service, **{key: value}))
        assert response.status_code in (302, 400), (key, response.status_code)
        assert "<script>alert" not in response.content.decode(), key
        if response.status_code == 302:
            request = ReviewRequestFactory(service=service)
    # Digits to str.isdigit() but not to int() ("²", "①") are not a revision: the form's own is kept.
    for base in ["²", "①①"]:
        url = reverse("provider_change", args=[service.pk, cycle.make_token(request)])
        response = client.post(url, form_data(service, base_revision=base))
        assert response.status_code in (302, 400), (base, response.status_code)
        if response.status_code == 302:
            request = ReviewRequestFactory(service=service)
    # Query strings and odd methods on the link pages.
    url = reverse("provider_check", args=[service.pk, cycle.make_token(request)])
    assert client.get(url + "?x=" + "%00" * 10).status_code == 200
    assert client.put(url).status_code == 405
    assert client.get(reverse("provider_check", args=[service.pk, "x" * 5000])).status_code == 400


def test_the_providers_menu_and_who_may_decide(client, officer):
    admin = client.get("/admin/").content.decode()
    assert "Providers" in admin and reverse("proposed_changes:index") in admin
    assert reverse("provider_contacts:index") in admin
    # A moderator may decide and keep contacts; an editor sees neither.
    moderator = UserFactory(username="moderator", groups=[MODERATORS])
    editor = UserFactory(username="editor", groups=[EDITORS])
    client.force_login(moderator)
    assert client.get(reverse("proposed_changes:index")).status_code == 200
    assert client.get(reverse("provider_contacts:index")).status_code == 200
    assert client.get(reverse("providers_answers")).status_code == 200
    assert reverse("providers_answers") in client.get("/admin/").content.decode()
    client.force_login(editor)
    for url in (reverse("proposed_changes:index"), reverse("provider_contacts:index"), reverse("providers_answers")):
        assert client.get(url).status_code in (302, 403), url
    menu = client.get("/admin/").content.decode()
    assert reverse("provider_contacts:index") not in menu
    assert reverse("providers_answers") not in menu  # not offered a report that would turn them away


def test_a_services_page_header_links_to_its_provider_contact(client, officer):
    service = ServicePageFactory(title="Oak swimming club")
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).content.decode()
    add_url = reverse("provider_contacts:add") + f"?service={service.pk}"
    assert "Provider contact (private)" in edit and add_url.replace("?", "?") in edit
    form = client.get(add_url).content.decode()
    assert "Oak swimming club" in form  # the service is filled in
    assert client.get(reverse("provider_contacts:add") + "?service=" + "9" * 40).status_code == 200
    assert client.get(reverse("provider_contacts:add") + "?service=%C2%B2").status_code == 200  # "²"
    contact = ProviderContactFactory(service=service)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[service.pk])).content.decode()
    assert reverse("provider_contacts:edit", args=[contact.pk]) in edit


def test_accepting_never_publishes_someone_elses_draft(client, officer):
    service = due_service(summary="Swimming for all.", languages="English")
    change, _ = propose(client, service, summary="Swimming for everyone.")
    page = ServicePage.objects.get(pk=service.pk)
    page.languages = "English, half-written"
    page.save_revision(user=officer)  # a draft, not published
    response = client.post(reverse("proposed_changes:edit", args=[change.pk]), {"action": "accept_all"}, follow=True)
    assert "not yet published" in response.content.decode()
    page = ServicePage.objects.get(pk=service.pk)
    assert page.summary == "Swimming for all." and page.languages == "English"  # the live page is unchanged
    draft = page.get_latest_revision_as_object()
    assert draft.summary == "Swimming for everyone." and draft.languages == "English, half-written"
    assert ProposedChange.objects.get(pk=change.pk).status == ProposedChange.STATUS_ACCEPTED


def test_the_services_spreadsheet_import_fills_provider_contacts_but_never_exports_them(officer):
    a = ServicePageFactory(title="Oak swimming club")
    b = ServicePageFactory(title="Birch youth club")
    c = ServicePageFactory(title="Cedar playgroup")
    ProviderContactFactory(service=b, name="Old Name", email="old@birch.example")
    ProviderContactFactory(service=c, name="Gone Soon", email="gone@cedar.example")
    csv_text = (
        "Open Referral id,Provider contact name,Provider contact email\n"
        f"{a.uuid},Jo Provider,jo@oak.example\n"
        f"{b.uuid},New Name,\n"  # email left empty: refused (both or neither)
        f"{c.uuid},,\n"  # both empty: removed
    )
    data = spreadsheet.preview("contacts.csv", csv_text.encode())
    rows = {row["name"]: row for row in data["rows"]}
    assert rows["Oak swimming club"]["changes"]["provider_email"] == ["", "jo@oak.example"]
    assert rows["Birch youth club"]["errors"] == [
        "Give the provider contact's name and email, or leave both empty to remove it"
    ]
    assert rows["Cedar playgroup"]["changes"]["provider_email"] == ["(private)", ""]  # never shows the old one
    bad = spreadsheet.preview("bad.csv", f"Open Referral id,Provider contact email\n{a.uuid},not-an-email\n".encode())
    assert "is not an email address" in bad["rows"][0]["errors"][0]

    editor = UserFactory(username="editor2", groups=[EDITORS])
    outcome = spreadsheet.apply(data, editor, publish=True)
    assert not ProviderContact.objects.filter(service=a).exists() and outcome["skipped"]

    spreadsheet.apply(data, officer, publish=True)
    assert ProviderContact.objects.get(service=a).email == "jo@oak.example"
    assert ProviderContact.objects.get(service=b).email == "old@birch.example"  # its row was refused
    assert not ProviderContact.objects.filter(service=c).exists()
    assert ServicePage.objects.get(pk=a.pk).latest_revision_id == a.latest_revision_id  # no new page revision

    exported = spreadsheet.csv_export().content.decode("utf-8-sig")
    assert "Provider contact" not in exported and "@oak.example" not in exported and "@birch.example" not in exported
