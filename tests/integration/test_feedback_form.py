"""The public "Have your say" form: every bad input gets a clear answer, nothing typed is lost, nothing wrong is
stored; abuse is turned away and counted."""

import re
from html import unescape

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client

from feedback import protection
from feedback.models import BlockedSubmission, Comment, Role, Topic

pytestmark = pytest.mark.django_db

URL = "/have-your-say/"


@pytest.fixture(autouse=True)
def fast_form(settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = (100, 600)
    cache.clear()


def valid(**overrides):
    data = {
        "topic": Topic.MISSING,
        "body": "There are no short breaks listed for children who use a wheelchair.",
        "role": Role.PARENT,
        "name": "",
        "email": "",
        "token": protection.new_form_token(),
        "website": "",
        "page": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def blocked(reason):
    return sum(BlockedSubmission.objects.filter(reason=reason).values_list("count", flat=True))


def textarea_value(html):
    match = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', html, re.S)
    return unescape(match.group(1)).strip("\r\n") if match else None


def error_links(html):
    summary = re.search(r'<div class="error-summary".*?</div>\s*</div>', html, re.S)
    return re.findall(r'<a href="#([^"]+)">', summary.group(0)) if summary else []


# --- The form itself ---------------------------------------------------------------------------------------------


def test_form_has_one_h1_fields_honeypot_privacy_notice_and_warning(client, home_page):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for name in ("topic", "body", "role", "name", "email", "consent_to_contact", "token", "csrfmiddlewaretoken"):
        assert f'name="{name}"' in html, name
    assert re.search(r'<div hidden>\s*<label for="id_website">', html)
    assert "public task" in html and "never publish" in html.lower()
    assert "Do not include a child's name" in unescape(html)
    assert 'data-maxlength="2000"' in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-cache" in response["Cache-Control"]


def test_report_a_problem_link_prefills_the_page(client, home_page):
    response = client.get(f"{URL}?page={home_page.pk}")
    html = response.content.decode()
    assert f'name="page" value="{home_page.pk}"' in html
    assert re.search(r'value="page"[^>]*checked', html)
    assert "You are commenting on a page" in html


@pytest.mark.parametrize("value", ["abc", "-1", "0", "99999999", "1e5", "99999999999999999999999", "<script>", ""])
def test_bad_page_parameter_is_ignored(client, home_page, value):
    response = client.get(URL, {"page": value})
    assert response.status_code == 200
    assert "You are commenting on a page" not in response.content.decode()


def test_unpublished_page_is_not_prefilled(client, home_page):
    home_page.live = False
    home_page.save()
    assert "You are commenting on a page" not in client.get(f"{URL}?page={home_page.pk}").content.decode()


# --- Success -----------------------------------------------------------------------------------------------------


def test_valid_comment_is_stored_and_confirmed_with_a_reference(client, home_page):
    response = client.post(URL, valid(page=str(home_page.pk), topic=Topic.PAGE))
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.topic == Topic.PAGE and comment.role == Role.PARENT and comment.page_id == home_page.pk
    assert comment.page_title == home_page.title
    assert comment.status == Comment.Status.NEW and comment.channel == "online"
    assert re.fullmatch(r"HYS-[A-Z2-9]{6}", comment.reference)
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and comment.reference in html and html.count("<h1") == 1


def test_confirmation_with_a_forged_reference_shows_no_reference(client, home_page):
    html = client.get("/have-your-say/thank-you/?ref=HYS-AAAAAA:forged:sig").content.decode()
    assert "Your reference number" not in html and "<strong>HYS-AAAAAA" not in html and "Comment sent" in html


def test_contact_details_are_kept_only_with_consent(client, home_page):
    client.post(URL, valid(name="Sam Patel", email="sam@example.org", consent_to_contact="on"))
    comment = Comment.objects.get()
    assert (comment.name, comment.email, comment.consent_to_contact) == ("Sam Patel", "sam@example.org", True)


# --- Bad input: a clear message, nothing lost, nothing stored ------------------------------------------------------


def test_empty_form_lists_every_problem_linked_to_its_field(client, home_page):
    response = client.post(URL, {"token": protection.new_form_token()})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "There is a problem" in html
    assert error_links(response.content.decode()) == ["id_topic_0", "id_body", "id_role_0"]
    assert "Select what your comment is about" in html and "Enter your comment" in html
    assert "Select who you are" in html
    assert "<title>Error:" in html
    assert not Comment.objects.exists()


def test_whitespace_only_comment_is_empty(client, home_page):
    response = client.post(URL, valid(body="   \n\t  "))
    assert "Enter your comment" in response.content.decode()
    assert not Comment.objects.exists()


def test_too_long_comment_is_refused_and_kept(client, home_page):
    body = "word " * 400 + "extra"
    response = client.post(URL, valid(body=body))
    html = response.content.decode()
    assert "must be 2,000 characters or fewer" in html
    assert textarea_value(html) == body.strip()
    assert error_links(html) == ["id_body"]
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        '<script>alert("x")</script><img src=x onerror=alert(1)>',
        "Robert'); DROP TABLE feedback_comment;-- and ' OR 1=1 --",
        "Thank you 👍🏽👨‍👩‍👧 great site 🎉",
        "مرحبا، لا أستطيع العثور على خدمات الرعاية القصيرة",
        "שלום mixed ltr and rtl \u202etext\u202c",
        '=HYPERLINK("http://evil.example")',
    ],
)
def test_awkward_text_is_stored_exactly(client, home_page, body):
    response = client.post(URL, valid(body=body))
    assert response.status_code == 303
    assert Comment.objects.get().body == body


