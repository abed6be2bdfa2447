"""The service directory: one DirectoryPage (the search page, slug "services") with a ServicePage per service."""

from decimal import Decimal
from uuid import uuid4

from django import forms
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.html import linebreaks
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from localoffer.caching.pages import RememberedPageMixin
from localoffer.caching.version import remember
from localoffer.glossary.models import ExplainedPageMixin
from localoffer.models import ReviewedPageMixin
from localoffer.panels import FieldErrorsPanel
from localoffer.readability.panels import plain_english_panel
from localoffer.visibility import VisiblePageManager

from ..ages import MAX_AGE, MIN_AGE, age_range_text
from ..choices import ACCESS_ROUTES, DELIVERY, TIER_NAMES, Area, Cost, Tier
from ..places.models import Locality
from ..places.postcodes import centroids, fill_position, normalise_postcode
from ..taxonomy.models import NeedType, Organisation, ServiceCategory
from . import maps, page_body
from .search_document import SEARCHED_FIELDS, write_search_document

AGE_VALIDATORS = [MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)]


class DirectoryPage(RoutablePageMixin, RememberedPageMixin, ReviewedPageMixin, Page):
    """The search page of the service directory. There is one, under the home page. It also serves My list."""

    intro = models.TextField(
        blank=True,
        help_text="One or two plain-English sentences above the search box, saying what families will find here.",
    )
    no_results_help = models.TextField(
        blank=True,
        help_text="Shown when a search finds nothing, before the details of the information, advice and support "
        "service (SENDIASS). Leave blank for the standard wording.",
    )

    max_count = 1
    parent_page_types = ["localoffer.HomePage"]
    subpage_types = ["directory.ServicePage"]

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("no_results_help")]
    promote_panels = Page.promote_panels + ReviewedPageMixin.review_panels

    class Meta:
        verbose_name = "service directory"

    # The search and My list views (directory/services/views.py), attached in DirectoryConfig.ready(), so that
    # models import no views. My list's routes are this page's, so they live under /services/my-list/.
    views = None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.directory_context(self, request))
        return context

    def serve(self, request, *args, **kwargs):
        return maps.allow_tiles(super().serve(request, *args, **kwargs))

    @path("my-list/", name="my_list")
    def my_list(self, request):
        return self.views.my_list(request, self)

    @path("my-list/print/", name="my_list_print")
    def my_list_print(self, request):
        return self.views.my_list_print(request, self)

    @path("my-list/add/", name="my_list_add")
    def my_list_add(self, request):
        return self.views.my_list_add(request, self)

    @path("my-list/remove/", name="my_list_remove")
    def my_list_remove(self, request):
        return self.views.my_list_remove(request, self)

    @path("my-list/email/", name="my_list_email")
    def my_list_email(self, request):
        return self.views.my_list_email(request, self)


class ServicePageForm(WagtailAdminPageForm):
    """Drafts may be incomplete; publishing needs everything a family must know (issue 3, item 2). Each rule's error
    sits where the officer fixes it, so its tab gets the error badge (issue 14, item 4)."""

    # No widget: the "how families get it" rule is about four tick boxes together; its error is shown above them by
    # a FieldErrorsPanel in the "How to get it" tab.
    access_routes = forms.CharField(required=False, widget=forms.HiddenInput, label="Ways to get this service")

    def clean(self):
        cleaned_data = super().clean()
        if getattr(self, "is_deferred_validation", False):
            return cleaned_data  # saving a draft
        if not cleaned_data.get("categories"):
            self.add_error("categories", "Choose at least one category before publishing.")
        routes = [name for name, _label in ACCESS_ROUTES if cleaned_data.get(name)]
        if not routes:
            self.add_error("access_routes", "Tick at least one way families can get this service before publishing.")
        contacts = self.formsets.get("contacts")
        if contacts is not None and contacts.is_valid() and not self.has_contact(contacts):
            # A formset-wide error, shown at the top of the Contacts panel in the Contact tab.
            contacts._non_form_errors.append(
                "Add at least one way to get in touch (a phone number, email address or website) before publishing."
            )
        return cleaned_data

    @staticmethod
    def has_contact(contacts) -> bool:
        return any(
            any(form.cleaned_data.get(name) for name in ("phone", "email", "website"))
            for form in contacts.forms
            if hasattr(form, "cleaned_data") and not form.cleaned_data.get("DELETE")
        )


