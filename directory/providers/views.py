"""Public pages providers use with their emailed link, no account: check the listing, say it is right, or propose
changes. Every page is private to the link (noindex, never cached); GET changes nothing (email scanners follow
links), the POSTs are rate limited per client."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from localoffer import ratelimit
from localoffer.tokens import TokenError

from ..services.models import ServicePage
from . import changes, cycle, decisions
from .forms import UpdateForms

SESSION_KEY = "provider_answer"


def _service(service_id: int) -> ServicePage:
    return get_object_or_404(ServicePage.objects.live(), pk=service_id)


def _problem(request: HttpRequest, service: ServicePage, reason: str) -> HttpResponse:
    return render(
        request,
        "directory/providers/token_problem.html",
        {"service": service, "reason": reason, "link_days": settings.PROVIDER_LINK_DAYS},
        status=410 if reason in ("expired", "used") else 400,
    )


def _limited(request: HttpRequest) -> ratelimit.Decision:
    return ratelimit.allow(request, "provider-update", settings.PROVIDER_RATE_LIMIT, 3600)


def _too_many(request: HttpRequest, template: str, context: dict, decision: ratelimit.Decision) -> HttpResponse:
    response = render(request, template, {**context, "rate_limited": True}, status=429)
    response["Retry-After"] = str(decision.retry_after)
    return response


def _listing(service: ServicePage) -> list[tuple[str, str]]:
    data = changes.snapshot(service)
    cache: dict[tuple[str, int], str] = {}
    return [(changes.LABELS[key], changes.display(key, data[key], cache)) for key in changes.KEYS]


@never_cache
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, service_id: int, token: str) -> HttpResponse:
    """The link in the email: the listing as families see it, and two choices."""
    service = _service(service_id)
    try:
        review_request = cycle.read_token(token, service_id)
    except TokenError as error:
        return _problem(request, service, error.reason)
    context = {"service": service, "token": token, "listing": _listing(service)}
    if request.method == "POST":
        decision = _limited(request)
        if not decision.allowed:
            return _too_many(request, "directory/providers/check.html", context, decision)
        try:
            cycle.confirm(review_request)
        except TokenError as error:
            return _problem(request, service, error.reason)
        request.session[SESSION_KEY] = {"service": service.pk, "answer": "confirmed"}
        return redirect("provider_done", service_id=service.pk)
    return render(request, "directory/providers/check.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest, service_id: int, token: str) -> HttpResponse:
    """The update form: every field families see, filled in; sending it proposes a change (nothing published)."""
    service = _service(service_id)
    try:
        review_request = cycle.read_token(token, service_id)
    except TokenError as error:
        return _problem(request, service, error.reason)
    snapshot = changes.snapshot(service)
    base_revision = service.live_revision_id
    forms = UpdateForms(snapshot, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        base = request.POST.get("base_revision", "")
        base_revision = int(base) if base.isascii() and base.isdigit() and len(base) < 12 else base_revision
    context = {"service": service, "token": token, "forms": forms, "base_revision": base_revision}
    if request.method == "POST":
        if forms.is_valid():
            decision = _limited(request)
            if not decision.allowed:
                return _too_many(request, "directory/providers/change.html", context, decision)
            proposed = forms.proposed()
            if not changes.changed_keys(snapshot, proposed):
                context["unchanged"] = True
                return render(request, "directory/providers/change.html", context, status=400)
            try:
                cycle.claim(review_request)
            except TokenError as error:
                return _problem(request, service, error.reason)
            decisions.propose(review_request, proposed, base_revision, forms.note)
            request.session[SESSION_KEY] = {"service": service.pk, "answer": "proposed"}
            return redirect("provider_done", service_id=service.pk)
        context["errors"] = forms.errors()
        return render(request, "directory/providers/change.html", context, status=400)
    return render(request, "directory/providers/change.html", context)


@never_cache
@require_http_methods(["GET"])
def done(request: HttpRequest, service_id: int) -> HttpResponse:
    service = _service(service_id)
    answer = request.session.get(SESSION_KEY) or {}
    if answer.get("service") != service.pk:
        raise Http404
    return render(request, "directory/providers/done.html", {"service": service, "answer": answer.get("answer")})
