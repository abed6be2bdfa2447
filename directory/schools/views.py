"""The schools finder on the SchoolsIndexPage."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict

from ..places.forms import distance_text, postcode_context
from ..places.geo import distance_miles
from ..places.postcodes import centroids, normalise_postcode
from .filters import SchoolFilter
from .models import SchoolPage

RESULTS_PER_PAGE = 20
FILTER_KEYS = ("q", "age", "type", "phase", "provision", "need", "area", "postcode", "distance")
# The boxes of the "Filter results" panel, whose choices its "(N chosen)" counts.
PANEL_KEYS = ("type", "phase", "provision", "need", "area")
# What narrows or orders the results: the panel's boxes, the search, the age and a postcode. A distance alone is
# not a choice (the form always sends one); with a postcode, the postcode counts.
SEARCH_KEYS = ("q", "age", "postcode", *PANEL_KEYS)


def visible_schools(index=None):
    schools = SchoolPage.objects.visible().filter(is_closed=False)
    if index is not None:
        schools = schools.child_of(index)
    return schools


def site_search_schools(request):
    """The site search's schools group: open schools the public may see."""
    return visible_schools()


def _page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if number > 0 else 1


def school_finder_context(index, request):
    data = QueryDict(mutable=True)
    for key in FILTER_KEYS:
        values = [value[:200] for value in request.GET.getlist(key)[:20]]
        if values:
            data.setlist(key, values)
    queryset = visible_schools(index).prefetch_related("provision_need_types").order_by("title", "pk")
    filterset = SchoolFilter(data, queryset=queryset)
    filterset.form.is_valid()  # bind and collect errors; invalid filters are left out of .qs
    near = filterset.near
    results, distances = near_schools(filterset.qs, near) if near else (filterset.qs, {})
    paginator = Paginator(results, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(_page_number(request.GET.get("page")))
    schools = page_obj.object_list
    if near:
        schools = list(queryset.filter(pk__in=page_obj.object_list))
        schools.sort(key=lambda school: page_obj.object_list.index(school.pk))
        for school in schools:
            if school.pk in distances:
                school.distance_text = distance_text(distances[school.pk])
    chosen = {key: [value for value in data.getlist(key) if value.strip()] for key in SEARCH_KEYS}
    return {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page_obj,
        "schools": schools,
        "near_schools": [s for s in schools if s.pk in distances] if near else schools,
        "unplaced_schools": [s for s in schools if s.pk not in distances] if near else [],
        "near_count": len(distances),
        "unplaced_count": paginator.count - len(distances),
        "result_count": paginator.count,
        "filtered": any(chosen.values()),
        "panel_chosen": sum(len(chosen[key]) for key in PANEL_KEYS),
        "browse_links": browse_links(index, request),
        **postcode_context(near, filterset.form.cleaned_data.get("distance")),
    }


def near_schools(queryset, near):
    """(the ids of the schools within the distance, nearest first, then those whose postcode we cannot place;
    {id: miles} for the first). Schools are placed by their postcode's centre: two queries, whatever the count."""
    place, miles = near
    rows = list(queryset.values_list("pk", "postcode"))
    where = centroids([postcode for _pk, postcode in rows])
    distances, unplaced = {}, []
    for pk, postcode in rows:
        point = where.get(normalise_postcode(postcode) or "")
        if point is None:
            unplaced.append(pk)
        elif (away := distance_miles(place.point, point)) <= miles:
            distances[pk] = away
    nearest = sorted(distances, key=lambda pk: distances[pk])  # sorted() is stable: A to Z among equals
    return nearest + unplaced, distances


SPECIAL_BROWSE_AGES = [
    ("Early years (2 to 4)", "2-4"),
    ("Primary school age (5 to 11)", "5-11"),
    ("Secondary school age (11 to 16)", "11-16"),
    ("Post-16 (16 to 19)", "16-19"),
    ("Young adults (19 to 25)", "19-25"),
]


def browse_links(index, request):
    base = index.get_url(request=request)
    return [
        {
            "label": f"Special schools for {label[0].lower()}{label[1:]}",
            "url": f"{base}?{urlencode({'type': 'special', 'age': ages})}",
        }
        for label, ages in SPECIAL_BROWSE_AGES
    ]
