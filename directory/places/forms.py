"""The "Postcode" and "Distance" fields of the directory's and the schools finder's filter forms.

A postcode that cannot be used (badly formed, unknown, no longer used) is a form error with a message saying why,
shown beside the field; the results are then not filtered by distance. A distance that is not one of the choices
(a hand-edited address) falls back to the default, with a note, as unknown filter options do."""

from typing import Any

import django_filters
from django import forms
from django.conf import settings

from .postcodes import Place, PostcodeError, lookup, outward_code

DISTANCES = [1, 3, 5, 10, 25]
DEFAULT_DISTANCE = 5
DISTANCE_CHOICES = [(miles, f"{miles} mile{'s' if miles != 1 else ''}") for miles in DISTANCES]


class PostcodeField(forms.CharField):
    """Cleans to the Place a postcode or district names (one query), or None when left empty."""

    def to_python(self, value: Any) -> Place | None:  # type: ignore[override]
        text = super().to_python(value) or ""
        if not text.strip():
            return None
        try:
            return lookup(text)
        except PostcodeError as error:
            raise forms.ValidationError(error.message, code=error.code) from None


class DistanceField(forms.Field):
    """Cleans to a whole number of miles from DISTANCES; anything else gives DEFAULT_DISTANCE and is remembered
    in `ignored` so the page can say so."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["required"] = False
        super().__init__(**kwargs)
        self.ignored: str = ""

    def to_python(self, value: Any) -> int:
        text = str(value or "").strip()
        if not text:
            return DEFAULT_DISTANCE
        if text.isascii() and text.isdigit() and int(text) in DISTANCES:
            return int(text)
        self.ignored = text[:20]
        return DEFAULT_DISTANCE


class PostcodeFilter(django_filters.Filter):
    field_class = PostcodeField


class DistanceFilter(django_filters.Filter):
    field_class = DistanceField


def distance_text(miles: float) -> str:
    """How far, as a result shows it: "2.3 miles", "1 mile", "less than 0.1 miles"."""
    if miles < 0.05:
        return "less than 0.1 miles"
    rounded = f"{miles:.1f}".removesuffix(".0")
    return f"{rounded} mile{'' if rounded == '1' else 's'}"


def postcode_example() -> tuple[str, str]:
    """(a full postcode, its district) for hints and messages: POSTCODE_EXAMPLE, from the council's own area."""
    example: str = settings.POSTCODE_EXAMPLE
    return example, outward_code(example)


def postcode_context(near: tuple[Place, int] | None, distance: int | None) -> dict[str, Any]:
    """What templates/directory/includes/postcode_fields.html needs besides the form."""
    return {
        "near": near,
        "distance_choices": DISTANCE_CHOICES,
        "distance": near[1] if near else (distance or DEFAULT_DISTANCE),
        "postcode_example": postcode_example(),
    }
