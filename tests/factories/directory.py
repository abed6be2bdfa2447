"""Factories for the directory: taxonomies and organisations, the directory and its services (with venues and
contacts), the schools finder and its schools, schools settings, SENCO submissions and link health; and the admin
form data for a publishable service."""

from datetime import timedelta

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from directory.choices import Area, Cost, Tier
from directory.models import (
    AreaOfNeed,
    DirectoryPage,
    LinkCheck,
    LinkOccurrence,
    Locality,
    NeedType,
    Organisation,
    Postcode,
    ProviderContact,
    ReviewRequest,
    SchoolPage,
    SchoolSettings,
    SchoolsIndexPage,
    SencoSubmission,
    ServiceCategory,
    ServiceContact,
    ServicePage,
    ServiceVenue,
)

from .localoffer import PageFactory, SiteSettingsFactory, by_key

# Taxonomies -------------------------------------------------------------------------------------------------------
# The standard areas of need, need types and categories are seeded by a migration: a factory given a seeded slug
# finds that row (NeedTypeFactory(slug="autism")); without one it makes a council's own term.


class AreaOfNeedFactory(DjangoModelFactory):
    class Meta:
        model = AreaOfNeed
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Area of need {n}")
    slug = factory.LazyAttribute(lambda area: slugify(area.name))
    description = "A broad area of need from the SEND Code of Practice."
    sort_order = factory.Sequence(lambda n: 100 + n)


class NeedTypeFactory(DjangoModelFactory):
    class Meta:
        model = NeedType
        django_get_or_create = ("slug",)

    area = factory.LazyFunction(lambda: AreaOfNeed.objects.first() or AreaOfNeedFactory())
    name = factory.Sequence(lambda n: f"Need type {n}")
    slug = factory.LazyAttribute(lambda need: slugify(need.name))
    description = "A type of need families search by."
    sort_order = factory.Sequence(lambda n: 100 + n)


class ServiceCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ServiceCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Service category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))
    description = "A kind of service families browse by."
    sort_order = factory.Sequence(lambda n: 100 + n)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Riverside Family Support {n}")
    website = factory.LazyAttribute(lambda org: f"https://www.{slugify(org.name)}.example.org")
    provider_type = "voluntary"


# The service directory --------------------------------------------------------------------------------------------


class DirectoryPageFactory(PageFactory):
    """The service directory (the search page, /services/), under the home page. There is one per site."""

    class Meta:
        model = DirectoryPage

    title = "Find services"
    slug = "services"
    intro = "Search for services and support for children and young people with SEND, and their families."


def get_directory():
    """The service directory, made with DirectoryPageFactory (and the home page) the first time."""
    return DirectoryPage.objects.first() or DirectoryPageFactory()


class ServicePageFactory(PageFactory):
    """A service that passes the publish rules (a category, a way to get it and a contact), under the directory.

    ServicePageFactory() is published and in the search index at once (see PageFactory for `draft=True` and
    `publish_revision=True`). `categories` and `need_types` take instances or slugs (default: Health, no need
    types, that is for any child); `contacts` and `venues` take unsaved ServiceContact and ServiceVenue objects
    (default: one contact with a phone number, no venue).

    Traits: `draft`, `expired` (live, but past its expiry time), `with_venue`, `incomplete` (a draft that could
    not be published: no category, no way to get it, no contact)."""

    class Meta:
        model = ServicePage

    title = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.LazyAttributeSequence(lambda page, n: f"{slugify(page.title)[:60] or 'service'}-{n}")
    summary = "A service for children and young people."
    tier = Tier.TARGETED
    min_age = 0
    max_age = 25
    eligibility = "Children who live in the area."
    self_referral = True
    access_steps = "Phone us."
    cost = Cost.FREE
    area = Area.LOCAL
    categories = ("health",)
    need_types = ()
    contacts = factory.LazyFunction(lambda: [ServiceContactFactory.build(page=None)])
    venues = factory.LazyFunction(list)

    class Params:
        expired = factory.Trait(expire_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)))
        with_venue = factory.Trait(venues=factory.LazyFunction(lambda: [ServiceVenueFactory.build(page=None)]))
        incomplete = factory.Trait(
            draft=True,
            categories=(),
            self_referral=False,
            contacts=factory.LazyFunction(list),
        )

    @classmethod
    def _default_parent(cls):
        return get_directory()

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["categories"] = by_key(ServiceCategory, kwargs["categories"])
        kwargs["need_types"] = by_key(NeedType, kwargs["need_types"])
        return kwargs


