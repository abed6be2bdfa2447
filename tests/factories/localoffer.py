"""Factories for the site shell (localoffer): the base for every page factory, the home page, information pages,
site settings, review teams, statutory topics, glossary terms and search synonyms; and users."""

from datetime import timedelta

import factory
import wagtail_factories
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.search import index

from localoffer.models import GlossaryTerm, HomePage, InformationPage, LocalOfferSettings, ReviewTeam, StatutoryTopic
from localoffer.synonyms.models import Synonym


def by_key(model, values, key="slug"):
    """Model instances from a list of instances and/or keys (tests name taxonomy terms by slug, topics by number).

    An unknown key is an error, not a silent omission."""
    values = list(values)
    keys = [value for value in values if not isinstance(value, model)]
    if not keys:
        return values
    found = {getattr(obj, key): obj for obj in model.objects.filter(**{f"{key}__in": keys})}
    missing = [k for k in keys if k not in found]
    if missing:
        raise ValueError(f"No {model._meta.verbose_name} with {key} {missing}")
    return [value if isinstance(value, model) else found[value] for value in values]


def stream(blocks):
    """StreamField raw data from (block type, value) pairs: body=stream([("text", "<p>Hello</p>")])."""
    return [{"type": kind, "value": value} for kind, value in blocks]


class PageFactory(wagtail_factories.PageFactory):
    """The base of our page factories. A page goes under its usual parent (the home page, the directory, the
    schools finder; each made when missing) unless `parent=` says otherwise.

    How it is published:
    - by default it is live at once, the quick way (no revision, no page_published signal), then indexed for
      search with its relations saved: what most tests need, and fast;
    - `draft=True`: not live, its content saved as a revision (an editor's "Save draft");
    - `publish_revision=True`: published through a revision, as the admin's Publish button does (page_published
      fires: its links are recorded and it is re-indexed)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(live=False, has_unpublished_changes=True)

    live = True
    first_published_at = factory.LazyAttribute(lambda page: timezone.now() if page.live else None)
    last_published_at = factory.SelfAttribute("first_published_at")

    @classmethod
    def _default_parent(cls):
        return get_home()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            kwargs["parent"] = cls._default_parent()
        return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def publish_revision(page, create, extracted, **kwargs):
        if not create:
            return
        if not page.live:
            page.save_revision()
        elif extracted:
            page.save_revision().publish()
            page.refresh_from_db()
        else:
            # The save indexed the page before its relations (needs, categories, contacts) were written.
            index.insert_or_update_object(page)


class HomePageFactory(PageFactory):
    """The home page, under the tree's root, made the default site's root (as the demo loader does)."""

    class Meta:
        model = HomePage

    title = "SEND Local Offer"
    slug = "home"
    intro = "<p>Find services, schools and support for children and young people aged 0 to 25 with SEND.</p>"

    @classmethod
    def _default_parent(cls):
        root = Page.get_first_root_node()
        if root is None:
            # A transactional test before this one on the same worker emptied every table, and with them what
            # Wagtail's migrations made: its default locale and root page. Made again as those migrations make them.
            Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
            root = Page.add_root(instance=Page(title="Root", slug="root"))
        return root

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent = kwargs.get("parent") or cls._default_parent()
        if parent.is_root():
            # Wagtail's migrations leave a placeholder "Welcome" page at the root, with the slug "home".
            for placeholder in parent.get_children().exact_type(Page):
                placeholder.delete()
        home = super()._create(model_class, *args, **{**kwargs, "parent": parent})
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        return home


def get_home():
    """The site's home page, made with HomePageFactory the first time."""
    return HomePage.objects.first() or HomePageFactory()


def default_site():
    get_home()
    return Site.objects.get(is_default_site=True)


class StatutoryTopicFactory(DjangoModelFactory):
    """The sixteen statutory topics are seeded by a migration: StatutoryTopicFactory(number=5) finds topic 5."""

    class Meta:
        model = StatutoryTopic
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.LazyAttribute(lambda topic: f"Statutory topic {topic.number}")
    description = "What the law asks the Local Offer to say about this."


class ReviewTeamFactory(DjangoModelFactory):
    class Meta:
        model = ReviewTeam
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Review team {n}")
    email = factory.LazyAttribute(lambda team: f"{slugify(team.name)}@council.example")


class InformationPageFactory(PageFactory):
    """An information page under the home page. `statutory_topics` takes topics or their numbers."""

    class Meta:
        model = InformationPage

    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = "What families need to know, in plain English."
    body = factory.LazyFunction(lambda: stream([("text", "<p>What happens, who to ask and how long it takes.</p>")]))
    statutory_topics = ()

    class Params:
        overdue = factory.Trait(last_reviewed=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=800)))

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        kwargs["statutory_topics"] = by_key(StatutoryTopic, kwargs["statutory_topics"], key="number")
        return kwargs


class GlossaryTermFactory(DjangoModelFactory):
    """A glossary term. About a hundred are seeded by migration: GlossaryTermFactory(term="EHC plan") finds the
    seeded one as it is. `other_names` takes a list."""

    class Meta:
        model = GlossaryTerm
        django_get_or_create = ("term",)

    term = factory.Sequence(lambda n: f"Glossary term {n}")
    explanation = factory.LazyAttribute(lambda term: f"What {term.term} means, in plain English.")
    other_names = ()

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        names = kwargs["other_names"]
        kwargs["other_names"] = names if isinstance(names, str) else "\n".join(names)
        return kwargs


class SynonymFactory(DjangoModelFactory):
    """Families' words for what our pages call something else. Some twenty are seeded by migration:
    SynonymFactory(means="short breaks") finds the seeded one. `family_words` takes a list."""

    class Meta:
        model = Synonym
        django_get_or_create = ("means",)

    means = factory.Sequence(lambda n: f"our words {n}")
    family_words = factory.Sequence(lambda n: [f"families' words {n}"])  # the field may not be blank

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        words = kwargs["family_words"]
        kwargs["family_words"] = words if isinstance(words, str) else "\n".join(words)
        return kwargs


class SiteSettingsFactory(DjangoModelFactory):
    """Base for site settings: updates the default site's settings row (there is one per site) with the values
    given, creating it if needed."""

    class Meta:
        abstract = True

    site = factory.LazyFunction(default_site)

    @classmethod
    def _create(cls, model_class, *args, site=None, **kwargs):
        settings = model_class.for_site(site)
        for name, value in kwargs.items():
            setattr(settings, name, value)
        settings.save()
        return settings


class LocalOfferSettingsFactory(SiteSettingsFactory):
    class Meta:
        model = LocalOfferSettings


class UserFactory(DjangoModelFactory):
    """A user with a known password. `groups` takes groups or their names; `superuser=True` for an admin."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@council.example")
    password = factory.django.Password("correct horse battery")

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create and extracted:
            user.groups.add(*by_key(Group, extracted, key="name"))
