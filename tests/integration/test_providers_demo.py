"""The demo's providers (demo/data/providers.toml): private contacts on .example addresses, changes waiting, one
accepted and one rejected; loading again changes nothing."""

import io

import pytest

from demo import content
from demo.loaders import providers as providers_demo
from directory.models import ProposedChange, ProviderContact, ReviewRequest
from directory.providers import decisions
from tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db


def test_the_demo_providers_load_once(directory):
    data = content.providers()
    for spec in data["contact"]:
        ServicePageFactory(slug=spec["service"], title=spec["service"].replace("-", " ").capitalize(), with_venue=True)
    providers_demo.load(io.StringIO())
    providers_demo.load(io.StringIO())

    assert ProviderContact.objects.count() == len(data["contact"])
    assert all(email.endswith(".example") for email in ProviderContact.objects.values_list("email", flat=True))
    statuses = sorted(ProposedChange.objects.values_list("status", flat=True))
    assert statuses == ["accepted", "pending", "pending", "pending", "rejected"]
    assert ReviewRequest.objects.count() == 5
    for change in ProposedChange.objects.filter(status="pending"):
        assert decisions.review(change), change  # each waiting one shows differences
    accepted = ProposedChange.objects.get(status="accepted")
    assert accepted.accepted_fields == ["summary"]
    assert ProposedChange.objects.get(status="rejected").rejection_reason
