"""Email alerts for a directory search (directory/alerts/): the whole life, from asking to deletion."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from directory.alerts import lifecycle
from directory.alerts.models import SearchAlert
from directory.models import ServicePage
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db
ADDRESS = "parent@example.org"


def ask(client, query="need=autism&age=7", email=ADDRESS, **extra):
    return client.post("/alerts/", {"email": email, "query": query}, **extra)


def link(message, name):
    return (
        re.search(rf"(http://testserver/alerts/{name}/[^/\s]+/)", message.body)
        .group(1)
        .removeprefix("http://testserver")
    )


def run(days=0):
    return lifecycle.run_alerts(timezone.now() + timedelta(days=days))


def test_the_whole_life_of_an_alert(client, directory, caplog):
    caplog.set_level("DEBUG")
    response = ask(client)
    assert response.status_code == 302 and response["Location"] == "/alerts/check-your-email/"
    assert "Check your email" in client.get(response["Location"]).content.decode()
    alert = SearchAlert.objects.get()
    assert alert.query == "age=7&need=autism" and alert.confirmed_at is None
    (confirmation,) = mail.outbox
    assert confirmation.to == [ADDRESS] and "Type of need: Autism" in confirmation.body
    assert confirmation.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    confirm_url = link(confirmation, "confirm")
    page = client.get(confirm_url)  # a mail scanner opening the link confirms nothing
    assert "Confirm my alerts" in page.content.decode()
    assert SearchAlert.objects.get().confirmed_at is None
    assert "Your alerts are on" in client.post(confirm_url).content.decode()
    assert SearchAlert.objects.get().confirmed_at is not None

    mail.outbox.clear()
    ServicePageFactory(title="Hearing club", need_types=["hearing-impairment"], publish_revision=True)
    run()
    assert mail.outbox == []  # nothing in this search changed: no email

    ServicePageFactory(title="Autism swim", need_types=["autism"], min_age=5, max_age=11, publish_revision=True)
    run()
    (digest,) = mail.outbox
    assert "Autism swim" in digest.body and "Hearing club" not in digest.body
    unsubscribe = digest.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://testserver/alerts/stop/") and unsubscribe in digest.body

    mail.outbox.clear()
    ServicePageFactory(title="Autism dance", need_types=["autism"], min_age=5, max_age=11, publish_revision=True)
    run()
    assert mail.outbox == []  # at most weekly
    run(days=8)
    assert len(mail.outbox) == 1 and "Autism dance" in mail.outbox[0].body and "Autism swim" not in mail.outbox[0].body

    # One click in the mail program (RFC 8058: a POST without a CSRF token) deletes it, address and all.
    client.handler.enforce_csrf_checks = True
    response = client.post(unsubscribe.removeprefix("http://testserver"), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and not SearchAlert.objects.exists()
    assert "no longer works" in client.get(unsubscribe.removeprefix("http://testserver")).content.decode()
    assert ADDRESS not in caplog.text


def test_unsubscribe_link_in_the_email_is_one_press(client, directory):
    ask(client)
    client.post(link(mail.outbox[0], "confirm"))
    url = link(mail.outbox[0], "stop")
    assert "Stop these alerts" in client.get(url).content.decode()
    assert SearchAlert.objects.count() == 1
    assert "no more alerts" in client.post(url).content.decode()
    assert not SearchAlert.objects.exists()


def test_unconfirmed_requests_expire_after_seven_days(client, directory):
    ask(client)
    run(days=6)
    assert SearchAlert.objects.count() == 1
    run(days=8)
    assert not SearchAlert.objects.exists()
    assert "no longer works" in client.get(link(mail.outbox[0], "confirm")).content.decode()


def test_yearly_question_keeps_or_deletes(client, directory):
    ask(client)
    client.post(link(mail.outbox[0], "confirm"))
    mail.outbox.clear()
    run(days=300)
    assert mail.outbox == []
    run(days=340)
    (question,) = mail.outbox
    assert "still want" in question.subject and question.extra_headers["List-Unsubscribe"]
    run(days=345)
    assert len(mail.outbox) == 1  # asked once
    client.post(link(question, "keep"))
    run(days=360)
    assert SearchAlert.objects.count() == 1  # kept: a year from the answer
    SearchAlert.objects.update(interest_confirmed_at=timezone.now() - timedelta(days=366))
    run()
    assert not SearchAlert.objects.exists()


def test_same_search_confirmed_twice_is_one_alert(client, directory):
    ask(client)
    ask(client)
    for message in mail.outbox:
        client.post(link(message, "confirm"))
    assert SearchAlert.objects.count() == 1


@pytest.mark.parametrize(
    "email",
    [
        "",
        "not-an-address",
        "parent@example.org\r\nBcc: everyone@example.org",
        "Parent <parent@example.org>",
        "a" * 250 + "@example.org",
        "parent@example.org, other@example.org",
        "<script>alert(1)</script>@example.org",
    ],
)
def test_bad_and_hostile_addresses_are_refused_clearly(client, directory, email):
    response = ask(client, email=email)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "<script>alert" not in html
    assert not SearchAlert.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("query", ["age=abc", "age=99", "q=" + "x" * 300])
def test_a_bad_search_is_refused_clearly(client, directory, query):
    response = ask(client, query=query)
    assert response.status_code == 400 and "The search for this alert has a problem" in response.content.decode()
    assert client.get(f"/alerts/?{query}").status_code == 400


@pytest.mark.parametrize("token", ["nonsense", "1.abc:def", "x" * 500])
def test_forged_tokens_are_refused(client, directory, token):
    for name in ("confirm", "stop", "keep"):
        assert client.get(f"/alerts/{name}/{token}/").status_code == 404
        assert client.post(f"/alerts/{name}/{token}/").status_code == 404


@override_settings(ALERTS_RATE_LIMIT=2)
def test_rate_limited_per_client(client, directory):
    assert ask(client).status_code == 302
    assert ask(client, email="b@example.org").status_code == 302
    response = ask(client, email="c@example.org")
    assert response.status_code == 429 and response["Retry-After"]
    assert "try again" in response.content.decode()
    assert SearchAlert.objects.count() == 2


def test_the_address_appears_on_no_page_and_in_no_api(client, directory):
    service = ServicePageFactory(title="Autism swim", need_types=["autism"], publish_revision=True)
    ask(client, query="")
    client.post(link(mail.outbox[0], "confirm"))
    pages = ["/", "/services/", "/whats-new/", "/whats-new/feed/", "/alerts/", ServicePage.objects.get().url]
    pages += ["/api/openreferral/v3/services?full=true", f"/api/openreferral/v3/services/{service.uuid}"]
    for url in pages:
        assert ADDRESS not in client.get(url).content.decode(), url


def test_directory_results_link_to_the_form_filled_in_with_that_search(client, directory):
    html = client.get("/services/?need=autism&age=7").content.decode()
    link = re.search(r'<a class="link" href="([^"]+)">Get emails when services like these are added', html)
    assert link and link.group(1) == "/alerts/?need=autism&amp;age=7"
    assert "csrfmiddlewaretoken" not in html  # no form there: the results can be kept in the page cache
    assert "Get emails when services are added" in client.get("/services/").content.decode()

    form = client.get("/alerts/?need=autism&age=7").content.decode()
    assert 'name="query" value="age=7&amp;need=autism"' in form and "csrfmiddlewaretoken" in form
    assert "Type of need: Autism" in form and "Email me when these services change" in form
    assert ask(client, query="need=autism&age=7").status_code == 302
    assert SearchAlert.objects.get().query == "age=7&need=autism"
