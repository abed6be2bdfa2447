"""A service's family-facing content as plain data, and what differs between two versions of it.

`snapshot(page)` is every field families see (the venues and contacts included) as JSON-friendly values; the update
form is filled from it and gives one back, a proposed change stores the provider's one and the one they started
from, and the officers' review compares them with the page's latest revision field by field. `apply` writes chosen
fields of a snapshot onto a page object (then saved as a new revision by the caller)."""

from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, strip_tags
from wagtail.models import Revision

from ..choices import ACCESS_ROUTES, DELIVERY, Area, Cost, Tier
from ..services.models import ServiceContact, ServicePage, ServiceVenue
from ..taxonomy.models import NeedType, Organisation, ServiceCategory

Snapshot = dict[str, Any]

TEXT_FIELDS = ["title", "summary", "who_for", "eligibility", "access_steps", "cost_details", "languages", "decisions"]
VENUE_FIELDS = [
    "name",
    "address",
    "postcode",
    "opening_times",
    "step_free",
    "hearing_loop",
    "accessible_toilet",
    "changing_places",
    "parking",
    "accessibility_notes",
]
VENUE_FLAGS = {"step_free", "hearing_loop", "accessible_toilet", "changing_places", "parking"}
CONTACT_FIELDS = ["name", "phone", "email", "website"]

# Every key of a snapshot, in the order the form and the review show them, with the label families and officers read.
LABELS: dict[str, str] = {
    "title": "Name of the service",
    "summary": "Summary",
    "description": "Description",
    "organisation": "Organisation",
    "categories": "Categories",
    "tier": "Level of support (tier)",
    "min_age": "Youngest age",
    "max_age": "Oldest age",
    "need_types": "Needs",
    "who_for": "Who it is for",
    "eligibility": "Eligibility criteria",
    "access_routes": "Ways to get this service",
    "access_steps": "How to get it",
    "cost": "Cost",
    "cost_details": "Cost details",
    "delivery": "How it is delivered",
    "area": "Area",
    "languages": "Languages",
    "decisions": "How decisions are made",
    "venues": "Venues, opening times and accessibility",
    "contacts": "Contacts",
}
KEYS = list(LABELS)


