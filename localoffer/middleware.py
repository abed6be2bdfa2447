"""Middleware of the site shell: the health check and the request id and one log line for each request (before
everything else), and the framing rule for Wagtail's previews (just inside the Content-Security-Policy)."""

import logging
import time
from dataclasses import replace

from csp.constants import SELF
from django.core.signals import request_finished

from .logs import NO_REQUEST, RequestContext, current_request, new_request_id
from .views import healthz

logger = logging.getLogger("localoffer.requests")


class HealthCheckMiddleware:
    """Answers /healthz itself, before SecurityMiddleware and CommonMiddleware look at the Host header: the container's
    own check and a load balancer's probe use an address, not a name in ALLOWED_HOSTS, and plain HTTP. It answers as
    the view does (200 when the database answers, 503 when it does not) and writes no log line, as probes come every
    few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)


class RequestLogMiddleware:
    """Gives each request an id (kept in the logs' %(request_id)s and sent back as X-Request-ID) and logs one line
    for it: method, path, status and time taken. Never the query string or the body, where people type what they
    are searching for and their comments; tokens in the path (SENCO links, password resets) are masked.

    The id stays set until Django's request_finished, so the lines Django logs after the middleware has returned
    ("Not Found: ...") carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        request_finished.connect(end_of_request, dispatch_uid="localoffer.middleware.end_of_request")

    def __call__(self, request):
        context = RequestContext(new_request_id(request.headers.get("X-Request-ID")), request.path, request.path)
        current_request.set(context)
        started = time.monotonic()
        response = self.get_response(request)
        context = replace(context, loggable_path=loggable_path(request))
        current_request.set(context)
        response["X-Request-ID"] = context.id
        logger.info(
            "%s %s %s %dms",
            request.method,
            context.loggable_path,
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def end_of_request(**kwargs):
    current_request.set(NO_REQUEST)


def loggable_path(request):
    """The request's path with the value of every URL argument named like a token replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    arguments = match.kwargs if match else {}
    for name, value in arguments.items():
        if "token" in name and isinstance(value, str) and value:
            path = path.replace(value, "[token]")
    return path


class PreviewFramingMiddleware:
    """Lets the admin frame a preview, and nothing else change.

    Wagtail renders a preview (of any page type, or of the "you said, we did" report) by running a dummy request
    through the whole middleware chain and flags it `request.is_preview`; the admin shows that response in its
    preview panel, an iframe on the admin's own origin. The public policy's `frame-ancestors 'none'` would leave the
    panel blank, so for previews only the site itself may frame the page: every other directive stays as strict as
    the public's, and real public responses keep 'none'. It sits just after CSPMiddleware in MIDDLEWARE, so it marks
    the response before the policy is written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), "frame-ancestors": [SELF]}
        return response
