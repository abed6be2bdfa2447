"""What the site writes to its logs and error reports: every line carries the time, level, logger and the request it
belongs to, and never a person's contact details or what they typed into a form.

No code should log contact details or a comment's text in the first place; the filters here are the safety net for
what slips through (an address in a 404's path, a phone number in an exception message). Wired up by LOGGING and
DEFAULT_EXCEPTION_REPORTER_FILTER in settings/base.py and by Sentry's init in settings/production.py."""

import contextvars
import logging
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.utils.log import AdminEmailHandler
from django.views.debug import SafeExceptionReporterFilter
from sentry_sdk.types import Event, Hint

from .pii import redact


@dataclass(frozen=True)
class RequestContext:
    """The request a log line belongs to: its id, and its path as requested and as it may be logged."""

    id: str = "-"
    path: str = ""
    loggable_path: str = ""


NO_REQUEST = RequestContext()
# The request being served by this thread, set by RequestLogMiddleware until Django's request_finished; NO_REQUEST
# outside one (management commands, the task worker), which logs as "-".
current_request: contextvars.ContextVar[RequestContext] = contextvars.ContextVar("current_request", default=NO_REQUEST)

# An id a proxy or load balancer passed on is kept if it looks like one, so its logs and ours line up.
INCOMING_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def new_request_id(incoming: str | None = None) -> str:
    if incoming and INCOMING_REQUEST_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIDFilter(logging.Filter):
    """Gives every record the current request id, for the formatter's %(request_id)s."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request.get().id
        return True


class RedactContactDetails(logging.Filter):
    """Replaces email addresses, phone numbers and postcodes in a record's message and traceback, and the current
    request's path by its loggable form (Django's own "Not Found: /path" lines would show a token in it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        request = current_request.get()
        if request.path != request.loggable_path:
            message = message.replace(request.path, request.loggable_path)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports (the ADMINS mail) name the form fields a request sent but never show what was typed in them: a
    comment's text cannot be recognised by pattern, so no value is shown at all."""

    def get_post_parameters(self, request):
        if request is None or not self.is_active(request):
            return super().get_post_parameters(request)
        cleansed = request.POST.copy()
        for key in cleansed:
            cleansed[key] = self.cleansed_substitute
        return cleansed


class RedactedAdminEmailHandler(AdminEmailHandler):
    """Django's mail to ADMINS about a server error, with contact details taken out of the whole message (query
    strings, referers and exception messages included), and never the HTML page with local variables."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["include_html"] = False
        super().__init__(*args, **kwargs)

    def send_mail(self, subject, message, *args, **kwargs):
        kwargs["html_message"] = None
        super().send_mail(redact(subject), redact(message), *args, **kwargs)


def redact_event(event: Event, hint: Hint) -> Event:
    """Sentry's before_send: every string in an error report (message, exception values, breadcrumbs, URL) with its
    contact details replaced; request bodies and cookies are never sent (see settings/production.py)."""
    return _redacted(event)


def _redacted(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item) for item in value]
    return value
