"""The Open Referral UK API's addresses, mounted at /api/openreferral/v3/ by localoffer/urls.py (before Wagtail's
page tree, which would otherwise answer an unknown address with an HTML page). Every view, the JSON 404 for an
unknown address included, answers any origin (api.with_cors)."""

from django.urls import URLPattern, path

from .api import api, not_found, with_cors

app_name = "openreferral"
patterns, _app_name, _namespace = api.urls
for pattern in patterns:
    if isinstance(pattern, URLPattern):
        pattern.callback = with_cors(pattern.callback)

urlpatterns = [*patterns, path("<path:rest>", with_cors(not_found), name="not_found")]
