"""One row per postcode: its centroid (WGS84 latitude and longitude) and whether it is still in use."""

from django.db import models


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
