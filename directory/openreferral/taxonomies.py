"""The directory's words as Open Referral UK taxonomies: what a service is tagged with travels as taxonomy terms.

Six named taxonomies. Three hold the terms officers manage (need types under the four areas of need, service
categories), each term with the id it keeps for ever (its `uuid` column); three hold the directory's fixed choices
(tier, the ways to get a service, how it is delivered, and where it is: directory/choices.py), whose ids are derived
from their values and so are the same on every site running this software. The taxonomies' own ids are fixed too.

A service carries a term for each need type it is for and, with it, that need type's area of need (so asking for an
area finds every service for any need under it), each category, its tier, each way to get it and to have it, and
where it is."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from uuid import UUID, uuid5

from django.db.models import Q, Value

from ..choices import ACCESS_ROUTES, TIER_NAMES, Area
from ..choices import DELIVERY as DELIVERY_CHOICES
from ..services.models import ServicePage
from ..taxonomy.models import AreaOfNeed, NeedType, ServiceCategory

# Every id this module derives is a name-based UUID in this namespace: the same name gives the same id for ever.
NAMESPACE = UUID("b8c51bba-69cb-4f97-bec5-f3a017a3b7c2")


def derived_id(*parts: object) -> UUID:
    """A stable id for something that has no row of its own (a fixed choice, a service's cost option...)."""
    return uuid5(NAMESPACE, ":".join(str(part) for part in parts))


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str

    @property
    def id(self) -> UUID:
        return derived_id("taxonomy", self.key)


SEND_NEEDS = Taxonomy(
    "send_needs",
    "SEND areas of need and need types",
    "The four broad areas of need of the SEND Code of Practice (top-level terms) and the types of need under them.",
)
CATEGORIES = Taxonomy("service_category", "Service categories", "The kinds of service families browse by.")
TIERS = Taxonomy(
    "tier",
    "Support tiers",
    "Universal services are for everyone; targeted give extra short-term help; specialist are for children and "
    "young people with more complex needs.",
)
ACCESS = Taxonomy("access_route", "Ways to get a service", "How a family gets the service: who refers them.")
DELIVERY_METHODS = Taxonomy("delivery", "How a service is delivered", "In person, online, by phone or home visits.")
AREAS = Taxonomy("area", "Where a service is", "In the local authority's area, outside it, or national.")
TAXONOMIES = [SEND_NEEDS, CATEGORIES, TIERS, ACCESS, DELIVERY_METHODS, AREAS]
TAXONOMIES_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}

# Kinds of term: what a service's row or relation says when it carries one.
AREA_OF_NEED, NEED_TYPE, CATEGORY, TIER, ACCESS_ROUTE, DELIVERY, AREA = (
    "area_of_need",
    "need_type",
    "category",
    "tier",
    "access_route",
    "delivery",
    "area",
)

TIER_DESCRIPTIONS = {
    "universal": "Open to everyone, such as schools, GPs and libraries.",
    "targeted": "Extra, short-term support for children and young people who need more help.",
    "specialist": "Specialised, longer-term support for children and young people with more complex needs.",
}


@dataclass(frozen=True)
class Term:
    id: UUID
    kind: str
    value: str  # the slug of a managed term, the field name or choice value of a fixed one
    name: str
    description: str
    taxonomy: Taxonomy
    parent_id: UUID | None = None
    pk: int | None = None  # the row of a managed term

    def service_q(self) -> Q:
        """The services that carry this term, as a filter on ServicePage."""
        through_needs = ServicePage.need_types.through.objects
        if self.kind == NEED_TYPE:
            return Q(pk__in=through_needs.filter(needtype_id=self.pk).values("servicepage_id"))
        if self.kind == AREA_OF_NEED:
            return Q(pk__in=through_needs.filter(needtype__area_id=self.pk).values("servicepage_id"))
        if self.kind == CATEGORY:
            categories = ServicePage.categories.through.objects.filter(servicecategory_id=self.pk)
            return Q(pk__in=categories.values("servicepage_id"))
        if self.kind == TIER:
            return Q(tier=self.value)
        if self.kind == AREA:
            return Q(area=self.value)
        return Q(**{self.value: True})  # a way to get it, or of delivery: a boolean field


def taxonomy_q(taxonomy: Taxonomy) -> Q:
    """The services that carry any term of a taxonomy."""
    if taxonomy is SEND_NEEDS:
        return Q(pk__in=ServicePage.need_types.through.objects.values("servicepage_id"))
    if taxonomy is CATEGORIES:
        return Q(pk__in=ServicePage.categories.through.objects.values("servicepage_id"))
    if taxonomy is TIERS:
        return ~Q(tier="")
    if taxonomy is AREAS:
        return ~Q(area="")
    names = ACCESS_ROUTES if taxonomy is ACCESS else DELIVERY_CHOICES
    q = Q()
    for name, _label in names:
        q |= Q(**{name: True})
    return q


