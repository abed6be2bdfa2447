"""The directory's models: seeded taxonomies, age validation, and what publishing a service requires."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset

from directory.ages import AGE_BANDS, MAX_AGE, MIN_AGE
from directory.models import AreaOfNeed, NeedType, ServiceCategory, ServicePage
from directory.taxonomy.data import AREAS_OF_NEED, SERVICE_CATEGORIES
from tests.factories import ServicePageFactory, service_admin_form

pytestmark = pytest.mark.django_db


def test_migration_seeds_the_four_areas_their_need_types_and_the_categories():
    assert list(AreaOfNeed.objects.values_list("slug", flat=True)) == [a[0] for a in AREAS_OF_NEED]
    assert NeedType.objects.count() == sum(len(a[3]) for a in AREAS_OF_NEED)
    assert NeedType.objects.get(slug="autism").area.slug == "communication-and-interaction"
    assert NeedType.objects.get(slug="sensory-processing").area.slug == "sensory-and-physical"  # 0023, issue 14
    assert set(ServiceCategory.objects.values_list("slug", flat=True)) == {c[0] for c in SERVICE_CATEGORIES}


def test_age_bands_cover_every_age_and_use_overlap():
    for age in range(MIN_AGE, MAX_AGE + 1):
        assert any(band.min_age <= age <= band.max_age for band in AGE_BANDS)
    primary = next(b for b in AGE_BANDS if b.slug == "5-11")
    assert primary.overlaps(3, 5) and primary.overlaps(11, 25) and primary.overlaps(0, 25)
    assert not primary.overlaps(0, 4) and not primary.overlaps(12, 16)


def test_youngest_age_may_not_be_more_than_oldest():
    page = ServicePageFactory.build(min_age=10, max_age=5)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "max_age" in error.value.message_dict


@pytest.fixture
def admin_client(client, home_page):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "correct horse battery")
    client.force_login(user)
    return client


service_form = service_admin_form


def create_url(directory):
    return f"/admin/pages/add/directory/servicepage/{directory.pk}/"


def test_publishing_a_complete_service_works(admin_client, directory):
    response = admin_client.post(create_url(directory), {**service_form(), "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = ServicePage.objects.get(slug="speech-therapy-drop-in")
    assert page.live and page.contacts.count() == 1 and page.categories.count() == 1


def test_publishing_needs_categories_a_route_and_a_contact(admin_client, directory):
    data = service_form(
        categories=[],
        self_referral="",
        contacts=inline_formset([]),
        eligibility="",
    )
    response = admin_client.post(create_url(directory), {**data, "action-publish": "publish"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "categories" in form.errors and "access_routes" in form.errors and "eligibility" in form.errors
    assert any("way to get in touch" in e for e in form.formsets["contacts"].non_form_errors())
    assert not ServicePage.objects.exists()


def test_an_incomplete_draft_can_be_saved(admin_client, directory):
    data = service_form(
        categories=[],
        self_referral="",
        contacts=inline_formset([]),
        eligibility="",
        tier="",
        min_age="",
        max_age="",
        summary="",
        access_steps="",
    )
    response = admin_client.post(create_url(directory), data)
    assert response.status_code == 302
    page = ServicePage.objects.get(slug="speech-therapy-drop-in")
    assert not page.live


def test_officers_edit_services_in_plain_english_tabs(admin_client, directory):
    service = ServicePageFactory(parent=directory)
    html = admin_client.get(f"/admin/pages/{service.pk}/edit/").content.decode()
    for tab in (
        "What it is",
        "Who it is for",
        "How to get it",
        "Where and when",
        "Contact",
        "Responsibility and review",
    ):
        assert tab in html
    assert "Exactly what must be true before someone can use the service" in html


@pytest.mark.parametrize("path", ["areaofneed", "needtype", "servicecategory", "organisation"])
def test_taxonomies_are_snippets_officers_can_list(admin_client, path):
    assert admin_client.get(f"/admin/snippets/directory/{path}/").status_code == 200
