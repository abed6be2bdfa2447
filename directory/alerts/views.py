"""The email alerts' public pages: ask (a plain POST form here, linked from the directory's results), check your email,
confirm, stop, and "yes, keep sending". Confirming and keeping take a button press (a POST), so a mail scanner that
opens links confirms nothing; unsubscribing takes one press on its page, or one POST from the mail program
(List-Unsubscribe-Post, RFC 8058, which carries no CSRF token)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from localoffer import ratelimit

from ..changes.query import parse_query_string, read_search
from . import lifecycle
from .forms import AlertRequestForm


@never_cache
@require_http_methods(["GET", "POST"])
def request_alert(request):
    if request.method == "POST":
        form = AlertRequestForm(request.POST)
        if form.is_valid():
            decision = ratelimit.allow(request, "search-alert", settings.ALERTS_RATE_LIMIT, 3600)
            if not decision.allowed:
                response = render(
                    request,
                    "directory/alerts/request.html",
                    {"form": form, "search": form.search, "retry_minutes": -(-decision.retry_after // 60)},
                    status=429,
                )
                response["Retry-After"] = str(decision.retry_after)
                return response
            lifecycle.request_alert(form.cleaned_data["email"], form.search)
            return redirect("alert_sent")
        search = getattr(form, "search", None) or read_search(None)
        status = 400
    else:
        search = read_search(request.GET)
        form = AlertRequestForm(initial={"query": search.query_string})
        status = 400 if search.errors else 200
    problem = "The search for this alert has a problem: " + _errors(search) if search.errors else ""
    context = {"form": form, "search": search, "problem": problem}
    return render(request, "directory/alerts/request.html", context, status=status)


def _errors(search):
    return "; ".join(str(e) for errors in search.errors.values() for e in errors)


@require_http_methods(["GET"])
def sent(request):
    return render(request, "directory/alerts/sent.html", {"days": settings.ALERTS_CONFIRM_DAYS})


def _token_page(request, token, purpose, action, template):
    try:
        alert = lifecycle.read_token(token, purpose)
    except lifecycle.TokenError:
        return render(request, "directory/alerts/token_problem.html", {"purpose": purpose}, status=404)
    if request.method == "POST":
        result = action(alert)
        return render(request, template, {"done": True, "alert": result, "links": lifecycle.links(result or alert)})
    search = parse_query_string(alert.query)
    return render(request, template, {"done": False, "search": search.describe(), "token": token})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    return _token_page(request, token, "confirm", lifecycle.confirm, "directory/alerts/confirm.html")


@never_cache
@csrf_exempt  # RFC 8058: the mail program's one-click POST has no CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return _token_page(request, token, "unsubscribe", lifecycle.unsubscribe, "directory/alerts/unsubscribe.html")


@never_cache
@require_http_methods(["GET", "POST"])
def keep(request, token):
    return _token_page(request, token, "keep", lifecycle.keep, "directory/alerts/keep.html")
