"""Search and filters for the service directory page (issue 3, item 3).

The filters are a django-filter FilterSet on a plain GET form. Each filter group turns its value into one Q; the
results apply every group, and the facet count of an option is the count with every *other* group applied plus that
option alone in its own group (so "Autism (12)" means "choose Autism here and you will see 12"). The number of
queries is fixed: it does not grow with the number of options, results or services."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import django_filters
from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.db.models import F, Q
from django.utils.functional import cached_property
from wagtail.search.backends import get_search_backend

from .ages import AGE_BAND_CHOICES, AGE_BANDS_BY_SLUG, MAX_AGE, MIN_AGE
from .facet_index import get_index
from .models import AreaOfNeed, NeedType, ServiceCategory, ServicePage, visible_services

RESULTS_PER_PAGE = 20
MAX_KEYWORD_LENGTH = 200

TIER_CHOICES = [(value, ServicePage.TIER_NAMES[value]) for value, _label in ServicePage.TIERS]
DELIVERY_CHOICES = [(name.removeprefix("delivery_"), label) for name, label in ServicePage.DELIVERY]
AREA_CHOICES = ServicePage.AREAS
SORT_CHOICES = [("relevance", "Best match"), ("az", "Name (A to Z)"), ("reviewed", "Recently reviewed")]

NeedThrough = ServicePage.need_types.through
CategoryThrough = ServicePage.categories.through


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the values it knows (in order, without repeats) and remembers the ones it does not, so a stale or
    mistyped link still shows results, with a message, instead of an error page."""

    def clean(self, value):
        values = [str(v) for v in self.to_python(value)]
        known = {str(key) for key, _label in self.choices}
        self.ignored = [v for v in values if v not in known]
        return list(dict.fromkeys(v for v in values if v in known))


class AgeField(forms.IntegerField):
    default_error_messages = {
        "invalid": "Enter the age in years as a number, like 7",
        "min_value": f"Enter an age from {MIN_AGE} to {MAX_AGE}",
        "max_value": f"Enter an age from {MIN_AGE} to {MAX_AGE}",
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=MIN_AGE, max_value=MAX_AGE, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        return super().to_python(value)


class KeywordField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_KEYWORD_LENGTH, strip=True, **kwargs)
        self.error_messages["max_length"] = f"Search words must be {MAX_KEYWORD_LENGTH} characters or fewer"


class MultiFilter(django_filters.MultipleChoiceFilter):
    field_class = LenientMultipleChoiceField


class CheckboxFilter(django_filters.Filter):
    field_class = forms.BooleanField


class KeywordFilter(django_filters.CharFilter):
    field_class = KeywordField


class AgeFilter(django_filters.Filter):
    field_class = AgeField


# One Q per filter group. Many-to-many groups use a subquery on the link table, so no join multiplies rows.


def q_for(name, value):
    if name == "age":
        return Q(min_age__lte=value, max_age__gte=value)
    if name == "age_band":
        return _any(AGE_BANDS_BY_SLUG[slug].q() for slug in value)
    if name == "need":
        return Q(pk__in=NeedThrough.objects.filter(needtype__slug__in=value).values("servicepage_id"))
    if name == "area_of_need":
        return Q(pk__in=NeedThrough.objects.filter(needtype__area__slug__in=value).values("servicepage_id"))
    if name == "category":
        return Q(pk__in=CategoryThrough.objects.filter(servicecategory__slug__in=value).values("servicepage_id"))
    if name == "tier":
        return Q(tier__in=value)
    if name == "free":
        return Q(cost=ServicePage.COST_FREE)
    if name == "self_referral":
        return Q(self_referral=True)
    if name == "delivery":
        return _any(Q(**{f"delivery_{method}": True}) for method in value)
    if name == "area":
        return Q(area__in=value)
    raise KeyError(name)


def _any(qs):
    combined = Q(pk__in=[])
    for q in qs:
        combined |= q
    return combined


FILTER_GROUPS = [
    "age",
    "age_band",
    "need",
    "area_of_need",
    "tier",
    "category",
    "free",
    "self_referral",
    "delivery",
    "area",
]