class ServiceVenueFactory(DjangoModelFactory):
    """A venue with step-free access. Inside ServicePageFactory pass `page=None` (the page saves it)."""

    class Meta:
        model = ServiceVenue

    page = factory.SubFactory(ServicePageFactory, venues=[])
    sort_order = 0
    name = "Riverside Children's Centre"
    address = "12 River Road\nNorthbrook"
    postcode = "NB1 2AB"
    opening_times = "Tuesdays, 10am to 12pm, term time only"
    step_free = True
    accessible_toilet = True


class PostcodeFactory(DjangoModelFactory):
    """A postcode's centre, in Northbrook unless given: PostcodeFactory(postcode="NB4 2EF", latitude=53.4825, ...).
    The district (outward code) follows the postcode; `terminated=True` for one no longer used."""

    class Meta:
        model = Postcode
        django_get_or_create = ("postcode",)

    postcode = factory.Sequence(lambda n: f"NB{n % 9 + 1} {n % 10}{chr(65 + n // 10 % 26)}{chr(65 + n // 260 % 26)}")
    outward = factory.LazyAttribute(lambda o: o.postcode.split(" ")[0])
    latitude = 53.48
    longitude = -2.24
    terminated = False


class LocalityFactory(DjangoModelFactory):
    """A town or area venues are in: LocalityFactory(name="Eastfield") (its slug follows; found if it exists)."""

    class Meta:
        model = Locality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Town {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ServiceContactFactory(DjangoModelFactory):
    """A team contact with a phone number. Inside ServicePageFactory pass `page=None` (the page saves it)."""

    class Meta:
        model = ServiceContact

    page = factory.SubFactory(ServicePageFactory, contacts=[])
    sort_order = 0
    name = "Reception"
    phone = "01632 960000"


def service_admin_form(**overrides):
    """The Wagtail admin's add/edit form data for a complete, publishable service (for tests that post to it).

    `categories` is a list of ServiceCategory pks (default: health); anything else overrides a field."""
    data = {
        "title": "Speech therapy drop-in",
        "slug": "speech-therapy-drop-in",
        "summary": "Drop in and talk to a speech therapist.",
        "description": rich_text("<p>We help.</p>"),
        "tier": "targeted",
        "min_age": "2",
        "max_age": "11",
        "eligibility": "Children who live in the borough.",
        "self_referral": "on",
        "access_steps": "Just come along.",
        "cost": "free",
        "area": "local",
        "venues": inline_formset([]),
        "contacts": inline_formset([{"name": "Reception", "phone": "01234 567890", "email": "", "website": ""}]),
        "comments": inline_formset([]),
    }
    categories = overrides.pop("categories", [ServiceCategory.objects.get(slug="health").pk])
    data.update(overrides)
    data = nested_form_data(data)
    data["categories"] = categories  # a list: the test client sends one value per item
    return data


# Schools ----------------------------------------------------------------------------------------------------------


class SchoolsIndexPageFactory(PageFactory):
    """The schools and settings finder (/schools/), under the home page. There is one per site."""

    class Meta:
        model = SchoolsIndexPage

    title = "Schools and settings"
    slug = "schools"
    intro = "Find schools, colleges and early years settings, and the support they give."


def get_schools_index():
    """The schools finder, made with SchoolsIndexPageFactory (and the home page) the first time."""
    return SchoolsIndexPage.objects.first() or SchoolsIndexPageFactory()


class SchoolPageFactory(PageFactory):
    """An open, mainstream primary school in our area, under the schools finder, with no SEN information report
    link yet. `provision_need_types` takes instances or slugs.

    Traits: `special_school`, `secondary`, `closed`, `out_of_area`, `resourced_provision`, `with_report_link` (a
    website and a working report link on it, confirmed today)."""

    class Meta:
        model = SchoolPage

    title = factory.Sequence(lambda n: f"Hillside Primary School {n}")
    urn = factory.Sequence(lambda n: 700000 + n)
    phase = SchoolPage.PHASE_PRIMARY
    school_type = SchoolPage.TYPE_MAINTAINED
    min_age = 4
    max_age = 11
    address = "1 School Lane\nNorthbrook"
    postcode = "NB1 1AA"
    local_authority = "Northbrook"
    provision_need_types = ()

    class Params:
        special_school = factory.Trait(
            school_type=SchoolPage.TYPE_MAINTAINED_SPECIAL, phase=SchoolPage.PHASE_ALL_THROUGH, max_age=19
        )
        secondary = factory.Trait(phase=SchoolPage.PHASE_SECONDARY, min_age=11, max_age=16)
        closed = factory.Trait(is_closed=True)
        out_of_area = factory.Trait(in_area=False, local_authority="Eastvale")
        resourced_provision = factory.Trait(
            provision=SchoolPage.PROVISION_RESOURCED,
            provision_need_types=("autism",),
            provision_details="Ten places for children with autism; the local authority decides who gets one.",
        )
        with_report_link = factory.Trait(
            website=factory.LazyAttribute(lambda school: f"https://www.{school.slug}.example.sch.uk"),
            sen_report_url=factory.LazyAttribute(lambda school: f"{school.website}/send-report"),
            sen_report_confirmed_on=factory.LazyFunction(timezone.localdate),
            sen_report_status=SchoolPage.LINK_OK,
        )

    @classmethod
    def _default_parent(cls):
        return get_schools_index()

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["provision_need_types"] = by_key(NeedType, kwargs["provision_need_types"])
        return kwargs


class SchoolSettingsFactory(SiteSettingsFactory):
    class Meta:
        model = SchoolSettings


class SencoSubmissionFactory(DjangoModelFactory):
    """A SENCO's submission of their school's report link, waiting for them to confirm their email.

    Traits: `pending` (confirmed, the link loaded, waiting for an officer), `approved`, `rejected`."""

    class Meta:
        model = SencoSubmission

    school = factory.SubFactory(SchoolPageFactory, with_report_link=True)
    report_url = factory.LazyAttribute(lambda sub: f"https://www.{sub.school.slug}.example.sch.uk/send")
    senco_name = "Sam Patel"
    senco_email = factory.LazyAttribute(lambda sub: f"s.patel@{sub.school.slug}.example.sch.uk")
    senco_phone = "01632 960001"
    confirmed_authority = True

    class Params:
        pending = factory.Trait(
            status=SencoSubmission.STATUS_PENDING,
            email_confirmed_at=factory.LazyFunction(timezone.now),
            link_loaded=True,
            link_status_code=200,
        )
        approved = factory.Trait(
            pending=True, status=SencoSubmission.STATUS_APPROVED, decided_at=factory.LazyFunction(timezone.now)
        )
        rejected = factory.Trait(
            pending=True,
            status=SencoSubmission.STATUS_REJECTED,
            decided_at=factory.LazyFunction(timezone.now),
            rejection_reason="That is last year's report.",
        )


# Providers' updates ----------------------------------------------------------------------------------------------


class ProviderContactFactory(DjangoModelFactory):
    """A service's private provider contact (an .example address)."""

    class Meta:
        model = ProviderContact

    service = factory.SubFactory(ServicePageFactory)
    name = "Jo Provider"
    email = factory.Sequence(lambda n: f"jo.provider{n}@provider.example")


class ReviewRequestFactory(DjangoModelFactory):
    """An "is this still right?" email sent now to the service's provider contact (made if missing)."""

    class Meta:
        model = ReviewRequest

    service = factory.SubFactory(ServicePageFactory)
    email = factory.LazyAttribute(
        lambda request: (
            (
                ProviderContact.objects.filter(service=request.service).first()
                or ProviderContactFactory(service=request.service)
            ).email
        )
    )


# Link health ------------------------------------------------------------------------------------------------------


class LinkCheckFactory(DjangoModelFactory):
    """A link found on a live page and not yet checked. Traits: `working`, `broken` (since now)."""

    class Meta:
        model = LinkCheck
        django_get_or_create = ("url",)

    url = factory.Sequence(lambda n: f"https://www.example.org/page-{n}")

    class Params:
        working = factory.Trait(ok=True, status_code=200, last_checked_at=factory.LazyFunction(timezone.now))
        broken = factory.Trait(
            ok=False,
            status_code=404,
            error="The page was not found (error 404). It may have moved or been removed",
            first_failure_at=factory.LazyFunction(timezone.now),
            last_checked_at=factory.SelfAttribute("first_failure_at"),
        )


class LinkOccurrenceFactory(DjangoModelFactory):
    class Meta:
        model = LinkOccurrence

    # The page first: making the first page deletes Wagtail's placeholder page, and with it links found nowhere.
    page = factory.SubFactory(ServicePageFactory)
    link = factory.SubFactory(LinkCheckFactory)
    where = "Description"
