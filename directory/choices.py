"""The directory's fixed choices (tiers, cost, area, ways of delivery and of access), in one small module that
models, filters, reports, importers and templates may all import."""

from django.db import models


class Tier(models.TextChoices):
    UNIVERSAL = "universal", "Universal: open to everyone"
    TARGETED = "targeted", "Targeted: extra, short-term support"
    SPECIALIST = "specialist", "Specialist: specialised, longer-term support"


TIER_NAMES: dict[str, str] = {Tier.UNIVERSAL: "Universal", Tier.TARGETED: "Targeted", Tier.SPECIALIST: "Specialist"}
# What each tier means to a family, beside its name in the filters.
TIER_HINTS: dict[str, str] = {
    Tier.UNIVERSAL: "Open to everyone",
    Tier.TARGETED: "Extra help for a while",
    Tier.SPECIALIST: "For more complex needs",
}


class Cost(models.TextChoices):
    FREE = "free", "Free"
    SOME = "some", "Some costs"
    CHARGED = "charged", "Charged"


class Area(models.TextChoices):
    LOCAL = "local", "In our area"
    OUTSIDE = "outside", "Outside our area"
    NATIONAL = "national", "National"


# Boolean fields of a service: (field name, what it means to a family).
ACCESS_ROUTES = [
    ("self_referral", "You can contact them yourself (self-referral)"),
    ("professional_referral", "A professional refers you (for example a GP, health visitor or SENCO)"),
    ("ehc_plan_needed", "You need an EHC plan"),
    ("other_route", "Another way (explained in the steps)"),
]
DELIVERY = [
    ("delivery_in_person", "In person"),
    ("delivery_online", "Online"),
    ("delivery_phone", "By phone"),
    ("delivery_home_visits", "Home visits"),
]
