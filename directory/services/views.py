"""The service directory's public views: the search page's results, and My list (a shortlist kept in the session
only; plain POST forms add and remove services, so it works without JavaScript; the print view puts the whole list on
paper for a family without internet at home). Attached to the page models in DirectoryConfig.ready().

My list's add and remove forms carry no CSRF token, so that the pages showing them (results, service pages) are the
same for every visitor and the page cache can keep them (localoffer/caching/). What a token would protect is the
session's list, and the session cookie is SameSite=Lax: browsers never send it with another site's POST, so a forged
form can only reach a new, empty session. On top of that a POST whose Origin (or, without one, Referer) is another
site is refused. Every other public form keeps its token."""

from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponseForbidden, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt

from localoffer import ratelimit
from localoffer.caching.version import remember
from localoffer.query_params import object_id
from localoffer.sitesearch.groups import merged
from localoffer.synonyms.expand import expand
from localoffer.tasks import send_email

from ..ages import AGE_BAND_CHOICES, age_text
from ..choices import TIER_HINTS
from ..places.forms import distance_text, postcode_context
from ..places.geo import Point, distance_miles
from ..places.models import Locality
from ..taxonomy.models import AreaOfNeed, NeedType, ServiceCategory
from . import cards, maps, shortlist
from .facet_index import get_index
from .filters import (
    AREA_CHOICES,
    DELIVERY_CHOICES,
    FILTER_GROUPS,
    NEAREST,
    SORT_CHOICES,
    TIER_CHOICES,
    DirectoryFilterSet,
)
from .forms import MyListEmailForm
from .keywords import keyword_rankings
from .models import DirectoryPage, ServicePage, ServiceVenue
from .search import FACET_OPTIONS, facet_counts, match, match_each

RESULTS_PER_PAGE = 20


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


def build_facets(filterset, counts, needs, areas, categories, localities=()):
    """The filter groups the results page offers, each option with its count. The towns and areas are those with a
    service (`localities`); with none, the group is left out."""
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
                hints=TIER_HINTS,
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
        *(
            [Facet("locality", "Town or area", options("locality", [(p.slug, p.name) for p in localities]))]
            if localities
            else []
        ),
        Facet("area", "Where", options("area", AREA_CHOICES), collapsible=True),
    ]
    for facet in facets:
        for number, option in enumerate(facet.options):
            option.id = f"id_{option.name}_{number}"
    return facets


