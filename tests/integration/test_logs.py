"""What the site writes to its logs and error reports (localoffer/logs.py, localoffer/middleware.py): each line has the
time, level, logger and request id; none has a person's contact details or a comment's text."""

import io
import logging
import os
import re
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client, RequestFactory

from feedback import protection
from feedback.models import Comment, Role, Topic
from localoffer.logs import RedactContactDetails, RedactedAdminEmailHandler, RequestIDFilter, redact_event

EMAIL = "sam.parent@example.org"
PHONE = "07700 900123"
COMMENT = "My son waited eleven months for his speech therapy assessment at the Riverside clinic."
ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) [\w.]+ \[([\w.-]+)\] ")


@contextmanager
def site_log():
    """What the site's configured console handler (settings LOGGING) writes, as a list of lines."""
    handler = next(handler for handler in logging.getLogger().handlers if handler.name == "console")
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    lines = []
    try:
        yield lines
    finally:
        handler.setStream(previous)
        lines += buffer.getvalue().splitlines()


@pytest.fixture
def fast_form(settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = (100, 600)
    cache.clear()


@pytest.mark.django_db
def test_a_comment_with_contact_details_leaves_log_lines_with_its_request_id_and_none_of_what_was_typed(
    home_page, fast_form
):
    form = {
        "topic": Topic.QUALITY,
        "body": f"{COMMENT} Ring me on {PHONE}.",
        "role": Role.PARENT,
        "name": "Sam Parent",
        "email": EMAIL,
        "consent_to_contact": "on",
        "token": protection.new_form_token(),
        "website": "",
        "page": "",
    }
    client = Client()
    with site_log() as lines:
        sent = client.post(f"/have-your-say/?email={EMAIL}", form)
        # A path holding an address: Django logs "Not Found: <path>", which the redaction filter catches.
        missing = client.get(f"/contact/{EMAIL}/")
    assert sent.status_code in (302, 303), sent.content.decode()[:500]
    assert Comment.objects.get().email == EMAIL
    assert missing.status_code == 404

    output = "\n".join(lines)
    assert lines, "the site logged nothing"
    for line in lines:
        if not line.startswith((" ", "Traceback")):
            assert LINE.match(line), line
    for typed in (EMAIL, PHONE, COMMENT, "Riverside", "Sam Parent"):
        assert typed not in output
    # One line per request, tagged with the id the response carries, with neither the query string nor the body.
    for response, status in ((sent, sent.status_code), (missing, 404)):
        request_id = response["X-Request-ID"]
        assert re.fullmatch(r"[0-9a-f]{32}", request_id)
        tagged = [line for line in lines if f"[{request_id}]" in line]
        assert any(f"localoffer.requests [{request_id}] " in line and f" {status} " in line for line in tagged), output
    assert f"INFO localoffer.requests [{sent['X-Request-ID']}] POST /have-your-say/ {sent.status_code} " in output
    assert f"WARNING django.request [{missing['X-Request-ID']}] Not Found: /contact/[email address removed]/" in output


def test_the_filters_redact_messages_arguments_and_tracebacks():
    record = None
    try:
        raise ValueError(f"could not reach {EMAIL}")
    except ValueError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "mail to %s failed, ring %s", (EMAIL, PHONE), sys.exc_info()
        )
    RequestIDFilter().filter(record)
    RedactContactDetails().filter(record)
    formatted = logging.Formatter("%(request_id)s %(message)s").format(record)
    assert formatted.startswith("- mail to [email address removed] failed, ring [phone number removed]")
    assert "ValueError: could not reach [email address removed]" in formatted
    assert EMAIL not in formatted and PHONE not in formatted


def test_request_lines_mask_tokens_in_the_path(db, home_page):
    with site_log() as lines:
        response = Client().get("/schools/update-your-link/100001/update/abc.secret-token-value:xyz/")
    output = "\n".join(lines)
    assert "secret-token-value" not in output
    assert f"GET /schools/update-your-link/100001/update/[token]/ {response.status_code} " in output
    assert "Not Found: /schools/update-your-link/100001/update/[token]/" in output


def test_an_incoming_request_id_is_kept_when_it_looks_like_one(db):
    assert Client().get("/robots.txt", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    assert Client().get("/robots.txt", HTTP_X_REQUEST_ID="bad id\nforged")["X-Request-ID"] != "bad id\nforged"


def test_healthz_answers_whatever_the_host_header(db, settings):
    settings.ALLOWED_HOSTS = ["localoffer.example.gov.uk"]
    assert Client().get("/healthz", HTTP_HOST="127.0.0.1:8000").status_code == 200
    assert Client().get("/healthz", HTTP_HOST="localoffer.example.gov.uk").status_code == 200
    # Every other path still refuses a host not in ALLOWED_HOSTS.
    assert Client().get("/robots.txt", HTTP_HOST="127.0.0.1:8000").status_code == 400


def test_error_mail_to_admins_shows_no_form_values_or_contact_details(settings):
    settings.ADMINS = [("Web team", "web@council.example.gov.uk")]
    request = RequestFactory().post(f"/have-your-say/?email={EMAIL}", {"body": COMMENT, "email": EMAIL})
    try:
        raise RuntimeError(f"could not save the comment from {EMAIL}")
    except RuntimeError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (request.path,), sys.exc_info()
        )
    record.request = request
    RedactedAdminEmailHandler().emit(record)
    [message] = mail.outbox
    text = message.subject + message.body
    assert "Internal Server Error" in message.subject
    assert "body = '********************'" in text and "email = '********************'" in text
    assert EMAIL not in text and COMMENT not in text
    assert not message.alternatives


def test_sentry_events_are_redacted_throughout():
    event = {
        "message": f"failed for {EMAIL}",
        "exception": {"values": [{"type": "ValueError", "value": f"bad phone {PHONE}"}]},
        "breadcrumbs": {"values": [{"message": f"GET /contact/{EMAIL}/", "level": "info"}]},
        "request": {"url": f"https://localoffer.example.gov.uk/?q={EMAIL}"},
        "level": "error",
        "timestamp": 1.5,
    }
    cleaned = redact_event(event, {})
    assert EMAIL not in repr(cleaned) and PHONE not in repr(cleaned)
    assert cleaned["level"] == "error" and cleaned["timestamp"] == 1.5
    assert cleaned["exception"]["values"][0]["type"] == "ValueError"


def test_production_reports_to_sentry_only_when_configured_and_without_personal_data():
    script = (
        "import sentry_sdk\n"
        "from django.conf import settings\n"
        "client = sentry_sdk.get_client()\n"
        "options = client.options\n"
        "print(client.is_active(), options['send_default_pii'], options['max_request_body_size'],"
        " options['include_local_variables'], getattr(options['before_send'], '__name__', None))\n"
        "print(settings.ADMINS)\n"
    )
    base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SENTRY_", "ADMINS"))}
    base.update(DJANGO_SETTINGS_MODULE="localoffer.settings.production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="x.org")

    def run(**env):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
            env={**base, **env},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    configured = run(
        SENTRY_DSN="https://public@sentry.example.org/1", ADMINS="Web team <web@council.example>, ops@council.example"
    )
    assert configured == [
        "True False never False redact_event",
        "[('Web team', 'web@council.example'), ('ops@council.example', 'ops@council.example')]",
    ]
    assert run()[0].startswith("False") and run()[1] == "[]"
