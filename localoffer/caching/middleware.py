"""The page cache: whole public pages for visitors without a session (most families), kept in the shared cache under
the content version (version.py), so publishing, unpublishing, moving a page or changing a taxonomy term shows at
once on every worker.

Which requests: GET, no session cookie and no messages cookie (a visitor with My list items, a signed-in officer or
anyone shown a message has a session, and is always served afresh: My list state is theirs alone), outside the
admin, documents and the API. Which responses are kept: 200s that set no cookie and that the view did not mark
private or no-store. A page whose form carries a CSRF token sets the CSRF cookie, so it is never kept (the comment
form, SENCO forms, a password-protected page's form); My list's buttons carry no token (see README: they are checked
by origin instead, so the directory's and services' pages can be kept).

An entry lives PAGE_CACHE_SECONDS at most, and never past the next time a live page is due to expire (expiry needs
no signal: a page past its expire_at must disappear when the time comes). A hit costs one round trip to the cache
(the version and the page together) and no SQL. It sits after the security headers' middleware (they are added to
every response, cached or not) and before sessions, CSRF and authentication, which a hit skips."""

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models import Min
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from wagtail.models import Page, Site

from . import version

SKIPPED_PREFIXES = ("/admin/", "/documents/", "/api/", "/django-admin/")
MESSAGES_COOKIE = "messages"
# What a view tells the Content-Security-Policy middleware (outside this one) on the response: a page with a map lets
# images come from the tile server. Kept with the page and put back on a hit.
CSP_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_config", "_csp_exempt")
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Cache-Control",
    "Expires",
    "Last-Modified",
    "ETag",
    "X-Frame-Options",  # added by a middleware a hit skips
)


def page_key(request: HttpRequest) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    digest = hashlib.sha256(f"{host}\n{request.get_full_path()}".encode()).hexdigest()
    return f"localoffer:page:{digest}"


def cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return not request.path.startswith(SKIPPED_PREFIXES)


def storable(response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def seconds_to_keep() -> float:
    """PAGE_CACHE_SECONDS, or less if a live page expires sooner."""
    now = timezone.now()
    keep = float(settings.PAGE_CACHE_SECONDS)
    next_expiry = Page.objects.filter(live=True, expire_at__gt=now).aggregate(at=Min("expire_at"))["at"]
    if next_expiry is not None:
        keep = min(keep, (next_expiry - now).total_seconds())
    return keep


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        key = page_key(request) if cacheable_request(request) else None
        if key is None:
            return self.get_response(request)
        found = cache.get_many([version.KEY, key])
        current, entry = found.get(version.KEY), found.get(key)
        if entry is not None and current is not None and entry["version"] == current and entry["until"] > time.time():
            return cached_response(entry)
        current = version.current()  # read before rendering: a change made while rendering leaves this stale
        response = self.get_response(request)
        if storable(response):
            patch_vary_headers(response, ["Cookie"])
            keep = seconds_to_keep()
            if keep >= 1:
                entry = {
                    "version": current,
                    "until": time.time() + keep,
                    "content": response.content,  # type: ignore[attr-defined]  # not streaming (storable)
                    "headers": [(name, response[name]) for name in KEPT_HEADERS if name in response],
                    "csp": {name: getattr(response, name) for name in CSP_ATTRIBUTES if hasattr(response, name)},
                }
                cache.set(key, entry, timeout=int(keep))
        return response


def cached_response(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"])
    for name, value in entry["headers"]:
        response[name] = value
    for name, value in entry.get("csp", {}).items():
        setattr(response, name, value)
    response["X-Page-Cache"] = "hit"
    return response


class SiteMiddleware:
    """Wagtail looks the request's site up with a query on every request, then its root page and that page's own
    type (two more). Here the site, with its root page already specific, is remembered under the content version
    (any saved page or site starts a new one), and Wagtail's own per-request attribute is set from it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        # As Wagtail does: the raw host (ALLOWED_HOSTS is checked later, by CommonMiddleware).
        hostname = split_domain_port(request._get_raw_host())[0]  # type: ignore[attr-defined]
        port = request.get_port()
        site = version.remember(f"site:{hostname}:{port}", lambda: find_site(request))
        request._wagtail_site = site  # type: ignore[attr-defined]
        return self.get_response(request)


def find_site(request: HttpRequest) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None and site.root_page_id is not None:
        site.root_page.specific  # noqa: B018  (loaded now, so the copy in the cache carries it)
    return site
