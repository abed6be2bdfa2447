"""The schools finder on the SchoolsIndexPage."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import QueryDict

from .filters import SchoolFilter
from .models import SchoolPage

RESULTS_PER_PAGE = 20
FILTER_KEYS = ("q", "age", "type", "phase", "provision", "need", "area")


def visible_schools(index=None):
    schools = SchoolPage.objects.visible().filter(is_closed=False)
    if index is not None:
        schools = schools.child_of(index)
    return schools


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
    paginator = Paginator(filterset.qs, RESULTS_PER_PAGE)
    page_obj = paginator.get_page(_page_number(request.GET.get("page")))
    chosen = [(key, data.getlist(key)) for key in FILTER_KEYS if any(v.strip() for v in data.getlist(key))]
    return {
        "filter": filterset,
        "form": filterset.form,
        "page_obj": page_obj,
        "schools": page_obj.object_list,
        "result_count": paginator.count,
        "filtered": bool(chosen),
        "browse_links": browse_links(index, request),
    }


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
