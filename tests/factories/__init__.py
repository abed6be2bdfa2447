"""Factories for every model (factory-boy and wagtail-factories): the one way the tests, `generate_services` and
the benchmark make data. One module per app; everything is importable from here.

    from tests.factories import ServicePageFactory

    ServicePageFactory()                                   # published and search-indexed, under the directory
    ServicePageFactory(title="Swim club", need_types=["autism"], categories=["leisure-and-short-breaks"])
    ServicePageFactory(draft=True)                         # not live; its content in a revision
    ServicePageFactory(expired=True, with_venue=True)      # traits combine
    SchoolPageFactory(special_school=True, publish_revision=True)
    ServicePageFactory.build(...)                          # unsaved (generate_services builds rows this way)

Pages go under their usual parent, made when missing (home page -> directory -> services, home page -> schools
finder -> schools); `get_home()`, `get_directory()` and `get_schools_index()` find or make those. Taxonomy
factories find the seeded terms by slug. Site settings factories update the default site's settings."""

from .directory import (
    AreaOfNeedFactory,
    DirectoryPageFactory,
    LinkCheckFactory,
    LinkOccurrenceFactory,
    LocalityFactory,
    NeedTypeFactory,
    OrganisationFactory,
    PostcodeFactory,
    ProviderContactFactory,
    ReviewRequestFactory,
    SchoolPageFactory,
    SchoolSettingsFactory,
    SchoolsIndexPageFactory,
    SencoSubmissionFactory,
    ServiceCategoryFactory,
    ServiceContactFactory,
    ServicePageFactory,
    ServiceVenueFactory,
    get_directory,
    get_schools_index,
    service_admin_form,
)
from .feedback import BlockedSubmissionFactory, CommentFactory, ReportFactory, ThemeFactory
from .localoffer import (
    GlossaryTermFactory,
    HomePageFactory,
    InformationPageFactory,
    LocalOfferSettingsFactory,
    PageFactory,
    ReviewTeamFactory,
    StatutoryTopicFactory,
    SynonymFactory,
    UserFactory,
    get_home,
    stream,
)

__all__ = [
    "AreaOfNeedFactory",
    "BlockedSubmissionFactory",
    "CommentFactory",
    "DirectoryPageFactory",
    "SynonymFactory",
    "GlossaryTermFactory",
    "HomePageFactory",
    "InformationPageFactory",
    "LinkCheckFactory",
    "LinkOccurrenceFactory",
    "LocalityFactory",
    "LocalOfferSettingsFactory",
    "NeedTypeFactory",
    "OrganisationFactory",
    "PageFactory",
    "PostcodeFactory",
    "ProviderContactFactory",
    "ReviewRequestFactory",
    "ReportFactory",
    "ReviewTeamFactory",
    "SchoolPageFactory",
    "SchoolSettingsFactory",
    "SchoolsIndexPageFactory",
    "SencoSubmissionFactory",
    "ServiceCategoryFactory",
    "ServiceContactFactory",
    "ServicePageFactory",
    "ServiceVenueFactory",
    "StatutoryTopicFactory",
    "ThemeFactory",
    "UserFactory",
    "get_directory",
    "get_home",
    "get_schools_index",
    "service_admin_form",
    "stream",
]
