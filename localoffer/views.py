from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Site

from .colour import HEX_COLOUR, text_colour_for
from .models import LocalOfferSettings


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers; 503 when it does not (for the load balancer and the container)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/"]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon (no 404 in every console)."""
    return HttpResponseRedirect(static("images/favicon.ico"))


@require_GET
@cache_control(max_age=3600)
def brand_css(request):
    """The site's brand colour as CSS custom properties, so templates need no inline style (strict CSP)."""
    site = Site.find_for_request(request)
    colour = LocalOfferSettings.for_site(site).brand_colour if site else "#1d70b8"
    if not HEX_COLOUR.match(colour or ""):
        colour = "#1d70b8"
    css = f":root {{ --brand: {colour}; --brand-text: {text_colour_for(colour)}; }}\n"
    return HttpResponse(css, content_type="text/css")