@pytest.mark.parametrize(
    "body",
    ['<script>alert("x")</script>', "مرحبا 👍🏽 \u202e", "'; DROP TABLE feedback_comment;--"],
)
def test_awkward_text_is_kept_and_escaped_when_the_form_is_shown_again(client, home_page, body):
    response = client.post(URL, valid(body=body, role=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert textarea_value(html) == body
    assert "<script>alert" not in html
    assert not Comment.objects.exists()


def test_null_character_is_refused(client, home_page):
    response = client.post(URL, valid(body="hello\x00world"))
    assert response.status_code == 200
    assert "Null characters are not allowed" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize("topic,role", [("nonsense", Role.PARENT), (Topic.OTHER, "admin"), ("' OR 1=1", "x" * 500)])
def test_choices_outside_the_list_are_refused(client, home_page, topic, role):
    response = client.post(URL, valid(topic=topic, role=role))
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Comment.objects.exists()


def test_bad_email_is_refused_and_everything_kept(client, home_page):
    body = "The transport page is hard to find."
    response = client.post(URL, valid(body=body, name="Jo", email="not-an-email", consent_to_contact="on"))
    html = response.content.decode()
    assert "Enter an email address in the correct format" in html
    assert textarea_value(html) == body
    assert 'value="not-an-email"' in html and 'value="Jo"' in html
    assert not Comment.objects.exists()


def test_consent_without_email_and_email_without_consent_are_refused(client, home_page):
    html = client.post(URL, valid(consent_to_contact="on")).content.decode()
    assert "Enter your email address so we can reply" in html
    html = unescape(client.post(URL, valid(email="jo@example.org")).content.decode())
    assert "Tick the box if we can contact you" in html
    assert error_links(client.post(URL, valid(email="jo@example.org")).content.decode()) == ["id_consent_to_contact"]
    assert not Comment.objects.exists()


def test_too_long_name_is_refused(client, home_page):
    html = client.post(URL, valid(name="n" * 101)).content.decode()
    assert "Your name must be 100 characters or fewer" in html
    assert not Comment.objects.exists()


def test_page_in_the_form_that_is_not_a_page_is_dropped_not_an_error(client, home_page):
    response = client.post(URL, valid(page="'; DROP TABLE x"))
    assert response.status_code == 303
    assert Comment.objects.get().page is None


# --- Abuse resistance --------------------------------------------------------------------------------------------


def test_missing_csrf_token_reshows_the_form_with_everything_kept(home_page):
    client = Client(enforce_csrf_checks=True)
    client.get(URL)
    body = "Please add more holiday clubs."
    response = client.post(URL, valid(body=body))
    html = response.content.decode()
    assert response.status_code == 403
    assert "has not been sent yet" in html
    assert textarea_value(html) == body
    assert not Comment.objects.exists()
    # With the token from the page, the same form goes through.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert client.post(URL, valid(body=body, csrfmiddlewaretoken=token)).status_code == 303
    assert Comment.objects.count() == 1


def test_filled_honeypot_stores_nothing_and_is_counted(client, home_page):
    response = client.post(URL, valid(website="http://spam.example"))
    assert response.status_code == 302
    assert "ref=" not in response["Location"]
    assert not Comment.objects.exists()
    assert blocked("honeypot") == 1


def test_too_fast_is_refused_kept_and_counted(client, home_page, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 60
    body = "Sent by a bot in no time at all."
    response = client.post(URL, valid(body=body))
    html = response.content.decode()
    assert response.status_code == 400
    assert "has not been sent yet" in html and textarea_value(html) == body
    assert not Comment.objects.exists()
    assert blocked("too_fast") == 1


@pytest.mark.parametrize("token", ["", "garbage", "abc:def:ghi"])
def test_missing_or_tampered_token_is_refused(client, home_page, token):
    response = client.post(URL, valid(token=token))
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert blocked("bad_token") == 1


def test_expired_token_is_refused_with_text_kept(client, home_page, settings):
    settings.FEEDBACK_FORM_MAX_AGE = -1
    response = client.post(URL, valid(body="Old form"))
    assert response.status_code == 400
    assert "timed out" in response.content.decode() and textarea_value(response.content.decode()) == "Old form"
    assert not Comment.objects.exists()


def test_rate_limit_per_client_without_storing_the_address(client, home_page, settings):
    settings.FEEDBACK_RATE_LIMIT = (2, 600)
    address = "203.0.113.77"
    for number in range(2):
        assert client.post(URL, valid(body=f"comment {number}"), REMOTE_ADDR=address).status_code == 303
    response = client.post(URL, valid(body="one too many"), REMOTE_ADDR=address)
    assert response.status_code == 429 and response["Retry-After"] == "600"
    assert textarea_value(response.content.decode()) == "one too many"
    assert Comment.objects.count() == 2
    assert blocked("rate_limited") == 1
    # Another client is not affected.
    assert client.post(URL, valid(body="someone else"), REMOTE_ADDR="198.51.100.1").status_code == 303
    # The address is nowhere: not in the cache keys, not in the database.
    assert not any(address in str(key) for key in cache._cache)
    for comment in Comment.objects.all():
        assert address not in str(comment.__dict__)


def test_oversized_request_is_refused_before_reading_it(client, home_page):
    response = client.post(URL, valid(body="x" * 100_000))
    assert response.status_code == 413
    assert "too long to send" in response.content.decode()
    assert not Comment.objects.exists()


def test_double_submit_makes_one_comment(client, home_page):
    data = valid()
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert first.status_code == second.status_code == 303
    assert Comment.objects.count() == 1
    reference = Comment.objects.get().reference
    for response in (first, second):
        signed = response["Location"].split("ref=")[1]
        assert signing.TimestampSigner(salt="feedback.reference").unsign(signed) == reference


def test_get_only_methods(client, home_page):
    assert client.put(URL).status_code == 405
    assert client.post("/you-said-we-did/").status_code == 405


# --- Notifying feedback officers ---------------------------------------------------------------------------------


def test_officers_get_an_email_without_contact_details(
    client, home_page, django_user_model, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    officer = django_user_model.objects.create_user("officer", "officer@council.example", "x" * 12)
    officer.groups.add(Group.objects.get(name="Feedback officers"))
    django_user_model.objects.create_user("editor", "editor@council.example", "x" * 12)
    body = "Nothing for teenagers. Call me on 07700 900123 or write to me at jo.private@example.net, M1 1AE."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, valid(body=body, name="Jo Private", email="jo.private@example.net", consent_to_contact="on"))
    comment = Comment.objects.get()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@council.example"]
    text = message.subject + message.body + str(message.extra_headers)
    assert comment.reference in text and "Nothing for teenagers" in text
    for secret in ("Jo Private", "jo.private@example.net", "07700 900123", "M1 1AE"):
        assert secret not in text
