"""The glossary: words families meet on our pages (EHC plan, SENCO, tribunal...), each explained in plain English.

Officers keep the terms as snippets (Snippets > Glossary); a data migration seeds them from data.py. Page types whose
body text should explain the terms where they first appear inherit ExplainedPageMixin (information, service and
school pages); localoffer/glossary/explain.py does the explaining."""

import re
import uuid

from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel

VERSION_CACHE_KEY = "localoffer:glossary:version"
MAX_SENTENCES = 3
SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


class GlossaryTerm(models.Model):
    term = models.CharField(
        max_length=100,
        unique=True,
        help_text="The word or phrase as families meet it, such as 'EHC plan' or 'SENCO'. Use a capital letter only "
        "where the word always has one.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="The end of the term's address in the glossary (/glossary/#ehc-plan). Made from the term if left "
        "blank. Changing it breaks links people have saved.",
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other ways the same thing is written, one a line: abbreviations (EHCP), the full name (education, "
        "health and care plan). Each one is explained too. Words in capitals (EHCP) match only in capitals.",
    )
    explanation = models.TextField(
        max_length=600,
        help_text="One to three short sentences a parent would understand without any other help. Do not use other "
        "jargon to explain it.",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="page that says more",
        help_text="Optional: the page on this site that explains it in full.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("other_names"),
        FieldPanel("explanation"),
        FieldPanel("page"),
        FieldPanel("slug"),
    ]

    class Meta:
        ordering = [Lower("term")]
        verbose_name = "glossary term"

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.term)
        super().save(*args, **kwargs)

    @property
    def names(self):
        """The term and its other names, each once, in the order written. ("SENCo" and "SENCO" are two names: one
        in capitals matches only in capitals.)"""
        found = []
        for name in [self.term, *self.other_names.splitlines()]:
            name = " ".join(name.split())
            if name and name not in found:
                found.append(name)
        return found

    @property
    def other_names_list(self):
        return self.names[1:]

    def clean(self):
        super().clean()
        self.slug = self.slug or slugify(self.term)
        sentences = len(SENTENCE_END.findall(self.explanation.strip() + " "))
        if sentences > MAX_SENTENCES:
            raise ValidationError(
                {"explanation": f"Keep it to {MAX_SENTENCES} sentences or fewer (this has {sentences})."}
            )
        others = GlossaryTerm.objects.exclude(pk=self.pk)
        if self.slug and others.filter(slug=self.slug).exists():
            raise ValidationError({"slug": "Another term already has this address. Choose a different one."})
        mine = {name.casefold(): name for name in self.names}
        for other in others.only("term", "other_names"):
            shared = [mine[name.casefold()] for name in other.names if name.casefold() in mine]
            if shared:
                field = "term" if shared[0] == self.term else "other_names"
                message = f"'{shared[0]}' is already a name of '{other.term}'. Each name can explain only one term."
                raise ValidationError({field: message})


def glossary_version():
    """A token that changes whenever any term does, so explanations cached with it are never out of date.

    Kept in the cache every worker shares; if it is lost, a new token simply starts a new generation."""
    version = cache.get(VERSION_CACHE_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_CACHE_KEY, version, timeout=None):
            version = cache.get(VERSION_CACHE_KEY) or version
    return version


def glossary_changed(**kwargs):
    """Signal receiver (connected in LocalOfferConfig.ready): a term was saved or deleted."""
    cache.set(VERSION_CACHE_KEY, uuid.uuid4().hex, timeout=None)


def linked_page_changed(sender, instance, **kwargs):
    """Signal receiver: a page was published, unpublished or moved; if a term links to it, its link may change."""
    if GlossaryTerm.objects.filter(page_id=instance.pk).exists():
        glossary_changed()


class ExplainedPageMixin(models.Model):
    """A page type whose body text explains glossary terms where it first uses them, and whose reading age editors
    see. Each type says what its body text is by overriding body_text_html()."""

    explain_terms = models.BooleanField(
        "explain glossary words",
        default=True,
        help_text="Explains each word from the glossary, such as 'EHC plan', where this page first uses it. Untick "
        "only if the page already explains every word itself.",
    )

    class Meta:
        abstract = True

    def body_text_html(self, context=None):
        """The page's body text as HTML, in reading order: a list of (name, HTML) pairs the template shows by name.
        Not the title, summary or headings the template adds: the words an editor wrote for the page's body."""
        raise NotImplementedError


def explained_page_models():
    """The page types that explain glossary terms and have a reading age."""
    return [model for model in apps.get_models() if issubclass(model, ExplainedPageMixin) and not model._meta.abstract]