def plain_text(html: str) -> str:
    """Rich text as paragraphs of plain text, one blank line between them (what the update form shows)."""
    text = (html or "").replace("</p>", "\n\n").replace("<br>", "\n").replace("<br/>", "\n").replace("</li>", "\n")
    text = text.replace("</h2>", "\n\n").replace("</h3>", "\n\n").replace("</ul>", "\n\n").replace("</ol>", "\n\n")
    lines = [line.strip() for line in strip_tags(text).replace("&amp;", "&").splitlines()]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def rich_text(text: str) -> str:
    """Plain paragraphs back into the rich text the page holds (escaped: nothing a provider types is markup)."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs)


def snapshot(page: ServicePage) -> Snapshot:
    data: Snapshot = {name: getattr(page, name) or "" for name in TEXT_FIELDS}
    data.update(
        description=plain_text(page.description),
        organisation=page.organisation_id,
        categories=sorted(c.pk for c in page.categories.all()),
        tier=page.tier,
        min_age=page.min_age,
        max_age=page.max_age,
        need_types=sorted(n.pk for n in page.need_types.all()),
        access_routes=[name for name, _label in ACCESS_ROUTES if getattr(page, name)],
        cost=page.cost,
        delivery=[name for name, _label in DELIVERY if getattr(page, name)],
        area=page.area,
        venues=[
            {
                "uuid": str(v.uuid),
                **{f: getattr(v, f) if f in VENUE_FLAGS else getattr(v, f) or "" for f in VENUE_FIELDS},
            }
            for v in page.venues.all()
        ],
        contacts=[
            {"uuid": str(c.uuid), **{f: getattr(c, f) or "" for f in CONTACT_FIELDS}} for c in page.contacts.all()
        ],
    )
    return data


def revision_snapshot(revision: Revision | None) -> Snapshot | None:
    if revision is None:
        return None
    page = revision.as_object()
    return snapshot(page) if isinstance(page, ServicePage) else None


def latest(page: ServicePage) -> tuple[ServicePage, Revision | None]:
    """The page as its latest revision has it (a draft if there is one) and that revision."""
    revision = page.latest_revision
    return (revision.as_object() if revision else page), revision


def _comparable(key: str, value: Any) -> Any:
    if key in ("venues", "contacts"):
        return [{k: v for k, v in item.items() if k != "uuid"} for item in value or []]
    if key in ("categories", "need_types", "access_routes", "delivery"):
        return sorted(value or [])
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return value


def same(key: str, a: Any, b: Any) -> bool:
    return bool(_comparable(key, a) == _comparable(key, b))


def changed_keys(base: Snapshot, proposed: Snapshot) -> list[str]:
    return [key for key in KEYS if key in proposed and not same(key, base.get(key), proposed.get(key))]


# Showing values ----------------------------------------------------------------------------------------------

_CHOICES = {"tier": dict(Tier.choices), "cost": dict(Cost.choices), "area": dict(Area.choices)}
_FLAG_LABELS = {"access_routes": dict(ACCESS_ROUTES), "delivery": dict(DELIVERY)}
_VENUE_FLAG_LABELS = dict(ServiceVenue.ACCESSIBILITY)


def _names(model: type, ids: list[int], cache: dict[tuple[str, int], str]) -> list[str]:
    missing = [pk for pk in ids if (model.__name__, pk) not in cache]
    if missing:
        for obj in model.objects.filter(pk__in=missing):  # type: ignore[attr-defined]
            cache[(model.__name__, obj.pk)] = getattr(obj, "name", str(obj))
    return [cache.get((model.__name__, pk), "(removed)") for pk in ids]


def display(key: str, value: Any, cache: dict[tuple[str, int], str] | None = None) -> str:
    """A value as a reader sees it: names not ids, labels not codes, venues and contacts line by line."""
    cache = {} if cache is None else cache
    if value in (None, "", []):
        return "(none)"
    if key in _CHOICES:
        return str(_CHOICES[key].get(value, value))
    if key in _FLAG_LABELS:
        return "; ".join(_FLAG_LABELS[key].get(name, name) for name in value)
    if key == "organisation":
        return _names(Organisation, [value], cache)[0]
    if key == "categories":
        return "; ".join(_names(ServiceCategory, value, cache))
    if key == "need_types":
        return "; ".join(_names(NeedType, value, cache))
    if key == "venues":
        blocks = []
        for venue in value:
            lines = [venue.get("name", "")]
            lines += [venue.get(f) for f in ("address", "postcode", "opening_times") if venue.get(f)]
            flags = [label for name, label in _VENUE_FLAG_LABELS.items() if venue.get(name)]
            if flags:
                lines.append("Accessibility: " + ", ".join(flags))
            if venue.get("accessibility_notes"):
                lines.append(venue["accessibility_notes"])
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)
    if key == "contacts":
        return "\n\n".join("\n".join(str(c.get(f)) for f in CONTACT_FIELDS if c.get(f)) for c in value)
    return str(value)


@dataclass
class FieldDiff:
    key: str
    label: str
    base: str  # as the provider saw it
    current: str  # as the page's latest revision has it now
    proposed: str
    edited_since: bool  # an officer changed this field since the provider started
    already: bool  # the page already says what the provider proposes

    @property
    def conflict(self) -> bool:
        return self.edited_since and not self.already


def diff(base: Snapshot, proposed: Snapshot, current: Snapshot) -> list[FieldDiff]:
    """Every field the provider changed, with its value then, now and proposed."""
    cache: dict[tuple[str, int], str] = {}
    return [
        FieldDiff(
            key=key,
            label=LABELS[key],
            base=display(key, base.get(key), cache),
            current=display(key, current.get(key), cache),
            proposed=display(key, proposed.get(key), cache),
            edited_since=not same(key, base.get(key), current.get(key)),
            already=same(key, current.get(key), proposed.get(key)),
        )
        for key in changed_keys(base, proposed)
    ]


# Writing values ----------------------------------------------------------------------------------------------


def apply(page: ServicePage, proposed: Snapshot, keys: list[str]) -> ServicePage:
    """Write the chosen keys of a snapshot onto a page object (not saved). Venues and contacts keep their ids (and
    so their Open Referral ids) where the provider kept them."""
    for key in keys:
        value = proposed.get(key)
        if key in TEXT_FIELDS:
            setattr(page, key, value or "")
        elif key == "description":
            setattr(page, key, rich_text(value or ""))
        elif key == "organisation":
            page.organisation = Organisation.objects.filter(pk=value).first() if value else None
        elif key == "categories":
            page.categories.set(ServiceCategory.objects.filter(pk__in=value or []))
        elif key == "need_types":
            page.need_types.set(NeedType.objects.filter(pk__in=value or []))
        elif key in ("tier", "cost", "area", "min_age", "max_age"):
            setattr(page, key, value)
        elif key in ("access_routes", "delivery"):
            for name, _label in ACCESS_ROUTES if key == "access_routes" else DELIVERY:
                setattr(page, name, name in (value or []))
        elif key == "venues":
            existing = {str(v.uuid): v for v in page.venues.all()}
            venues = []
            for item in value or []:
                venue = existing.get(item.get("uuid") or "") or ServiceVenue()
                for field in VENUE_FIELDS:
                    setattr(venue, field, item.get(field, False if field in VENUE_FLAGS else ""))
                venues.append(venue)
            page.venues = venues  # type: ignore[misc]
        elif key == "contacts":
            existing_contacts = {str(c.uuid): c for c in page.contacts.all()}
            contacts = []
            for item in value or []:
                contact = existing_contacts.get(item.get("uuid") or "") or ServiceContact()
                for field in CONTACT_FIELDS:
                    setattr(contact, field, item.get(field, ""))
                contacts.append(contact)
            page.contacts = contacts  # type: ignore[misc]
    return page
