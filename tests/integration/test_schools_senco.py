"""The whole life of a SENCO submission: bad input changes nothing; a good one is confirmed, approved and published
with the emails sent; tokens expire, work once, and only for their own school; contact details stay private."""

import logging
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from directory import url_safety
from directory.models import SchoolPage, SencoSubmission
from directory.schools.senco import submissions as senco
from directory.url_safety import FetchResult
from tests.factories import SchoolPageFactory, SchoolSettingsFactory

pytestmark = pytest.mark.django_db

GOOD_URL = "https://www.oakfield.example.sch.uk/send-report"


@pytest.fixture
def schools(schools_index):
    made = {}
    for key, urn, name, website in [
        ("a", 100001, "Oakfield Primary School", "https://www.oakfield.example.sch.uk"),
        ("b", 100002, "Birchwood Academy", "https://birchwood.example.org"),
    ]:
        made[key] = SchoolPageFactory(
            title=name, urn=urn, website=website, sen_report_url=f"{website}/old-report", publish_revision=True
        )
    return made


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()  # the per-client submission limit lives in the cache
    yield
    cache.clear()


@pytest.fixture
def links_load(monkeypatch):
    """Every link 'loads' unless its address contains 'broken' (no network in tests)."""

    def fake_fetch(url, timeout=10):
        if "broken" in url:
            return FetchResult(404, url, "The page was not found (error 404). It may have moved or been removed")
        return FetchResult(200, url, None)

    monkeypatch.setattr(senco, "fetch_status", fake_fetch)
    # No real DNS either: names resolve to nothing (IP-literal addresses are still judged as they are).
    monkeypatch.setattr(url_safety, "_resolve", lambda host, port: [])


def form_data(**overrides):
    data = {
        "report_url": GOOD_URL,
        "senco_name": "Sam Patel",
        "senco_email": "s.patel@oakfield.example.sch.uk",
        "senco_email_confirm": "s.patel@oakfield.example.sch.uk",
        "senco_phone": "01632 960 001",
        "confirm_authority": "on",
    }
    data.update(overrides)
    return data


def submit(client, school, **overrides):
    return client.post(reverse("senco_form", args=[school.urn]), form_data(**overrides))


def link_in(message, name):
    pattern = {
        "confirm": r"http://testserver(/schools/update-your-link/\d+/confirm/[^/\s]+/)",
        "update": r"http://testserver(/schools/update-your-link/\d+/update/[^/\s]+/)",
    }[name]
    match = re.search(pattern, message.body)
    assert match, message.body
    return match.group(1)


def nothing_changed(school):
    fresh = SchoolPage.objects.get(pk=school.pk)
    assert fresh.sen_report_url == school.sen_report_url
    assert fresh.sen_report_confirmed_on == school.sen_report_confirmed_on


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_superuser("officer", "officer@example.org", "correct horse battery")


# Finding the school -------------------------------------------------------------------------------------------


