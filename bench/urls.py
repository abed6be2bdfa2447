"""The benchmarks' URLconf: the site's own, plus a constant-response view (the yardstick every figure is divided
by), so that view passes through exactly the middleware every page does. Only the benchmarks route it."""

from django.http import HttpResponse
from django.urls import include, path


def constant(request):
    return HttpResponse(b"constant\n", content_type="text/plain")


urlpatterns = [path("bench/constant", constant), path("", include("localoffer.urls"))]
