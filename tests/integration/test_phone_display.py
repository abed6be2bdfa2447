"""Phone numbers on public pages are shown in the UK's usual groups (issue 14, item 10); what is stored is untouched,
and a number that cannot be read is shown as typed."""

import pytest

from tests.factories import SchoolPageFactory, ServiceContactFactory, ServicePageFactory

pytestmark = pytest.mark.django_db


def test_a_service_page_shows_its_phone_numbers_formatted(client, directory):
    service = ServicePageFactory(
        contacts=[
            ServiceContactFactory.build(page=None, name="Reception", phone="07700900123"),
            ServiceContactFactory.build(page=None, name="Duty line", phone="01632 960001 (option 2)"),
        ]
    )
    html = client.get(service.url).content.decode()
    assert ">07700 900 123</a>" in html and 'href="tel:07700900123"' in html
    assert "01632 960001 (option 2)" in html  # shown as typed
    assert [contact.phone for contact in service.contacts.all()] == ["07700900123", "01632 960001 (option 2)"]


def test_a_school_page_shows_its_phone_number_formatted(client, schools_index):
    school = SchoolPageFactory(phone="01632960001")
    html = client.get(school.url).content.decode()
    assert ">01632 960 001</a>" in html
