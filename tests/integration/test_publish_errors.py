"""A failed publish (issue 14, item 4): each error sits beside its field in its tab, the draft is kept when a draft may
hold it, and the message at the top says what was and was not saved, for services, schools and information pages."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from directory.models import SchoolPage, ServicePage
from localoffer.models import InformationPage
from tests.factories import InformationPageFactory, SchoolPageFactory, ServicePageFactory, service_admin_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("officer", "officer@example.org", "pw-pw-pw-pw"))
    return client


def publish(client, page, data):
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {**data, "action-publish": "publish"})


def message_html(response):
    return " ".join(str(m) for m in response.context["messages"])


def test_a_service_missing_its_contact_and_route_keeps_the_draft_and_says_where_to_fix_it(officer_client, directory):
    service = ServicePageFactory(parent=directory, title="Speech drop-in")
    data = service_admin_form(
        title="Speech drop-in (Saturdays)",
        slug=service.slug,
        self_referral="",
        contacts=inline_formset([]),
    )
    response = publish(officer_client, service, data)

    assert response.status_code == 200
    form = response.context["form"]
    # Each error is keyed where the officer fixes it: the routes above their tick boxes, the contact on the formset.
    assert "access_routes" in form.errors and "self_referral" not in form.errors
    assert not form.non_field_errors()
    assert "way to get in touch" in form.formsets["contacts"].non_form_errors()[0]
    html = response.content.decode()
    assert html.count('class="error-message"') >= 2  # what each tab's error badge counts
    # The message says what happened and names the tab of each problem, linking to it.
    message = message_html(response)
    assert "saved as a draft but not published" in message and "families still see the published version" in message
    assert 'href="#id_access_routes"' in message and "(How to get it tab)" in message
    assert 'href="#id_contacts-FORMS"' in message and "(Contact tab)" in message
    assert "could not be saved" not in html
    # And it is true: the draft holds the new title; the live page is unchanged.
    service.refresh_from_db()
    assert service.title == "Speech drop-in" and service.has_unpublished_changes
    assert service.get_latest_revision_as_object().title == "Speech drop-in (Saturdays)"


def test_a_service_that_cannot_even_be_a_draft_says_nothing_was_saved(officer_client, directory):
    service = ServicePageFactory(parent=directory, title="Speech drop-in")
    revisions = service.revisions.count()
    response = publish(officer_client, service, service_admin_form(slug=service.slug, min_age="12", max_age="5"))
    assert "max_age" in response.context["form"].errors
    assert "Nothing has been saved and the page is not published" in message_html(response)
    assert service.revisions.count() == revisions


def test_a_new_service_that_fails_to_publish_says_nothing_was_saved(officer_client, directory):
    response = officer_client.post(
        f"/admin/pages/add/directory/servicepage/{directory.pk}/",
        {**service_admin_form(categories=[]), "action-publish": "publish"},
    )
    assert "categories" in response.context["form"].errors
    assert "Nothing has been saved" in message_html(response)
    assert not ServicePage.objects.exists()


def test_a_school_missing_its_phase_keeps_the_draft(officer_client, schools_index):
    school = SchoolPageFactory(title="Hillside Primary School")
    data = nested_form_data(
        {
            "title": "Hillside Primary School (renamed)",
            "slug": school.slug,
            "urn": str(school.urn),
            "phase": "",
            "school_type": school.school_type,
            "min_age": "4",
            "max_age": "11",
            "provision": school.provision,
            "in_area": "on",
            "sen_report_status": school.sen_report_status,
            "comments": inline_formset([]),
        }
    )
    response = publish(officer_client, school, data)
    assert "phase" in response.context["form"].errors
    message = message_html(response)
    assert (
        "saved as a draft but not published" in message and 'href="#id_phase"' in message and "(School tab)" in message
    )
    school = SchoolPage.objects.get(pk=school.pk)
    assert school.title == "Hillside Primary School"
    assert school.get_latest_revision_as_object().title == "Hillside Primary School (renamed)"


def test_a_school_with_a_private_report_link_says_nothing_was_saved(officer_client, schools_index):
    school = SchoolPageFactory()
    data = nested_form_data(
        {
            "title": school.title,
            "slug": school.slug,
            "urn": str(school.urn),
            "phase": school.phase,
            "school_type": school.school_type,
            "min_age": "4",
            "max_age": "11",
            "provision": school.provision,
            "sen_report_url": "http://127.0.0.1/report",
            "sen_report_status": school.sen_report_status,
            "comments": inline_formset([]),
        }
    )
    response = publish(officer_client, school, data)
    assert "sen_report_url" in response.context["form"].errors
    message = message_html(response)
    assert "Nothing has been saved" in message and "SEN information report tab" in message


def test_an_information_page_missing_its_summary_keeps_the_draft(officer_client, home_page):
    page = InformationPageFactory(parent=Page.objects.get(pk=home_page.pk), title="Short breaks")
    data = nested_form_data(
        {
            "title": "Short breaks for families",
            "slug": page.slug,
            "summary": "",
            "body": streamfield([("text", rich_text("<p>Time away from caring.</p>"))]),
            "comments": inline_formset([]),
        }
    )
    response = publish(officer_client, page, data)
    assert "summary" in response.context["form"].errors
    assert "saved as a draft but not published" in message_html(response)
    page = InformationPage.objects.get(pk=page.pk)
    assert page.title == "Short breaks" and page.get_latest_revision_as_object().title == "Short breaks for families"
