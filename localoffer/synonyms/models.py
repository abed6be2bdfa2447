"""Families' own words for what our pages call something else ("anxiety" for social, emotional and mental health,
"respite" for short breaks). Officers keep them as snippets (Snippets > Search synonyms); a data migration seeds them
from data.py. expand.py turns what someone typed into the searches to run."""

from django.db import models
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel, HelpPanel


class Synonym(models.Model):
    means = models.CharField(
        "words our pages use",
        max_length=100,
        unique=True,
        help_text="The words our pages, need types and services use, such as 'short breaks' or 'social emotional "
        "and mental health'. A search for any of the families' words below also finds pages with these words.",
    )
    family_words = models.TextField(
        "families' words",
        help_text="Words or phrases families type for the same thing, one a line, such as 'respite'. Matched as "
        "whole words, in any case.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        HelpPanel("Used by the site search and the service directory's search. Changes apply at once."),
        FieldPanel("means"),
        FieldPanel("family_words"),
    ]

    class Meta:
        ordering = [Lower("means")]
        verbose_name = "search synonym"

    def __str__(self):
        return self.means

    @property
    def phrasings(self) -> list[str]:
        return [" ".join(line.split()) for line in self.family_words.splitlines() if line.strip()]
