"""The admin calls no third party: no Gravatar image (an officer's email hash), no Wagtail release check."""

import pytest

pytestmark = pytest.mark.django_db

OUTSIDE = ("gravatar.com", "releases.wagtail.org", 'data-controller="w-upgrade')


def test_the_dashboard_and_account_pages_reference_nothing_outside(client, django_user_model, home_page):
    officer = django_user_model.objects.create_superuser("officer", "officer@council.example", "x" * 12)
    client.force_login(officer)
    for url in ("/admin/", "/admin/account/", f"/admin/pages/{home_page.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not [marker for marker in OUTSIDE if marker in html], url