class DirectoryFilterSet(django_filters.FilterSet):
    q = KeywordFilter(label="Search words", method="no_op")
    age = AgeFilter(label="Age in years", method="apply")
    age_band = MultiFilter(label="Age group", choices=AGE_BAND_CHOICES, method="apply")
    need = MultiFilter(label="Type of need", method="apply")
    area_of_need = MultiFilter(label="Area of need", method="apply")
    tier = MultiFilter(label="Level of support", choices=TIER_CHOICES, method="apply")
    category = MultiFilter(label="Kind of service", method="apply")
    free = CheckboxFilter(label="Free only", method="apply")
    self_referral = CheckboxFilter(label="I can contact them myself (no referral needed)", method="apply")
    delivery = MultiFilter(label="How it is given", choices=DELIVERY_CHOICES, method="apply")
    area = MultiFilter(label="Where", choices=AREA_CHOICES, method="apply")
    sort = django_filters.ChoiceFilter(label="Sort by", choices=SORT_CHOICES, method="no_op", empty_label=None)

    class Meta:
        model = ServicePage
        fields = []

    def __init__(self, data=None, *args, needs=(), areas=(), categories=(), **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["need"].extra["choices"] = [(n.slug, n.name) for n in needs]
        self.filters["area_of_need"].extra["choices"] = [(a.slug, a.name) for a in areas]
        self.filters["category"].extra["choices"] = [(c.slug, c.name) for c in categories]

    def no_op(self, queryset, name, value):
        return queryset

    def apply(self, queryset, name, value):
        return queryset.filter(q_for(name, value))

    @cached_property
    def active(self):
        """{group: cleaned value} for every filter group the person chose (and that made sense)."""
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {name: cleaned[name] for name in FILTER_GROUPS if _chosen(cleaned.get(name))}

    def q_except(self, group=None):
        q = Q()
        for name, value in self.active.items():
            if name != group:
                q &= q_for(name, value)
        return q


def _chosen(value):
    if isinstance(value, bool):
        return value
    return value is not None and value != "" and value != []  # an age of 0 is a choice


def keyword_ranking(keyword):
    """The ids of live services matching every word of the keyword, best match first.

    On PostgreSQL this asks the search index table directly, with its own GIN indexes (title OR body matches the
    query), ranked with the backend's own query and weights; the backend's generic path concatenates the two
    vectors first, which cannot use an index and scans every entry. Elsewhere (SQLite FTS) it uses the backend."""
    if connection.vendor != "postgresql":
        return list(keyword_search(visible_services(), keyword).values_list("pk", flat=True))
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchRank
    from wagtail.search.models import IndexEntry

    backend = get_search_backend()
    compiler = backend.query_compiler_class(ServicePage.objects.none(), keyword, operator="and")
    tsquery = compiler.build_tsquery(compiler.query, config=compiler.get_config(backend))
    entries = (
        IndexEntry.objects.filter(content_type_id=ContentType.objects.get_for_model(ServicePage).pk)
        .filter(Q(title=tsquery) | Q(body=tsquery))
        .annotate(rank=SearchRank(F("title"), tsquery) * F("title_norm") + SearchRank(F("body"), tsquery))
        .order_by("-rank", "object_id")
        .values_list("object_id", flat=True)
    )
    return [int(pk) for pk in entries]


def keyword_search(queryset, keyword):
    """Full-text search over a filtered queryset with the site's search backend (PostgreSQL full-text search,
    or SQLite FTS), annotated with `_score`, ordered by relevance. The queryset's own filters stay in SQL."""
    backend = get_search_backend()
    compiler = backend.query_compiler_class(queryset, keyword, operator="and", order_by_relevance=True)
    results = backend.results_class(backend, compiler).annotate_score("_score")
    return results.get_queryset()


@dataclass
class Option:
    name: str
    value: str
    label: str
    count: int
    checked: bool
    hint: str = ""
    id: str = ""


@dataclass
class Facet:
    name: str
    legend: str
    options: list = field(default_factory=list)
    collapsible: bool = False  # long lists fold away (a <details>, no JavaScript) unless something is chosen

    @property
    def checked_count(self):
        return sum(1 for option in self.options if option.checked)


def group_mask(index, group, value):
    """The services one chosen filter group lets through, as a bitset."""
    if group == "age":
        return index.age_masks[value]
    if group in ("free", "self_referral"):
        return index.mask(group, "on")
    mask = 0
    for item in value:
        mask |= index.mask(group, item)
    return mask


FACET_OPTIONS = {
    "age_band": [slug for slug, _ in AGE_BAND_CHOICES],
    "tier": [value for value, _ in TIER_CHOICES],
    "free": ["on"],
    "self_referral": ["on"],
    "delivery": [value for value, _ in DELIVERY_CHOICES],
    "area": [value for value, _ in AREA_CHOICES],
}


def facet_counts(filterset, index, base, options):
    """{group: {option: count}}: each option's count with every other chosen group applied. No queries."""
    active = filterset.active
    masks = {group: group_mask(index, group, value) for group, value in active.items()}
    counts = {}
    for group, values in options.items():
        others = base
        for other, mask in masks.items():
            if other != group:
                others &= mask
        counts[group] = {value: (others & index.mask(group, value)).bit_count() for value in values}
    return counts


def build_facets(filterset, counts, needs, areas, categories):
    active = filterset.active

    def options(group, choices, hints=None):
        chosen = active.get(group) or []
        return [
            Option(
                group,
                str(value),
                label,
                counts.get(group, {}).get(str(value), 0),
                str(value) in chosen,
                (hints or {}).get(value, ""),
            )
            for value, label in choices
        ]

    def checkbox(group):
        return [Option(group, "on", filterset.filters[group].label, counts[group]["on"], bool(active.get(group)))]

    facets = [
        Facet("age_band", "Age group", options("age_band", AGE_BAND_CHOICES)),
        Facet("need", "Type of need", options("need", [(n.slug, n.name) for n in needs]), collapsible=True),
        Facet(
            "area_of_need",
            "Area of need",
            options("area_of_need", [(a.slug, a.name) for a in areas]),
            collapsible=True,
        ),
        Facet(
            "tier",
            "Level of support",
            options(
                "tier",
                TIER_CHOICES,
                hints={
                    ServicePage.TIER_UNIVERSAL: "Open to everyone",
                    ServicePage.TIER_TARGETED: "Extra help for a while",
                    ServicePage.TIER_SPECIALIST: "For more complex needs",
                },
            ),
        ),
        Facet(
            "category",
            "Kind of service",
            options("category", [(c.slug, c.name) for c in categories]),
            collapsible=True,
        ),
        Facet("cost", "Cost and referral", [*checkbox("free"), *checkbox("self_referral")]),
        Facet("delivery", "How it is given", options("delivery", DELIVERY_CHOICES), collapsible=True),
        Facet("area", "Where", options("area", AREA_CHOICES), collapsible=True),
    ]
    for facet in facets:
        for number, option in enumerate(facet.options):
            option.id = f"id_{option.name}_{number}"
    return facets


def _label_maps(needs, areas, categories):
    return {
        "age_band": dict(AGE_BAND_CHOICES),
        "need": {n.slug: n.name for n in needs},
        "area_of_need": {a.slug: a.name for a in areas},
        "tier": dict(TIER_CHOICES),
        "category": {c.slug: c.name for c in categories},
        "delivery": dict(DELIVERY_CHOICES),
        "area": dict(AREA_CHOICES),
    }


def active_filter_links(request, filterset, labels):
    """One entry per chosen value, with a link that removes just that value (and goes back to page 1)."""
    pairs = [(k, v) for k, values in request.GET.lists() for v in values if k != "page"]
    active = filterset.active
    links = []

    def without(drop_key, drop_value=None):
        kept = [(k, v) for k, v in pairs if not (k == drop_key and (drop_value is None or v == drop_value))]
        return "?" + urlencode(kept)

    keyword = filterset.form.cleaned_data.get("q") if hasattr(filterset.form, "cleaned_data") else ""
    if keyword:
        links.append({"group": "Search words", "label": f"“{keyword}”", "url": without("q")})
    for name in FILTER_GROUPS:
        if name not in active:
            continue
        group_label = filterset.filters[name].label
        value = active[name]
        if name == "age":
            links.append({"group": "Age", "label": f"{value} years old", "url": without("age")})
        elif name in ("free", "self_referral"):
            links.append({"group": "Cost and referral", "label": group_label, "url": without(name)})
        else:
            for item in value:
                links.append({"group": group_label, "label": labels[name].get(item, item), "url": without(name, item)})
    kept = [(k, v) for k, v in pairs if k in ("q", "sort")]
    clear_url = "?" + urlencode(kept)
    return links, clear_url


def ignored_messages(request, filterset):
    """Plain-English notes about parts of the address we could not use (they were left out, not fatal)."""
    messages = []
    for name in ("age_band", "need", "area_of_need", "tier", "category", "delivery", "area"):
        bound = filterset.form.fields[name]
        for value in getattr(bound, "ignored", []):
            messages.append(
                f"We left out “{value[:60]}” from “{filterset.filters[name].label}” because it is not one of "
                "the options."
            )
    return messages


def services_in_order(pks):
    """The services for one page of results, in the order given, with what the results list shows."""
    pks = list(pks)
    found = ServicePage.objects.filter(pk__in=pks).select_related("organisation").prefetch_related("categories")
    by_pk = {service.pk: service for service in found}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def directory_search(page, request):
    needs = list(NeedType.objects.select_related("area").order_by("area__sort_order", "sort_order", "name"))
    areas = list(AreaOfNeed.objects.all())
    categories = list(ServiceCategory.objects.all())
    filterset = DirectoryFilterSet(request.GET or None, needs=needs, areas=areas, categories=categories)
    form = filterset.form
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    keyword = cleaned.get("q") or ""
    sort = cleaned.get("sort") or ("relevance" if keyword else "az")
    if sort == "relevance" and not keyword:
        sort = "az"

    index = get_index()
    base = index.visible_mask()
    ranking = None
    if keyword:
        ranking = keyword_ranking(keyword)
        base &= index.mask_of_pks(ranking)
    result_mask = base
    for group, value in filterset.active.items():
        result_mask &= group_mask(index, group, value)

    if sort == "relevance":
        rank = {pk: i for i, pk in enumerate(ranking)}
        words = [w.lower() for w in keyword.split()[:10]]
        positions = index.positions(result_mask)
        positions.sort(
            key=lambda i: (
                not all(w in index.titles[i].lower() for w in words),
                rank.get(index.pks[i], len(rank)),
                i,
            )
        )
    elif sort == "reviewed":
        positions = index.positions(result_mask, index.reviewed_order)
    else:
        positions = index.positions(result_mask)
    results = [index.pks[i] for i in positions]

    paginator = Paginator(results, RESULTS_PER_PAGE)
    messages = ignored_messages(request, filterset)
    requested_page = request.GET.get("page", "1")
    try:
        page_obj = paginator.page(requested_page)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
        messages.append("We showed the first page of results because the page number was not a number.")
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
        if paginator.count:
            messages.append(f"There are only {paginator.num_pages} pages of results, so we showed the last one.")

    page_obj.object_list = services_in_order(page_obj.object_list)
    options = {
        **FACET_OPTIONS,
        "need": [n.slug for n in needs],
        "area_of_need": [a.slug for a in areas],
        "category": [c.slug for c in categories],
    }
    counts = facet_counts(filterset, index, base, options)
    labels = _label_maps(needs, areas, categories)
    filter_links, clear_url = active_filter_links(request, filterset, labels)
    error_fields = [name for name in form.errors]
    return {
        "filterset": filterset,
        "form": form,
        "keyword": keyword,
        "sort": sort,
        "sort_choices": SORT_CHOICES if keyword else SORT_CHOICES[1:],
        "facets": build_facets(filterset, counts, needs, areas, categories),
        "page_obj": page_obj,
        "result_pks": results,
        "services": page_obj.object_list,
        "result_count": paginator.count,
        "filter_links": filter_links,
        "clear_url": clear_url,
        "is_filtered": bool(request.GET),
        "notices": messages,
        "error_fields": error_fields,
    }
