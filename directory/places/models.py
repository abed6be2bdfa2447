"""Places: one row per postcode (its centroid, WGS84 latitude and longitude, and whether it is still in use), and
the council's own towns and areas (localities) that venues belong to and families filter by."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class Postcode(models.Model):
    """A postcode's centroid, from `manage.py import_postcodes` (public open data, nothing personal)."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Normalised: capitals, one space (NB4 2EF)")
    outward = models.CharField("district", max_length=4, db_index=True, help_text="The first half (NB4)")
    latitude = models.FloatField()
    longitude = models.FloatField()
    terminated = models.BooleanField(default=False, help_text="No longer in use (ONSPD's doterm is set)")

    class Meta:
        verbose_name = "postcode"
        ordering = ["postcode"]

    def __str__(self) -> str:
        return self.postcode


class Locality(models.Model):  # type: ignore[django-manager-missing]  # venues: in services, above places
    """A town or area of the council's patch as families know it ("Eastfield"): each venue may name one, and the
    directory offers a "Town or area" filter with every locality that has a service. Officers keep the list
    (Snippets, under Directory)."""

    name = models.CharField(max_length=100, unique=True, help_text="As families know it, such as 'Eastfield'.")
    slug = models.SlugField(
        max_length=100, unique=True, help_text="Used in web addresses of filtered lists. Lower case, no spaces."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "town or area"
        verbose_name_plural = "towns and areas"

    def __str__(self) -> str:
        return self.name
