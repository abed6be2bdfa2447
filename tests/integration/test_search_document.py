"""The keyword search's weighted document on each service (PostgreSQL): written by the database after every save of
a service (publishing, a plain save, the demo loader) and when a category, need type or organisation is renamed,
never overwritten by what an instance held; matched through its GIN index, ranked title over summary over the
rest."""

import io

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from demo import loaders
from directory.models import NeedType, ServiceCategory, ServicePage
from directory.services import keywords, search_document
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
        assert keywords.keyword_matches(keyword) == [service.pk], keyword
    assert keywords.keyword_matches("kestrel falconry") == []  # an honest "nothing", not a fall back elsewhere

    service.title = "Merlin swimming club"
    service.save_revision().publish()
    assert keywords.keyword_matches("merlin") == [service.pk] and keywords.keyword_matches("kestrel") == []


def test_a_save_after_publishing_keeps_the_document():
    service = ServicePageFactory(title="Kestrel swimming club")
    service.save_revision().publish()
    stale = ServicePage.objects.get(pk=service.pk)
    stale.search_document = None  # what an instance built before the document was written holds
    stale.accountable_team = "Pools team"
    stale.save()
    assert "'kestrel':1A" in document(service)
    assert keywords.keyword_matches("kestrel") == [service.pk]
    assert stale.search_document == document(service)  # the instance holds what the database wrote

    # A page rebuilt from a revision carries no copy of the document, so publishing it again cannot bring one back.
    revision = stale.save_revision()
    assert "search_document" not in revision.content
    revision.publish()
    assert keywords.keyword_matches("kestrel") == [service.pk]


def test_a_plain_save_rewrites_the_document_of_a_renamed_or_retagged_service():
    service = ServicePageFactory(title="Kestrel swimming club", categories=("health",))
    service.title = "Merlin swimming club"
    service.need_types = [NeedType.objects.get(slug="autism")]
    service.save()
    assert keywords.keyword_matches("merlin autism") == [service.pk]
    assert keywords.keyword_matches("kestrel") == []

    ServicePage.objects.filter(pk=service.pk).update(summary="Lessons for otters.")  # no save: no document
    ServicePage.objects.get(pk=service.pk).save(update_fields=["summary"])
    assert keywords.keyword_matches("otters") == [service.pk]


def test_a_save_costs_one_statement_more_and_a_metadata_save_none():
    service = ServicePageFactory(title="Kestrel swimming club")

    def statements(save):
        with CaptureQueriesContext(connection) as queries:
            save()
        return [q["sql"] for q in queries.captured_queries]

    page = ServicePage.objects.get(pk=service.pk)
    with_document = statements(page.save)
    assert sum("SET search_document" in sql for sql in with_document) == 1
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("directory.services.models.write_search_document", lambda pk: None)
        without_document = statements(ServicePage.objects.get(pk=service.pk).save)
    assert len(with_document) == len(without_document) + 1

    metadata = statements(lambda: page.save(update_fields=["has_unpublished_changes"], clean=False))
    assert metadata and not any("SET search_document" in sql for sql in metadata)


def load_the_demo_services():
    """`manage.py load_demo` (demo.loaders.load) without the parts that write no service (schools, feedback, the
    printed edition: most of the whole demo's time): the site shell they hang on, the directory's services, the
    providers' changes to them and the review teams that own them."""
    for part in loaders.PARTS:
        if part not in (loaders.schools, loaders.feedback, loaders.edition):
            with transaction.atomic():
                part.load(io.StringIO())


@pytest.mark.slow
def test_loading_the_demo_twice_leaves_every_live_service_with_its_document(demo_db):
    """The first load is `manage.py load_demo`'s (the run's demo template); the second is here."""
    load_the_demo_services()
    live = ServicePage.objects.live()
    assert live.count() > 40
    assert not live.filter(search_document__isnull=True).exists()
    held = dict(live.values_list("pk", "search_document"))
    search_document.update_search_documents(held)  # written afresh from the rows: nothing was stale
    assert dict(live.values_list("pk", "search_document")) == held
    assert keywords.keyword_matches("speech")


def test_renaming_a_category_or_organisation_rewrites_the_documents_of_its_services():
    organisation = OrganisationFactory(name="Northbrook Otters")
    service = ServicePageFactory(title="Swimming", organisation=organisation, categories=("health",))
    category = ServiceCategory.objects.get(slug="health")
    category.name = "Aquatherapy"
    category.save()
    organisation.name = "Northbrook Puffins"
    organisation.save()
    assert keywords.keyword_matches("aquatherapy puffins") == [service.pk]


def test_title_outranks_summary_outranks_the_rest():
    in_text = ServicePageFactory(title="Club A", summary="Games.", eligibility="Children who like otters.")
    in_summary = ServicePageFactory(title="Club B", summary="Otters and games.")
    in_title = ServicePageFactory(title="Otters club", summary="Games.")
    candidates = [in_text.pk, in_summary.pk, in_title.pk]
    assert keywords.keyword_rank("otters", candidates) == [in_title.pk, in_summary.pk, in_text.pk]


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