def _label_maps(needs, areas, categories, localities):
    return {
        "age_band": dict(AGE_BAND_CHOICES),
        "need": {n.slug: n.name for n in needs},
        "area_of_need": {a.slug: a.name for a in areas},
        "tier": dict(TIER_CHOICES),
        "category": {c.slug: c.name for c in categories},
        "delivery": dict(DELIVERY_CHOICES),
        "locality": {p.slug: p.name for p in localities},
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
    if filterset.near:
        place, miles = filterset.near
        kept = [(k, v) for k, v in pairs if k not in ("postcode", "distance")]
        label = f"within {miles} mile{'s' if miles != 1 else ''} of {place.label}"
        links.append({"group": "Near", "label": label, "url": "?" + urlencode(kept)})
    for name in FILTER_GROUPS:
        if name not in active:
            continue
        group_label = filterset.filters[name].label
        value = active[name]
        if name == "age":
            links.append({"group": "Age", "label": age_text(value), "url": without("age")})
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
    for name in ("age_band", "need", "area_of_need", "tier", "category", "delivery", "locality", "area"):
        bound = filterset.form.fields[name]
        for value in getattr(bound, "ignored", []):
            messages.append(
                f"We left out “{value[:60]}” from “{filterset.filters[name].label}” because it is not one of "
                "the options."
            )
    ignored_distance = getattr(filterset.form.fields["distance"], "ignored", "")
    if ignored_distance and filterset.near:
        messages.append(
            f"We searched within {filterset.near[1]} miles because “{ignored_distance}” is not one of the distances."
        )
    return messages


def place_services(services, near, index, distances):
    """Give each service of a page of postcode results its distance and nearest venue (one query), or mark it as
    one with no venue on the map. Returns (those with a venue near, those with none), in the page's order."""
    centre = near[0].point
    with_venue = [s for s in services if index.position[s.pk] in distances]
    venues = ServiceVenue.objects.filter(
        page_id__in=[s.pk for s in with_venue], latitude__isnull=False, longitude__isnull=False
    ).values_list("page_id", "name", "latitude", "longitude")
    nearest = {}
    for page_id, name, latitude, longitude in venues:
        miles = distance_miles(centre, Point(float(latitude), float(longitude)))
        if page_id not in nearest or miles < nearest[page_id][0]:
            nearest[page_id] = (miles, name)
    for service in with_venue:
        miles, name = nearest.get(service.pk, (distances[index.position[service.pk]], ""))
        service.distance_text = distance_text(miles)
        service.nearest_venue = name
    without = [s for s in services if index.position[s.pk] not in distances]
    return with_venue, without


def services_in_order(pks):
    """The services for one page of results, in the order given (the site search's services group)."""
    return cards.load_services(list(pks))


def taxonomy():
    """The need types (with their areas), areas of need, categories and towns and areas the filters offer;
    remembered under the content version, which any change to them renews."""
    needs = list(NeedType.objects.select_related("area").order_by("area__sort_order", "sort_order", "name"))
    return needs, list(AreaOfNeed.objects.all()), list(ServiceCategory.objects.all()), list(Locality.objects.all())


def match_with_synonyms(index, active, keyword, sort, near=None):
    """search.match for what was typed and for each rewording from the families' words (localoffer/synonyms/):
    what any of them finds. Best match: the best of each search in turn; any other order (A to Z, last reviewed,
    distance) is that order over all of them."""
    searches = expand(keyword) if keyword else [keyword]
    if len(searches) == 1:
        return match(index, active, keyword, sort, near=near)
    found = match_each(index, active, searches, sort, near=near)  # two queries at most, whatever the rewordings
    base = 0
    for each_base, _results in found:
        base |= each_base
    results = merged([each_results for _base, each_results in found])
    if sort != "relevance":
        wanted = set(results)
        results = [pk for pk in match(index, active, "", sort, near=near)[1] if pk in wanted]
    elif near is not None:  # services with a venue that near first, as match() puts them
        results = [pk for pk in results if index.position[pk] in near] + [
            pk for pk in results if index.position[pk] not in near
        ]
    return base, results


def directory_context(page, request):
    """The search page's context: the cleaned filters, one page of results, facet counts and active filters."""
    needs, areas, categories, localities = remember(
        "directory-filter-terms", taxonomy
    )  # renamed when its shape changes
    filterset = DirectoryFilterSet(
        request.GET or None, needs=needs, areas=areas, categories=categories, localities=localities
    )
    form = filterset.form
    form.is_valid()
    cleaned = getattr(form, "cleaned_data", {})
    keyword = cleaned.get("q") or ""
    near = filterset.near
    sort = cleaned.get("sort") or ""
    if sort == "relevance" and not keyword or sort == "distance" and not near:
        sort = ""
    # The default order (no sort chosen) is sent back as "" by the sort menu, so that adding a postcode or search
    # words to the same form gives their own default (nearest first, best match) rather than keeping A to Z.
    sort_is_default = not sort
    sort = sort or ("distance" if near else "relevance" if keyword else "az")

    index = get_index()
    distances = index.near(near[0].point, near[1]) if near else None
    base, results = match_with_synonyms(index, filterset.active, keyword, sort, near=distances)

    paginator = Paginator(results, RESULTS_PER_PAGE)
    messages = ignored_messages(request, filterset)
    requested_page = request.GET.get("page", "1")
    try:
        page_obj = paginator.page(requested_page)
    except PageNotAnInteger:
        page_obj = paginator.page(1)
        messages.append("We showed the first page of results because the page number was not a number.")
    except EmptyPage:
        if int(requested_page) < 1:  # Paginator raises EmptyPage for 0 and below as well: the first page
            page_obj = paginator.page(1)
        else:
            page_obj = paginator.page(paginator.num_pages)
            if paginator.count:
                messages.append(f"There are only {paginator.num_pages} pages of results, so we showed the last one.")

    page_pks = list(page_obj.object_list)
    page_obj.object_list = cards.results(request, page_pks)
    near_services, unlocated_services, near_count = page_obj.object_list, [], 0
    if near:
        near_services, unlocated_services = place_services(page_obj.object_list, near, index, distances)
        position = index.position
        near_count = sum(1 for pk in results if position[pk] in distances)
    options = {
        **FACET_OPTIONS,
        "need": [n.slug for n in needs],
        "area_of_need": [a.slug for a in areas],
        "category": [c.slug for c in categories],
        "locality": [p.slug for p in localities],
    }
    counts = facet_counts(index, filterset.active, base, options)
    labels = _label_maps(needs, areas, categories, localities)
    filter_links, clear_url = active_filter_links(request, filterset, labels)
    error_fields = [name for name in form.errors]
    tiles = maps.tiles()
    markers = maps.result_markers(page_obj.object_list, request, cards.venues_of(page_pks)) if tiles else []
    with_services = [p for p in localities if index.mask("locality", p.slug)]
    facets = build_facets(filterset, counts, needs, areas, categories, with_services)
    return {
        "filterset": filterset,
        "form": form,
        "keyword": keyword,
        "sort": sort,
        "sort_is_default": sort_is_default,
        "sort_choices": [*(SORT_CHOICES if keyword else SORT_CHOICES[1:]), *([NEAREST] if near else [])],
        **postcode_context(near, cleaned.get("distance")),
        "near_services": near_services,
        "unlocated_services": unlocated_services,
        "near_count": near_count,
        "unlocated_count": paginator.count - near_count,
        "facets": facets,
        "panel_chosen": sum(facet.checked_count for facet in facets),
        "page_obj": page_obj,
        "result_pks": results,
        "services": page_obj.object_list,
        "result_count": paginator.count,
        "filter_links": filter_links,
        "clear_url": clear_url,
        "is_filtered": bool(request.GET),
        "notices": messages,
        "error_fields": error_fields,
        **maps.map_context(markers, tiles),
        **my_list_context(page, request),
    }


# The site search's services group (registered in DirectoryConfig.ready) ------------------------------------


def site_search_find(request, searches):
    """Services matching any of the searches, best first (the directory's own ranking, no filters), every search
    matched and ranked in one query."""
    index = get_index()
    rankings = keyword_rankings(searches)
    return merged(
        [
            match(index, {}, words, "relevance", ranking=ranking)[1]
            for words, ranking in zip(searches, rankings, strict=True)
        ]
    )


def site_search_elsewhere(request, query):
    directory = remember("live-directory-page", lambda: DirectoryPage.objects.live().first())
    return f"{directory.get_url(request=request)}?{urlencode({'q': query})}#results" if directory else None


# My list ------------------------------------------------------------------------------------------------------


def my_list_context(directory, request):
    """What every page showing "Add to My list" buttons needs."""
    return {
        "my_list_ids": shortlist.visible_ids(request),
        "my_list_urls": shortlist.urls(directory, request),
        "my_list_done": shortlist.pop_done(request),
    }


DONE_ANCHOR = "#my-list-done"  # the confirmation, beside the service just added or removed (it takes focus)


def _back(request, fallback):
    """Back where the family was, at the confirmation (so a keyboard user need not tab back down the page)."""
    target = request.POST.get("next", "").split("#")[0]
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target + DONE_ANCHOR)
    return HttpResponseRedirect(fallback + DONE_ANCHOR)


