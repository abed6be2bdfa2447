from django import forms
from django.conf import settings as django_settings
from django.core.validators import RegexValidator
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .background.models import WorkerHeartbeat  # noqa: F401 (Django finds an app's models here)
from .blocks import BrowseSectionBlock, InformationStreamBlock, KeyLinkBlock
from .caching.pages import RememberedPageMixin
from .caching.version import remember
from .colour import HEX_COLOUR, text_colour_for
from .dates import add_months
from .glossary.models import ExplainedPageMixin, GlossaryTerm  # noqa: F401 (GlossaryTerm: found here by Django)
from .panels import ReviewStatusPanel
from .readability.models import PageReadingAge  # noqa: F401 (Django finds an app's models here)
from .readability.panels import plain_english_panel
from .synonyms.models import Synonym  # noqa: F401 (Django finds an app's models here)


class StatutoryTopic(models.Model):
    """One topic the SEND Regulations 2014 Schedule 2 and Code of Practice chapter 4 require (GUIDE.md section 3).

    Seeded by a data migration; pages record which topics they cover so the coverage report can find gaps."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ReviewTeamQuerySet(models.QuerySet):
    def with_member(self, user):
        """The teams `user` belongs to: "My team's reviews" in the services listing and the Due for review report."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(members=user)


class ReviewTeam(models.Model):
    """The team that owns a page's accuracy: it is reminded when the page is due for review."""

    name = models.CharField(max_length=120, unique=True)
    email = models.EmailField(
        help_text="Where review reminders and broken-link digests go. A team inbox, not a person."
    )
    members = models.ManyToManyField(
        django_settings.AUTH_USER_MODEL,
        blank=True,
        related_name="review_teams",
        help_text='The officers in this team: "My team\'s reviews" shows them the pages the team owns.',
    )

    objects = ReviewTeamQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "review team"

    def __str__(self):
        return self.name


class ReviewedPageMixin(models.Model):
    """Every public page says when it was last reviewed (GUIDE.md: 'up to date') and who keeps it right.

    Page types that use it add `review_panels` to their admin panels."""

    last_reviewed = models.DateField(
        null=True,
        blank=True,
        help_text="The date someone last checked that everything on this page is still right.",
    )
    review_owner = models.ForeignKey(
        ReviewTeam,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The team that checks this page and is reminded when it is due for review.",
    )

    # Page types put `review_status_panel` first in content_panels and `*review_panels` where the review fields go.
    review_status_panel = ReviewStatusPanel()
    review_panels = [
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("review_owner")], "Review"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def review_interval_months(cls):
        intervals = django_settings.REVIEW_INTERVAL_MONTHS
        return intervals.get(cls._meta.label_lower, intervals["default"])

    @property
    def review_due(self):
        """The date this page should next be reviewed: its interval after the last review (or first publication)."""
        start = self.last_reviewed or (self.first_published_at.date() if self.first_published_at else None)
        return add_months(start, self.review_interval_months()) if start else None