def test_find_school_by_name_urn_and_unknown_urn(client, schools):
    response = client.get(reverse("senco_find"), {"q": "oakfield"})
    assert response.status_code == 200
    assert "Oakfield Primary School" in response.content.decode()
    assert "Birchwood" not in response.content.decode()

    response = client.get(reverse("senco_find"), {"q": "100002"})
    assert response.status_code == 302 and response["Location"] == reverse("senco_form", args=[100002])

    response = client.get(reverse("senco_find"), {"q": "999999"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "We could not find a school with URN 999999" in page and 'href="#id_q"' in page

    # By postcode, with or without its space (both schools are at NB1 1AA).
    for query in ["NB1 1AA", "nb11aa"]:
        page = client.get(reverse("senco_find"), {"q": query}).content.decode()
        assert "Oakfield Primary School" in page and "Birchwood Academy" in page, query
    page = client.get(reverse("senco_find"), {"q": "NB11AB"}).content.decode()
    assert "Oakfield Primary School" not in page and "Birchwood Academy" not in page

    for bad in ["", "12345", "x" * 500]:
        response = client.get(reverse("senco_find"), {"q": bad})
        assert response.status_code == 200

    # Digits to str.isdigit() but not to int(): searched for as words, never a server error.
    for query in ["²²²²²²", "①①①①①①", "²²²"]:
        response = client.get(reverse("senco_find"), {"q": query})
        assert response.status_code == 200, query
        assert "Oakfield" not in response.content.decode() and "Birchwood" not in response.content.decode(), query


def test_unknown_urn_in_the_address_is_not_found(client, schools):
    assert client.get(reverse("senco_form", args=[999999])).status_code == 404
    assert client.post(reverse("senco_form", args=[999999]), form_data()).status_code == 404
    assert SencoSubmission.objects.count() == 0


# Bad input changes nothing -----------------------------------------------------------------------------------


BAD_INPUT = [
    ({"report_url": "not a web address"}, "report_url", "real web address"),
    ({"report_url": "www.example-school.sch.uk/send"}, "report_url", "starts with https://"),
    ({"report_url": "javascript:alert(document.cookie)"}, "report_url", "starts with https://"),
    ({"report_url": "data:text/html,<script>alert(1)</script>"}, "report_url", "starts with https://"),
    ({"report_url": "http://127.0.0.1:8000/admin/"}, "report_url", "public website"),
    ({"report_url": "http://169.254.169.254/latest/meta-data/"}, "report_url", "public website"),
    ({"report_url": "http://[::1]/"}, "report_url", "public website"),
    ({"report_url": "http://10.0.0.7/report"}, "report_url", "public website"),
    ({"report_url": ""}, "report_url", "Enter the web address"),
    ({"senco_email": "not-an-email", "senco_email_confirm": "not-an-email"}, "senco_email", "correct format"),
    ({"senco_email_confirm": "someone.else@example.org"}, "senco_email_confirm", "do not match"),
    ({"senco_name": ""}, "senco_name", "Enter your full name"),
    ({"senco_phone": "call me"}, "senco_phone", "Enter a phone number"),
    ({"confirm_authority": ""}, "confirm_authority", "Confirm that you may update"),
]


def test_bad_input_answers_clearly_and_changes_nothing(client, schools, links_load):
    school = schools["a"]
    for overrides, field, message in BAD_INPUT:
        response = submit(client, school, **overrides)
        page = response.content.decode()
        assert response.status_code == 200, overrides
        assert "There is a problem" in page, overrides
        assert message in page, overrides
        assert f'href="#id_{field}' in page, overrides  # the error summary links to the field
        if field != "senco_name":
            assert 'value="Sam Patel"' in page, overrides  # what was typed is kept
        assert SencoSubmission.objects.count() == 0, overrides
        assert len(mail.outbox) == 0, overrides
        nothing_changed(school)


# The good path -------------------------------------------------------------------------------------------------


def test_a_valid_submission_is_confirmed_approved_and_published(client, schools, links_load, officer):
    school = schools["a"]
    response = submit(client, school)
    assert response.status_code == 302
    assert response["Location"] == reverse("senco_sent", args=[school.urn])
    submission = SencoSubmission.objects.get()
    assert submission.status == SencoSubmission.STATUS_UNCONFIRMED
    assert submission.link_loaded is True
    nothing_changed(school)

    sent = client.get(response["Location"])
    assert "Check your email" in sent.content.decode()
    assert "it works" in sent.content.decode()

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["s.patel@oakfield.example.sch.uk"]
    confirm_path = link_in(mail.outbox[0], "confirm")

    # Following the link changes nothing by itself (mail scanners open links); the button confirms.
    page = client.get(confirm_path)
    assert page.status_code == 200 and "Confirm my email address" in page.content.decode()
    assert SencoSubmission.objects.get().status == SencoSubmission.STATUS_UNCONFIRMED

    response = client.post(confirm_path)
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_PENDING and submission.email_confirmed_at
    assert "An officer will check" in client.get(response["Location"]).content.decode()
    nothing_changed(school)  # not public until an officer approves

    senco.approve(submission, user=officer, base_url="http://testserver/")
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_APPROVED and submission.decided_by == officer
    school.refresh_from_db()
    assert school.sen_report_url == GOOD_URL
    assert school.sen_report_confirmed_on is not None
    assert school.sen_report_status == SchoolPage.LINK_OK
    assert school.live and not school.has_unpublished_changes

    public = client.get(school.url).content.decode()
    assert GOOD_URL in public
    assert "Confirmed by the school on" in public
    # Contact details are never public.
    for private in ["Sam Patel", "s.patel@", "01632 960 001", "960 001"]:
        assert private not in public

    outcome = mail.outbox[-1]
    assert outcome.to == ["s.patel@oakfield.example.sch.uk"] and "is updated" in outcome.subject
    assert link_in(outcome, "update")


def test_the_same_confirmation_link_works_once(client, schools, links_load):
    submit(client, schools["a"])
    confirm_path = link_in(mail.outbox[0], "confirm")
    assert client.post(confirm_path).status_code == 302
    again = client.post(confirm_path)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert client.get(confirm_path).status_code == 410


def test_expired_and_tampered_tokens_are_refused_and_change_nothing(client, schools, links_load, monkeypatch):
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 4 * 24 * 3600)  # token made four days ago
    submit(client, schools["a"])
    monkeypatch.setattr(time, "time", real_time)
    confirm_path = link_in(mail.outbox[0], "confirm")
    expired = client.post(confirm_path)
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    assert SencoSubmission.objects.get().status == SencoSubmission.STATUS_UNCONFIRMED

    mail.outbox.clear()
    submit(client, schools["a"])
    confirm_path = link_in(mail.outbox[0], "confirm")
    token = confirm_path.rstrip("/").rsplit("/", 1)[1]
    tampered = confirm_path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    response = client.post(tampered)
    assert response.status_code == 400 and "does not work" in response.content.decode()
    forged = confirm_path.replace(token, "1.1.abc:1abcde:forgedsignature")
    assert client.post(forged).status_code == 400
    assert not SencoSubmission.objects.filter(status=SencoSubmission.STATUS_PENDING).exists()


def test_a_token_for_one_school_cannot_touch_another(client, schools, links_load, officer):
    school_a, school_b = schools["a"], schools["b"]
    submit(client, school_a)
    confirm_path = link_in(mail.outbox[0], "confirm")
    token = confirm_path.rstrip("/").rsplit("/", 1)[1]
    other = reverse("senco_confirm", args=[school_b.urn, token])
    assert client.post(other).status_code == 400
    assert SencoSubmission.objects.get().status == SencoSubmission.STATUS_UNCONFIRMED

    client.post(confirm_path)
    senco.approve(SencoSubmission.objects.get(), user=officer, base_url="http://testserver/")
    update_path = link_in(mail.outbox[-1], "update")
    update_token = update_path.rstrip("/").rsplit("/", 1)[1]
    # School A's private update link used on school B's address: refused, school B unchanged.
    response = client.post(
        reverse("senco_update", args=[school_b.urn, update_token]),
        {"report_url": "https://evil.example.org/", "senco_name": "Mallory"},
    )
    assert response.status_code == 400
    nothing_changed(school_b)
    assert SencoSubmission.objects.count() == 1
    # A confirmation token does not work as an update token (different purpose, different salt).
    assert client.get(reverse("senco_update", args=[school_a.urn, token])).status_code == 400


def test_private_update_link_updates_once(client, schools, links_load, officer):
    school = schools["a"]
    submit(client, school)
    client.post(link_in(mail.outbox[0], "confirm"))
    senco.approve(SencoSubmission.objects.get(), user=officer, base_url="http://testserver/")
    update_path = link_in(mail.outbox[-1], "update")

    form = client.get(update_path)
    assert form.status_code == 200 and 'value="Sam Patel"' in form.content.decode()
    bad = client.post(update_path, {"report_url": "javascript:alert(1)", "senco_name": "Sam Patel"})
    assert bad.status_code == 200 and "starts with https://" in bad.content.decode()

    new_url = "https://www.oakfield.example.sch.uk/send-2026"
    response = client.post(update_path, {"report_url": new_url, "senco_name": "Sam Patel"})
    assert response.status_code == 302
    latest = SencoSubmission.objects.order_by("-pk").first()
    assert latest.status == SencoSubmission.STATUS_PENDING  # email already proved: straight to the officer
    assert latest.senco_email == "s.patel@oakfield.example.sch.uk" and latest.school_id == school.pk
    again = client.post(update_path, {"report_url": "https://www.oakfield.example.sch.uk/x", "senco_name": "S"})
    assert again.status_code == 410
    assert SencoSubmission.objects.count() == 2

    senco.approve(latest, user=officer, base_url="http://testserver/")
    school.refresh_from_db()
    assert school.sen_report_url == new_url


def test_rejection_needs_a_reason_and_tells_the_senco(client, schools, links_load, officer):
    school = schools["a"]
    submit(client, school)
    client.post(link_in(mail.outbox[0], "confirm"))
    submission = SencoSubmission.objects.get()
    with pytest.raises(senco.DecisionError):
        senco.reject(submission, "  ", user=officer)
    senco.reject(submission, "That page is last year's report.", user=officer, base_url="http://testserver/")
    submission.refresh_from_db()
    assert submission.status == SencoSubmission.STATUS_REJECTED
    assert "last year's report" in mail.outbox[-1].body
    nothing_changed(school)
    with pytest.raises(senco.DecisionError):
        senco.approve(submission, user=officer)


def test_link_that_does_not_load_is_kept_and_flagged(client, schools, links_load):
    response = submit(client, schools["a"], report_url="https://www.oakfield.example.sch.uk/broken")
    submission = SencoSubmission.objects.get()
    assert submission.link_loaded is False and "not found" in submission.link_error
    page = client.get(response["Location"]).content.decode()
    assert "We could not open the link you gave" in page and "not found" in page


def test_auto_approval_when_the_email_domain_matches(client, schools, links_load):
    SchoolSettingsFactory(auto_approve_matching_domain=True)
    # School B's website is birchwood.example.org; an email elsewhere waits for an officer.
    submit(client, schools["b"], senco_email="head@gmail.example.com", senco_email_confirm="head@gmail.example.com")
    client.post(link_in(mail.outbox[-1], "confirm"))
    assert SencoSubmission.objects.get(school=schools["b"]).status == SencoSubmission.STATUS_PENDING

    submit(client, schools["a"])  # s.patel@oakfield.example.sch.uk and www.oakfield.example.sch.uk
    response = client.post(link_in(mail.outbox[-1], "confirm"))
    assert "Link updated" in client.get(response["Location"]).content.decode()
    submission = SencoSubmission.objects.get(school=schools["a"])
    assert submission.status == SencoSubmission.STATUS_APPROVED and submission.auto_approved
    assert SchoolPage.objects.get(pk=schools["a"].pk).sen_report_url == GOOD_URL


def test_contact_details_are_never_logged(client, schools, links_load, officer, caplog):
    caplog.set_level(logging.DEBUG)
    submit(client, schools["a"])
    client.post(link_in(mail.outbox[0], "confirm"))
    senco.approve(SencoSubmission.objects.get(), user=officer, base_url="http://testserver/")
    logged = caplog.text + str(SencoSubmission.objects.get())
    for private in ["Sam Patel", "s.patel@", "01632"]:
        assert private not in logged


def test_approval_keeps_an_officers_unpublished_draft(client, schools, links_load, officer):
    school = schools["a"]
    draft = SchoolPage.objects.get(pk=school.pk)
    draft.summary = "A draft summary not yet published."
    draft.save_revision(user=officer)
    submit(client, school)
    client.post(link_in(mail.outbox[0], "confirm"))
    senco.approve(SencoSubmission.objects.get(), user=officer, base_url="http://testserver/")
    live = SchoolPage.objects.get(pk=school.pk)
    assert live.sen_report_url == GOOD_URL and live.summary == ""
    latest = live.get_latest_revision_as_object()
    assert latest.summary == "A draft summary not yet published." and latest.sen_report_url == GOOD_URL


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path == "/send" else 404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_link_is_really_fetched_when_submitted(client, schools, settings):
    """With a real server (loopback allowed only in this test) the check reports what it found."""
    settings.LINK_CHECK_ALLOW_PRIVATE = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        submit(client, schools["a"], report_url=f"{base}/send")
        submit(client, schools["a"], report_url=f"{base}/gone")
    finally:
        server.shutdown()
        server.server_close()
    ok, missing = SencoSubmission.objects.order_by("pk")
    assert ok.link_loaded is True and ok.link_status_code == 200
    assert missing.link_loaded is False and missing.link_status_code == 404


def test_too_many_submissions_from_one_client_are_refused_politely(client, schools, links_load, settings):
    settings.SENCO_RATE_LIMIT = 2
    for _ in range(2):
        assert submit(client, schools["a"]).status_code == 302
    response = submit(client, schools["a"])
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many links" in page and 'value="Sam Patel"' in page
    assert SencoSubmission.objects.count() == 2