FIXED_TERMS: list[Term] = [
    *(
        Term(derived_id(TIER, value), TIER, value, name, TIER_DESCRIPTIONS[value], TIERS)
        for value, name in TIER_NAMES.items()
    ),
    *(Term(derived_id(ACCESS_ROUTE, name), ACCESS_ROUTE, name, label, label, ACCESS) for name, label in ACCESS_ROUTES),
    *(
        Term(derived_id(DELIVERY, name), DELIVERY, name, label, label, DELIVERY_METHODS)
        for name, label in DELIVERY_CHOICES
    ),
    *(Term(derived_id(AREA, value), AREA, value, label, label, AREAS) for value, label in Area.choices),
]

FIXED_BY_ID = {term.id: term for term in FIXED_TERMS}


def find_term(term_id: UUID) -> Term | None:
    """The term with this id, for filtering (one query for a managed term, none for a fixed one)."""
    if term_id in FIXED_BY_ID:
        return FIXED_BY_ID[term_id]
    rows = [
        model.objects.filter(uuid=term_id).order_by().annotate(kind=Value(kind)).values_list("kind", "pk", "slug")
        for model, kind in ((AreaOfNeed, AREA_OF_NEED), (NeedType, NEED_TYPE), (ServiceCategory, CATEGORY))
    ]
    found = list(rows[0].union(rows[1], rows[2])[:1])
    if not found:
        return None
    kind, pk, slug = found[0]
    taxonomy = SEND_NEEDS if kind in (AREA_OF_NEED, NEED_TYPE) else CATEGORIES
    return Term(term_id, kind, slug, slug, "", taxonomy, None, pk)


@dataclass
class Vocabulary:
    """Every taxonomy term, read once per request (three small queries)."""

    terms: list[Term]
    by_id: dict[UUID, Term] = field(init=False)
    by_kind_pk: dict[tuple[str, int], Term] = field(init=False)
    by_kind_value: dict[tuple[str, str], Term] = field(init=False)
    need_area: dict[int, int] = field(default_factory=dict)  # need type pk -> area of need pk

    def __post_init__(self) -> None:
        self.by_id = {term.id: term for term in self.terms}
        self.by_kind_pk = {(term.kind, term.pk): term for term in self.terms if term.pk is not None}
        self.by_kind_value = {(term.kind, term.value): term for term in self.terms}

    def service_terms(self, service: ServicePage, need_pks: Iterable[int], category_pks: Iterable[int]) -> list[Term]:
        """The terms a service carries, in taxonomy order."""
        terms: list[Term] = []
        areas: list[int] = []
        for pk in need_pks:
            area = self.need_area.get(pk)
            if area is not None and area not in areas:
                areas.append(area)
        terms += [self.by_kind_pk[(AREA_OF_NEED, pk)] for pk in areas if (AREA_OF_NEED, pk) in self.by_kind_pk]
        terms += [self.by_kind_pk[(NEED_TYPE, pk)] for pk in need_pks if (NEED_TYPE, pk) in self.by_kind_pk]
        terms += [self.by_kind_pk[(CATEGORY, pk)] for pk in category_pks if (CATEGORY, pk) in self.by_kind_pk]
        fixed = [(TIER, service.tier), (AREA, service.area)]
        fixed += [(ACCESS_ROUTE, name) for name, _label in ACCESS_ROUTES if getattr(service, name)]
        fixed += [(DELIVERY, name) for name, _label in DELIVERY_CHOICES if getattr(service, name)]
        terms += [self.by_kind_value[key] for key in fixed if key in self.by_kind_value]
        return terms


def load_vocabulary() -> Vocabulary:
    areas = list(AreaOfNeed.objects.order_by("sort_order", "name"))
    needs = list(
        NeedType.objects.order_by("area__sort_order", "sort_order", "name").values_list(
            "pk", "uuid", "slug", "name", "description", "area_id"
        )
    )
    categories = list(ServiceCategory.objects.order_by("sort_order", "name"))
    area_ids = {area.pk: area.uuid for area in areas}
    terms = [Term(a.uuid, AREA_OF_NEED, a.slug, a.name, a.description, SEND_NEEDS, None, a.pk) for a in areas]
    terms += [
        Term(uuid, NEED_TYPE, slug, name, description, SEND_NEEDS, area_ids.get(area_id), pk)
        for pk, uuid, slug, name, description, area_id in needs
    ]
    terms += [Term(c.uuid, CATEGORY, c.slug, c.name, c.description, CATEGORIES, None, c.pk) for c in categories]
    vocabulary = Vocabulary(terms + FIXED_TERMS)
    vocabulary.need_area = {pk: area_id for pk, _uuid, _slug, _name, _description, area_id in needs}
    return vocabulary
