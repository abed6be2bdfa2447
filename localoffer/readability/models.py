"""Each published page's reading age, measured when it is published, for the officers' report and the owners' digest
(directory/upkeep/readability.py). A measurement belongs to the revision it measured: a page published since is
measured again."""

from django.db import models


class PageReadingAge(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="reading_age_measurement"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reading_age = models.FloatField(
        null=True, blank=True, help_text="Empty when the page has too few words to measure."
    )
    words = models.PositiveIntegerField(default=0)
    longest_sentence_words = models.PositiveIntegerField(default=0)
    measured_at = models.DateTimeField(auto_now=True)

    # A measurement is not content: Wagtail's reference index ("used by") need not track it, nor queue work for it.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "page reading age"

    def __str__(self):
        return f"{self.page_id}: {self.reading_age}"
