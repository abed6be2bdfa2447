"""Previews work: every page type and the "you said, we did" report render in the admin's preview panel (an iframe
on the admin's own origin), while the public keeps `frame-ancestors 'none'` and the rest of the strict policy."""

import pytest

from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    InformationPageFactory,
    ReportFactory,
    SchoolPageFactory,
    SchoolsIndexPageFactory,
    ServicePageFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

STRICT = ("default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'")


@pytest.mark.parametrize(
    "factory",
    [
        HomePageFactory,
        InformationPageFactory,
        DirectoryPageFactory,
        ServicePageFactory,
        SchoolsIndexPageFactory,
        SchoolPageFactory,
        ReportFactory,
    ],
)
def test_each_preview_may_be_framed_by_the_admin_and_keeps_the_strict_policy(rf, factory):
    obj = factory()
    request = rf.get("/admin/")
    request.user = UserFactory(superuser=True)
    response = obj.make_preview_request(request, obj.default_preview_mode)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy and "frame-ancestors 'none'" not in policy
    assert all(directive in policy for directive in STRICT), policy
    assert "unsafe-inline" not in policy


def test_the_public_page_still_may_not_be_framed(client):
    page = InformationPageFactory()
    policy = client.get(page.url)["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