def directory_path() -> str:
    """The path of the live directory page ("/services/" in the demo; a council may give it another slug), for links
    made outside a request (What's new, alert emails, the printed edition). Remembered under the content version."""
    page = remember("live-directory-page", lambda: DirectoryPage.objects.live().first())
    return page.url if page is not None and page.url else "/"


class ServicePage(RememberedPageMixin, ExplainedPageMixin, ReviewedPageMixin, Page):
    """One service, activity or provider in the directory, written for families."""

    # The service's id in the open data feed (Open Referral UK, directory/openreferral/): made once, never edited,
    # kept through every edit and re-import; a copy of the page gets a new one (exclude_fields_in_copy).
    uuid = models.UUIDField("Open Referral id", default=uuid4, unique=True, editable=False)
    summary = models.TextField(
        max_length=300,
        help_text="One or two plain-English sentences: what the service does and for whom. Shown in search results.",
    )
    description = RichTextField(
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text="What the service offers, in more detail. Short paragraphs and lists; explain any jargon.",
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="services",
        help_text="Who runs the service.",
    )
    categories = ParentalManyToManyField(
        ServiceCategory,
        blank=True,
        related_name="services",
        help_text="The kinds of service this is. Choose at least one; families browse by these.",
    )
    tier = models.CharField(
        max_length=20,
        choices=Tier.choices,
        help_text="Universal services are for everyone; targeted give extra short-term help; specialist are for "
        "children and young people with more complex needs.",
    )
    min_age = models.PositiveSmallIntegerField(
        "youngest age",
        null=True,
        validators=AGE_VALIDATORS,
        help_text=f"The youngest age the service is for, in years ({MIN_AGE} to {MAX_AGE}).",
    )
    max_age = models.PositiveSmallIntegerField(
        "oldest age",
        null=True,
        validators=AGE_VALIDATORS,
        help_text=f"The oldest age the service is for, in years ({MIN_AGE} to {MAX_AGE}).",
    )
    need_types = ParentalManyToManyField(
        NeedType,
        blank=True,
        related_name="services",
        help_text="The needs this service is for. Leave all unticked only if it is for any child or young person.",
    )
    who_for = models.TextField(
        "who it is for",
        blank=True,
        help_text="Who the service is for, in a sentence or two a parent would understand.",
    )
    eligibility = models.TextField(
        "eligibility criteria",
        help_text="Exactly what must be true before someone can use the service (the law requires this). "
        "For example: 'Children aged 5 to 11 with a diagnosis of autism who live in the borough.'",
    )
    self_referral = models.BooleanField("self-referral", default=False, help_text=ACCESS_ROUTES[0][1])
    professional_referral = models.BooleanField(default=False, help_text=ACCESS_ROUTES[1][1])
    ehc_plan_needed = models.BooleanField("EHC plan needed", default=False, help_text=ACCESS_ROUTES[2][1])
    other_route = models.BooleanField("other way", default=False, help_text=ACCESS_ROUTES[3][1])
    access_steps = models.TextField(
        "how to get it",
        help_text="The steps a family takes, in order: who to contact, what to say, what happens next.",
    )
    cost = models.CharField(max_length=20, choices=Cost.choices, default=Cost.FREE)
    cost_details = models.TextField(blank=True, help_text="What it costs and any help with costs.")
    delivery_in_person = models.BooleanField("in person", default=True)
    delivery_online = models.BooleanField("online", default=False)
    delivery_phone = models.BooleanField("by phone", default=False)
    delivery_home_visits = models.BooleanField("home visits", default=False)
    area = models.CharField(
        max_length=20,
        choices=Area.choices,
        default=Area.LOCAL,
        help_text="Where the service is. Services outside the area that local families use belong here too.",
    )
    languages = models.CharField(
        max_length=255,
        blank=True,
        help_text="Languages the service can be given in, such as 'English, Polish, British Sign Language'.",
    )
    accountable_team = models.CharField(
        max_length=255,
        blank=True,
        help_text="The team or person responsible for this service and this page.",
    )
    decisions = models.TextField(
        "how decisions are made",
        blank=True,
        help_text="Who decides whether someone gets the service, how, and how to ask for a decision to be looked "
        "at again or complain.",
    )
    # Read from the revision being published (directory/changes/record.py), then unticked again: every edit starts
    # unticked (with_content_json), so a minor edit never hides the next one.
    minor_edit = models.BooleanField(
        "this is a minor edit",
        default=False,
        help_text="Tick for a correction families need not hear about (a typo, a clearer sentence). A minor edit is "
        "left off What's new and out of email alerts, even if it touches eligibility, cost, how to get it, contacts "
        "or venues.",
    )

    # The keyword search's own index (PostgreSQL): title weighted A, summary B, everything else families search
    # (description, who it is for, eligibility, languages, organisation, need types, categories) C, with a GIN
    # index made by migration 0022. Computed by the database after every save (`save`, search_document.py), never
    # edited, and kept out of revisions (serialize=False): a page rebuilt from a revision carries no old copy of it.
    # Unused on SQLite, which searches through Wagtail's index.
    search_document = SearchVectorField(null=True, editable=False, serialize=False)

    objects = VisiblePageManager()

    parent_page_types = ["directory.DirectoryPage"]
    subpage_types = []
    base_form_class = ServicePageForm
    exclude_fields_in_copy = ["uuid", "search_document"]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("organisation"),
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tier", widget=forms.RadioSelect),
        plain_english_panel(),
        FieldPanel("minor_edit"),
    ]
    who_panels = [
        HelpPanel("Families filter by age and need: fill these in carefully."),
        FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")], heading="Ages"),
        FieldPanel("need_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("who_for"),
        FieldPanel("eligibility"),
    ]
    access_panels = [
        MultiFieldPanel(
            [FieldErrorsPanel("access_routes"), *[FieldPanel(name) for name, _label in ACCESS_ROUTES]],
            heading="Ways to get this service (tick every one that applies)",
        ),
        FieldPanel("access_steps"),
        FieldPanel("cost", widget=forms.RadioSelect),
        FieldPanel("cost_details"),
    ]
    where_panels = [
        MultiFieldPanel([FieldPanel(name) for name, _label in DELIVERY], heading="How it is delivered"),
        FieldPanel("area", widget=forms.RadioSelect),
        FieldPanel("languages"),
        InlinePanel("venues", label="Venue", heading="Venues, opening times and accessibility"),
    ]
    contact_panels = [
        HelpPanel("Give at least one way to get in touch. Use team addresses, not personal ones."),
        InlinePanel("contacts", label="Contact", heading="Contacts"),
    ]
    accountability_panels = [
        FieldPanel("accountable_team"),
        FieldPanel("decisions"),
        *ReviewedPageMixin.review_panels,
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="What it is"),
            ObjectList(who_panels, heading="Who it is for"),
            ObjectList(access_panels, heading="How to get it"),
            ObjectList(where_panels, heading="Where and when"),
            ObjectList(contact_panels, heading="Contact"),
            ObjectList(accountability_panels, heading="Responsibility and review"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("who_for"),
        index.SearchField("eligibility"),
        index.SearchField("languages"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("need_types", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("tier"),
        index.FilterField("min_age"),
        index.FilterField("max_age"),
    ]

    class Meta:
        verbose_name = "service"

    def save(self, *args, **kwargs):
        """Save, then write the search document from the rows just saved, in the same transaction: one more
        statement, and none when `update_fields` names nothing the document holds. It runs after the need types and
        categories are saved (modelcluster saves them in Page.save), and whatever document this instance held (none
        from a revision, an old one from an earlier read) is overwritten by the database's own."""
        update_fields = kwargs.get("update_fields")
        with transaction.atomic(savepoint=False):
            result = super().save(*args, **kwargs)
            if update_fields is None or SEARCHED_FIELDS.intersection(update_fields):
                self.search_document = write_search_document(self.pk)
        return result

    def clean(self):
        super().clean()
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": "The oldest age must be the same as or more than the youngest age."})

    # For templates and filters -------------------------------------------------------------------

    def body_text_html(self, context=None):
        """What the service page's template shows as running text, in its order (the glossary explains terms in
        it; the reading age measures it)."""
        return [
            ("description", expand_db_html(self.description)),
            ("who_for", linebreaks(self.who_for, autoescape=True)),
            ("eligibility", linebreaks(self.eligibility, autoescape=True)),
            ("access_steps", linebreaks(self.access_steps, autoescape=True)),
            ("decisions", linebreaks(self.decisions, autoescape=True)),
        ]

    @property
    def age_text(self):
        return age_range_text(self.min_age, self.max_age)

    @property
    def tier_name(self):
        return TIER_NAMES.get(self.tier, "")

    @property
    def access_routes(self):
        return [label for name, label in ACCESS_ROUTES if getattr(self, name)]

    @property
    def delivery_methods(self):
        return [label for name, label in DELIVERY if getattr(self, name)]

    @property
    def contact_routes(self):
        return [c for c in self.contacts.all() if c.phone or c.email or c.website]

    @property
    def venues_with_opening_times(self):
        """The venues that say when they are open: the key facts' "When" (else how it is delivered, or "Ask")."""
        return [venue for venue in self.venues.all() if venue.opening_times]

    def with_content_json(self, content):
        page = super().with_content_json(content)
        page.minor_edit = False  # a revision's "minor edit" tick applies to that revision only
        return page

    def is_expired(self, now=None):
        return self.expire_at is not None and self.expire_at <= (now or timezone.now())

    def copy_all_child_relations(self, target, exclude=None, commit=False, append=False):
        """Copying a page (Wagtail's copy action) copies its venues and contacts: each copy is a new object in the
        open data feed, so it gets a new id."""
        child_object_map = super().copy_all_child_relations(target, exclude=exclude, commit=commit, append=append)
        for copied in child_object_map.values():
            for child in copied if isinstance(copied, list) else [copied]:
                if isinstance(child, StableIdChild):
                    child.uuid = uuid4()
        return child_object_map

    views = None  # directory/services/views.py, attached in DirectoryConfig.ready()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        directory = self.get_parent().specific
        context["directory"] = directory
        context.update(self.views.my_list_context(directory, request))
        context["body"] = body = page_body.body(self, directory, request)  # kept per content version, not previews
        context["map"] = body.map  # for maps.allow_tiles
        return context

    def serve(self, request, *args, **kwargs):
        # A page past its expiry date stays live until the scheduled job runs; families must not see it.
        if self.is_expired() and not getattr(request, "is_preview", False):
            raise Http404
        return maps.allow_tiles(super().serve(request, *args, **kwargs))


class StableIdChild(Orderable):
    """A venue or contact of a service, with its own id in the open data feed (a location, a contact): made once and
    kept through every edit of the page. Should an id already belong to another page's object (a copied page's old
    revision published again), this object gets a new one rather than taking it."""

    uuid = models.UUIDField("Open Referral id", default=uuid4, unique=True, editable=False)

    class Meta(Orderable.Meta):
        abstract = True
        # Ties by id: rows made in bulk (imports, factories, old rows) share sort_order 0, and every list of them (the
        # page, the open data feed, the spreadsheet export) must come out the same way each time.
        ordering = ["sort_order", "pk"]

    def save(self, *args, **kwargs):
        if type(self).objects.filter(uuid=self.uuid).exclude(page_id=self.page_id).exists():
            self.uuid = uuid4()
        super().save(*args, **kwargs)


class ServiceVenue(StableIdChild):
    """Where a service happens, when, and how accessible the building is."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=200, help_text="For example: 'Riverside Children's Centre'.")
    address = models.TextField(blank=True, help_text="The street address, one line per row. No postcode.")
    postcode = models.CharField(max_length=10, blank=True)
    locality = models.ForeignKey(
        Locality,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="venues",
        verbose_name="town or area",
        help_text="The town or area families find this venue under in the directory's filters.",
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    located_from = models.CharField(
        "postcode the map position came from",
        max_length=8,
        blank=True,
        editable=False,
        help_text="Set when the map position was filled from the postcode's centre; empty if someone typed it.",
    )
    opening_times = models.TextField(
        blank=True, help_text="When the service runs here, such as 'Tuesdays, 10am to 12pm, term time only'."
    )
    step_free = models.BooleanField("step-free access", default=False)
    hearing_loop = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    changing_places = models.BooleanField(
        "Changing Places toilet", default=False, help_text="A larger toilet with a hoist and adult-sized bench."
    )
    parking = models.BooleanField(default=False, help_text="Parking on site, including accessible spaces.")
    accessibility_notes = models.TextField(blank=True, help_text="Anything else a visitor should know.")

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("locality"),
        FieldRowPanel(
            [FieldPanel("latitude"), FieldPanel("longitude")],
            heading="Map position (optional)",
            help_text="Leave empty to place the venue at the centre of its postcode. A position you type is kept.",
        ),
        FieldPanel("opening_times"),
        MultiFieldPanel(
            [
                FieldPanel("step_free"),
                FieldPanel("hearing_loop"),
                FieldPanel("accessible_toilet"),
                FieldPanel("changing_places"),
                FieldPanel("parking"),
                FieldPanel("accessibility_notes"),
            ],
            heading="Accessibility of the venue",
        ),
    ]

    ACCESSIBILITY = [
        ("step_free", "Step-free access"),
        ("hearing_loop", "Hearing loop"),
        ("accessible_toilet", "Accessible toilet"),
        ("changing_places", "Changing Places toilet"),
        ("parking", "Parking"),
    ]

    @property
    def accessibility_features(self):
        return [label for name, label in self.ACCESSIBILITY if getattr(self, name)]

    @property
    def missing_accessibility_features(self):
        return [label for name, label in self.ACCESSIBILITY if not getattr(self, name)]

    def save(self, *args, **kwargs):
        fill_position(self)
        super().save(*args, **kwargs)

    @classmethod
    def place_by_postcode(cls):
        """Give every venue with a postcode but no map position its postcode's centre (after postcodes are
        imported); returns how many were placed. Positions someone typed are never touched."""
        venues = list(cls.objects.filter(latitude__isnull=True).exclude(postcode="").only("pk", "postcode"))
        where = centroids([venue.postcode for venue in venues])
        placed = []
        for venue in venues:
            postcode = normalise_postcode(venue.postcode) or ""
            if postcode in where:
                venue.latitude = Decimal(f"{where[postcode].latitude:.6f}")
                venue.longitude = Decimal(f"{where[postcode].longitude:.6f}")
                venue.located_from = postcode
                placed.append(venue)
        cls.objects.bulk_update(placed, ["latitude", "longitude", "located_from"], batch_size=1000)
        return len(placed)

    def __str__(self):
        return self.name


class ServiceContact(StableIdChild):
    """A way to reach a service. Team contacts, published on the service page."""

    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField("name or role", max_length=200, help_text="For example: 'Duty worker' or 'Reception'.")
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True, help_text="Starting https://")

    panels = [FieldPanel("name"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")]

    def __str__(self):
        return self.name


class FacetIndexVersion(models.Model):
    """One row whose number changes whenever something the directory's filters, counts or sort read changes
    (facet_index.invalidate), so every process rebuilds its in-memory index on its next request."""

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "facet index version"