def _service_id(request):
    return object_id(request.POST.get("service", ""))


def same_origin(request) -> bool:
    """False when the browser says the form came from another site (Origin, or Referer when there is no Origin)."""
    own = f"{request.scheme}://{request.get_host()}"
    trusted = {own, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in trusted
    referer = request.META.get("HTTP_REFERER")
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in trusted
    return True


@csrf_exempt
def my_list_change(request, prefix, action):
    """POST .../my-list/add/ and .../my-list/remove/ under the directory's own address, without a CSRF token (see
    the module's docstring). Routed by directory/urls.py ahead of the page tree, which would ask for a token."""
    directory = DirectoryPage.objects.live().first()
    if directory is None or directory.get_url(request=request) != f"/{prefix}":
        raise Http404
    return (my_list_add if action == "add" else my_list_remove)(request, directory)


def my_list_add(request, directory):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not same_origin(request):
        return HttpResponseForbidden("This form must be sent from this website.")
    pk = _service_id(request)
    if pk is not None and ServicePage.objects.visible().filter(pk=pk).exists():
        shortlist.add(request, pk)
        shortlist.note_done(request, pk, "added")
    return _back(request, shortlist.list_url(directory, request))


def my_list_remove(request, directory):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not same_origin(request):
        return HttpResponseForbidden("This form must be sent from this website.")
    if request.POST.get("all"):
        shortlist.clear(request)
        shortlist.note_done(request, 0, "cleared")
    else:
        pk = _service_id(request)
        if pk is not None and pk in shortlist.get_ids(request):
            shortlist.remove(request, pk)
            shortlist.note_done(request, pk, "removed")
    return _back(request, shortlist.list_url(directory, request))


def _my_list_page_context(request, directory):
    done = shortlist.pop_done(request)
    removed = None
    if done and done["action"] == "removed":
        removed = ServicePage.objects.visible().filter(pk=done["pk"]).first()
    return {
        "my_list_done": done,
        "removed": removed,
        "page": directory,
        "directory": directory,
        "services": shortlist.services(request),
        "my_list_urls": shortlist.urls(directory, request),
        "today": timezone.localdate(),
    }


def my_list(request, directory):
    context = {**_my_list_page_context(request, directory), "email_form": MyListEmailForm()}
    return TemplateResponse(request, "directory/my_list.html", context)


def my_list_email(request, directory):
    """ "Email this list to me": the worker sends it (localoffer/tasks.py); the address goes into that one email's
    task and nowhere else (not the session, not a log). Rate limited per client like every public form."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    context = _my_list_page_context(request, directory)
    form = MyListEmailForm(request.POST)
    status = 400
    if form.is_valid() and not context["services"]:
        form.add_error("email", "Your list is empty. Add services to it first")
    if form.is_valid():
        decision = ratelimit.allow(request, "my-list-email", settings.MY_LIST_EMAIL_RATE_LIMIT, 3600)
        if decision.allowed:
            email_context = {"services": context["services"], "today": context["today"]}
            body = render_to_string("directory/email/my_list.txt", email_context, request=request)
            send_email.enqueue("Your list of services", body, [form.cleaned_data["email"]])
            shortlist.note_done(request, 0, "emailed")
            return HttpResponseRedirect(shortlist.list_url(directory, request) + DONE_ANCHOR)
        minutes = max(1, -(-decision.retry_after // 60))
        form.add_error("email", f"You have sent this list too many times. Try again in {minutes} minutes")
        status = 429
    return TemplateResponse(request, "directory/my_list.html", {**context, "email_form": form}, status=status)


def my_list_print(request, directory):
    return TemplateResponse(request, "directory/my_list_print.html", _my_list_page_context(request, directory))
