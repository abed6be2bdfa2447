"""The keyword search's weighted document on each service (PostgreSQL): written on publish and when a category,
need type or organisation is renamed, matched through its GIN index, ranked title over summary over the rest."""

import pytest
from django.db import connection

from directory.models import ServiceCategory, ServicePage
from directory.services import search
from tests.factories import OrganisationFactory, ServicePageFactory

pytestmark = pytest.mark.usefixtures("postgres", "directory")


def document(service):
    return ServicePage.objects.values_list("search_document", flat=True).get(pk=service.pk)


def test_publishing_writes_the_document_and_every_word_must_match_somewhere():
    service = ServicePageFactory(
        title="Kestrel swimming club",
        summary="Weekly sessions in the pool.",
        description="<p>Our <b>hydrotherapy</b> sessions.</p>",
        who_for="Children with physical disabilities",
        categories=("health",),
        need_types=("autism",),
    )
    assert "'kestrel':1A" in document(service)
    assert "'week':4B" in document(service) and "hydrotherapi" in document(service)
    for keyword in ("kestrel", "kestrel hydrotherapy", "swimming autism", "physical health"):
        assert search.keyword_matches(keyword) == [service.pk], keyword
    assert search.keyword_matches("kestrel falconry") is None  # the caller then asks Wagtail's index

    service.title = "Merlin swimming club"
    service.save_revision().publish()
    assert search.keyword_matches("merlin") == [service.pk] and search.keyword_matches("kestrel") is None


def test_renaming_a_category_or_organisation_rewrites_the_documents_of_its_services():
    organisation = OrganisationFactory(name="Northbrook Otters")
    service = ServicePageFactory(title="Swimming", organisation=organisation, categories=("health",))
    category = ServiceCategory.objects.get(slug="health")
    category.name = "Aquatherapy"
    category.save()
    organisation.name = "Northbrook Puffins"
    organisation.save()
    assert search.keyword_matches("aquatherapy puffins") == [service.pk]


def test_title_outranks_summary_outranks_the_rest():
    in_text = ServicePageFactory(title="Club A", summary="Games.", eligibility="Children who like otters.")
    in_summary = ServicePageFactory(title="Club B", summary="Otters and games.")
    in_title = ServicePageFactory(title="Otters club", summary="Games.")
    candidates = [in_text.pk, in_summary.pk, in_title.pk]
    assert search.keyword_rank("otters", candidates) == [in_title.pk, in_summary.pk, in_text.pk]


def test_the_match_uses_the_gin_index():
    ServicePageFactory(title="Kestrel club")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT page_ptr_id FROM directory_servicepage WHERE search_document @@ to_tsquery('kestrel')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "directory_servicepage_search_document_gin" in plan
