"""The factories make what they say: every factory saves a valid object; pages land under their usual parents; a
default service passes the publish rules and is found by keyword at once; the traits do what their names say."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from directory.models import DirectoryPage, LinkCheck, SchoolPage, SchoolsIndexPage, SencoSubmission, ServicePage
from directory.services.keywords import keyword_ranking
from feedback.models import Comment, Report, Theme
from localoffer.models import HomePage
from tests import factories

pytestmark = pytest.mark.django_db

EVERY_FACTORY = [
    getattr(factories, name)
    for name in factories.__all__
    if name.endswith("Factory") and name not in ("PageFactory", "HomePageFactory")
]


@pytest.mark.parametrize("factory_class", EVERY_FACTORY, ids=lambda f: f.__name__)
def test_every_factory_makes_a_valid_object(factory_class):
    made = factory_class()
    assert made.pk
    # A link not yet checked has ok=None, which the model allows (null) but full_clean calls blank.
    made.full_clean(exclude=["ok"] if isinstance(made, LinkCheck) else None)


def test_pages_go_under_their_usual_parents_and_the_home_page_is_the_site_root():
    service = factories.ServicePageFactory()
    school = factories.SchoolPageFactory()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    directory = DirectoryPage.objects.get()
    assert service.get_parent().pk == directory.pk and directory.get_parent().pk == home.pk
    assert school.get_parent().pk == SchoolsIndexPage.objects.get().pk
    assert factories.InformationPageFactory().get_parent().pk == home.pk
    assert service.url.startswith("/services/") and school.url.startswith("/schools/")


def test_a_default_service_passes_the_publish_rules_and_is_found_by_keyword_at_once():
    service = factories.ServicePageFactory(title="Otterly good swimming", need_types=["autism"])
    assert service.live and service.first_published_at and not service.has_unpublished_changes
    assert [c.slug for c in service.categories.all()] == ["health"]
    assert service.access_routes and service.contact_routes
    assert keyword_ranking("otterly") == [service.pk]
    assert keyword_ranking("autism") == [service.pk]


def test_service_traits():
    draft = factories.ServicePageFactory(draft=True)
    assert not draft.live and draft.has_unpublished_changes and draft.latest_revision_id
    assert draft.first_published_at is None
    assert factories.ServicePageFactory(expired=True).is_expired()
    venue = factories.ServicePageFactory(with_venue=True).venues.get()
    assert venue.name and venue.postcode and venue.step_free
    incomplete = factories.ServicePageFactory(incomplete=True)
    assert not incomplete.live and not incomplete.categories.exists() and not incomplete.contact_routes
    assert not incomplete.access_routes


def test_publishing_through_a_revision():
    service = factories.ServicePageFactory(publish_revision=True)
    assert service.live and service.live_revision_id and service.latest_revision_id == service.live_revision_id


def test_unknown_slugs_are_an_error_not_a_silent_omission():
    with pytest.raises(ValueError, match="no-such-need"):
        factories.ServicePageFactory(need_types=["no-such-need"])


def test_build_saves_nothing():
    page = factories.ServicePageFactory.build()
    assert page.pk is None and not ServicePage.objects.exists()
    with pytest.raises(ValidationError):
        factories.ServicePageFactory.build(min_age=10, max_age=5).clean()


def test_school_traits():
    special = factories.SchoolPageFactory(special_school=True)
    assert special.is_special and special.max_age == 19
    assert factories.SchoolPageFactory(closed=True).is_closed
    assert not factories.SchoolPageFactory(out_of_area=True).in_area
    resourced = factories.SchoolPageFactory(resourced_provision=True)
    assert [n.slug for n in resourced.provision_need_types.all()] == ["autism"]
    linked = factories.SchoolPageFactory(with_report_link=True)
    assert linked.sen_report_url.startswith(linked.website) and not linked.sen_report_is_stale
    linked.full_clean()


def test_senco_submission_traits():
    assert factories.SencoSubmissionFactory().status == SencoSubmission.STATUS_UNCONFIRMED
    pending = factories.SencoSubmissionFactory(pending=True)
    assert pending.status == SencoSubmission.STATUS_PENDING and pending.email_matches_school
    assert factories.SencoSubmissionFactory(approved=True).status == SencoSubmission.STATUS_APPROVED
    assert factories.SencoSubmissionFactory(rejected=True).status == SencoSubmission.STATUS_REJECTED
    assert SchoolPage.objects.count() == 4


def test_feedback_traits():
    report = factories.ReportFactory(year=2025, published=True)
    assert report.is_published and report.slug == "2025" and report.title == "You said, we did 2025"
    assert factories.ThemeFactory(report=report, not_possible=True).status == Theme.Status.NOT_POSSIBLE
    assert Report.objects.published().get() == report
    comment = factories.CommentFactory(with_contact_details=True)
    assert comment.reference and comment.has_contact_details
    assert factories.CommentFactory(excluded=True).status == Comment.Status.EXCLUDED
    about = factories.CommentFactory(about_page=True)
    assert about.page_title == about.page.title


def test_settings_factories_update_the_default_sites_settings():
    from localoffer.models import LocalOfferSettings

    factories.LocalOfferSettingsFactory(sendiass_name="Testshire SENDIASS")
    factories.LocalOfferSettingsFactory(sendiass_phone="01632 960999")
    settings = LocalOfferSettings.for_site(Site.objects.get(is_default_site=True))
    assert (settings.sendiass_name, settings.sendiass_phone) == ("Testshire SENDIASS", "01632 960999")
