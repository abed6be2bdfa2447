"""The age bands families browse by (GUIDE.md section 2), defined once for filters, browse links and demo data.

A service carries its own minimum and maximum age; a band matches every service whose range overlaps it."""

from dataclasses import dataclass

from django.db.models import Q

MIN_AGE = 0
MAX_AGE = 25


@dataclass(frozen=True)
class AgeBand:
    slug: str
    label: str
    min_age: int
    max_age: int

    @property
    def title(self):
        return f"{self.label} ({self.min_age} to {self.max_age})"

    def overlaps(self, min_age, max_age):
        """True if a service for ages min_age..max_age (inclusive) serves anyone in this band."""
        return min_age <= self.max_age and max_age >= self.min_age

    def q(self, prefix=""):
        """The same test as a database filter on a model with min_age and max_age fields."""
        return Q(**{f"{prefix}min_age__lte": self.max_age, f"{prefix}max_age__gte": self.min_age})


AGE_BANDS = (
    AgeBand("0-4", "Early years", 0, 4),
    AgeBand("5-11", "Primary school age", 5, 11),
    AgeBand("11-16", "Secondary school age", 11, 16),
    AgeBand("16-19", "Post-16", 16, 19),
    AgeBand("19-25", "Adulthood", 19, 25),
)
AGE_BANDS_BY_SLUG = {band.slug: band for band in AGE_BANDS}
AGE_BAND_CHOICES = [(band.slug, band.title) for band in AGE_BANDS]


def age_range_text(min_age, max_age):
    """Ages as families read them: 'Ages 5 to 11', 'Age 7', 'All ages (0 to 25)'."""
    if min_age is None or max_age is None:
        return ""
    if min_age == max_age:
        return f"Age {min_age}"
    if min_age == MIN_AGE and max_age == MAX_AGE:
        return f"All ages ({MIN_AGE} to {MAX_AGE})"
    return f"Ages {min_age} to {max_age}"


def age_text(years: int) -> str:
    """One child's age as a parent says it: 'Under 1 year old', '1 year old', '7 years old'."""
    if years < 1:
        return "Under 1 year old"
    return f"{years} year{'' if years == 1 else 's'} old"