class HomePage(RememberedPageMixin, Page):
    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="One or two short sentences that say what this site is for.",
    )
    search_label = models.CharField(
        max_length=120,
        default="Search for services and support",
        help_text="The label above the big search box.",
    )
    browse_sections = StreamField(
        [("section", BrowseSectionBlock())],
        blank=True,
        use_json_field=True,
        help_text="Groups of links that let families browse without searching, such as 'By age' or 'By need'.",
    )
    key_information = StreamField(
        [("link", KeyLinkBlock())],
        blank=True,
        use_json_field=True,
        help_text="The most important information pages, such as how to ask for an EHC needs assessment.",
    )
    have_your_say_heading = models.CharField(max_length=120, default="Have your say")
    have_your_say_text = models.TextField(
        blank=True,
        default="Tell us what is missing, what is wrong or what could be better. We read every comment and "
        "publish what we did about them each year.",
    )

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("search_label"),
        FieldPanel("browse_sections"),
        FieldPanel("key_information"),
        MultiFieldPanel([FieldPanel("have_your_say_heading"), FieldPanel("have_your_say_text")], "Have your say"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "home page"


class InformationPage(RememberedPageMixin, ExplainedPageMixin, ReviewedPageMixin, Page):
    summary = models.TextField(
        max_length=300,
        help_text="One or two plain-English sentences shown in search results and lists. No jargon.",
    )
    body = StreamField(InformationStreamBlock(), use_json_field=True)
    statutory_topics = ParentalManyToManyField(
        StatutoryTopic,
        blank=True,
        related_name="information_pages",
        help_text="Which of the topics the law requires a Local Offer to cover this page covers.",
    )

    parent_page_types = ["localoffer.HomePage", "localoffer.InformationPage"]
    subpage_types = ["localoffer.InformationPage"]

    content_panels = [
        ReviewedPageMixin.review_status_panel,
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        plain_english_panel(),
    ]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel(
            [
                HelpPanel("Tick every statutory topic this page covers. The coverage report uses this."),
                FieldPanel("statutory_topics", widget=forms.CheckboxSelectMultiple),
            ],
            "Statutory coverage",
        ),
        *ReviewedPageMixin.review_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "information page"

    def body_text_html(self, context=None):
        return [("body", "".join(block.render_as_block(context) for block in self.body))]


validate_hex_colour = RegexValidator(HEX_COLOUR, "Enter a colour as # followed by six hex digits, like #1d70b8.")


@register_setting(icon="site")
class LocalOfferSettings(BaseSiteSetting):
    la_name = models.CharField("local authority name", max_length=120, default="Our Council")
    local_offer_name = models.CharField(max_length=120, default="SEND Local Offer")
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    brand_colour = models.CharField(
        max_length=7,
        default="#1d70b8",
        validators=[validate_hex_colour],
        help_text="Used for the header and buttons. Text on it is chosen automatically so it stays readable.",
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    opening_hours = models.CharField(max_length=200, blank=True, help_text="For example: Monday to Friday, 9am to 5pm")

    sendiass_name = models.CharField("SENDIASS name", max_length=120, blank=True)
    sendiass_phone = models.CharField("SENDIASS phone", max_length=40, blank=True)
    sendiass_email = models.EmailField("SENDIASS email", blank=True)
    sendiass_website = models.URLField("SENDIASS website", blank=True)

    parent_carer_forum_name = models.CharField(max_length=120, blank=True)
    parent_carer_forum_email = models.EmailField(blank=True)
    parent_carer_forum_website = models.URLField(blank=True)

    cant_get_online = RichTextField(
        "can't get online?",
        features=["bold", "link"],
        blank=True,
        help_text="How people without internet access can get this information (shown in the footer).",
    )

    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    languages_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="other languages page",
        help_text="'Read this website in another language': help with the translation built into phones and "
        "browsers, and how to ask for an interpreter (linked from the footer).",
    )

    @classmethod
    def for_site(cls, site):
        """The site's settings, with the footer's pages and the logo, from the shared cache under the content version
        (every page's shell reads them; a save of the settings or any page starts a new version)."""
        if site is None:
            raise cls.DoesNotExist(f"{cls} does not exist for site None.")

        def load():
            # Every page or image the settings point to (footer links, the logo): the shell reads them on every page.
            related = [field.name for field in cls._meta.concrete_fields if field.many_to_one and field.name != "site"]
            queryset = cls.base_queryset().select_related(*related)
            instance = queryset.filter(site=site).first()
            if instance is None:
                # Made on first read with its defaults, as Wagtail does; no page changes, so no new content version
                # (bulk_create sends no signal).
                cls.objects.bulk_create([cls(site=site)], ignore_conflicts=True)
                instance = queryset.get(site=site)
            return instance

        return remember(f"site-settings:{site.pk}", load)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("la_name"),
                FieldPanel("local_offer_name"),
                FieldPanel("logo"),
                FieldPanel("brand_colour"),
            ],
            "Identity",
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address"), FieldPanel("opening_hours")],
            "Local Offer team contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("sendiass_name"),
                FieldPanel("sendiass_phone"),
                FieldPanel("sendiass_email"),
                FieldPanel("sendiass_website"),
            ],
            "SENDIASS (information, advice and support)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("parent_carer_forum_name"),
                FieldPanel("parent_carer_forum_email"),
                FieldPanel("parent_carer_forum_website"),
            ],
            "Parent carer forum",
        ),
        FieldPanel("cant_get_online"),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_statement"),
                FieldPanel("privacy_notice"),
                FieldPanel("cookies_page"),
                FieldPanel("languages_page"),
            ],
            "Footer pages",
        ),
    ]

    class Meta:
        verbose_name = "Local Offer settings"

    @property
    def brand_text_colour(self):
        return text_colour_for(self.brand_colour)
