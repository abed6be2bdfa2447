"""What's new: the public page (/whats-new/) and its Atom feed (/whats-new/feed/), both filtered by any directory
query string. A fixed number of queries whatever the data: the taxonomies (3), the changes of the last
WHATS_NEW_DAYS days (1), which of their services are visible now (a few, for links); filtering is in Python."""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from ..services.models import ServicePage, directory_path
from .matching import matching
from .models import ChangeKind, ServiceChange
from .query import read_search

PER_PAGE = 50
FEED_ITEMS = 50


def recent_changes(search):
    since = timezone.now() - timedelta(days=settings.WHATS_NEW_DAYS)
    return matching(ServiceChange.objects.since(since), search.active, search.keyword)


def with_links(changes):
    """Each change with `link`: its service's page if the public can see it now, else none."""
    page_ids = {change.page_id for change in changes if change.page_id}
    visible = set(ServicePage.objects.visible().filter(pk__in=page_ids).values_list("pk", flat=True))
    for change in changes:
        change.link = change.url if change.page_id in visible and change.kind != ChangeKind.CLOSED else ""
    return changes


def whats_new(request):
    search = read_search(request.GET)
    changes = recent_changes(search)
    paginator = Paginator(changes, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    with_links(page_obj.object_list)
    query = search.query_string
    context = {
        "search": search,
        "form": search.form,
        "chosen": search.describe(),
        "page_obj": page_obj,
        "changes": page_obj.object_list,
        "change_count": paginator.count,
        "days": settings.WHATS_NEW_DAYS,
        "query": query,
        "feed_url": reverse("whats_new_feed") + (f"?{query}" if query else ""),
        "directory_url": directory_path() + (f"?{query}" if query else ""),
        "multi_fields": [search.form[name] for name in ("age_band", "need", "area_of_need", "tier", "category")],
        "more_fields": [search.form[name] for name in ("delivery", "area")],
    }
    return TemplateResponse(request, "directory/changes/whats_new.html", context, status=400 if search.errors else 200)


class WhatsNewFeed(Feed):
    """Atom: the same list as the page, newest first, at most FEED_ITEMS entries."""

    feed_type = Atom1Feed
    description_template = None

    def __call__(self, request, *args, **kwargs):
        search = read_search(request.GET)
        if search.errors:
            messages = "; ".join(str(e) for errors in search.errors.values() for e in errors)
            return HttpResponse(f"This feed address has a problem: {messages}\n", status=400, content_type="text/plain")
        request.directory_search = search  # read once: get_object takes it from here
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        search = request.directory_search
        search.changes = with_links(recent_changes(search)[:FEED_ITEMS])
        page = request.build_absolute_uri(reverse("whats_new"))
        for change in search.changes:
            change.guid = f"{page}#change-{change.pk}"  # Atom ids are absolute and never change
        return search

    def title(self, search):
        lines = search.describe()
        return "What's new in the services directory" + (f" ({'; '.join(lines)})" if lines else "")

    def link(self, search):
        query = search.query_string
        return reverse("whats_new") + (f"?{query}" if query else "")

    def subtitle(self, search):
        return f"Services added, closed or changed in ways that matter in the last {settings.WHATS_NEW_DAYS} days."

    def feed_url(self, search):
        query = search.query_string
        return reverse("whats_new_feed") + (f"?{query}" if query else "")

    def items(self, search):
        return search.changes

    def item_title(self, change):
        return f"{change.get_kind_display()}: {change.title}"

    def item_description(self, change):
        if change.kind == ChangeKind.CHANGED:
            return f"{change.summary} What changed: {change.what_text}."
        if change.kind == ChangeKind.CLOSED:
            return f"{change.summary} This service is no longer listed."
        return change.summary

    def item_link(self, change):
        return change.link or f"{reverse('whats_new')}#change-{change.pk}"

    def item_guid(self, change):
        return change.guid

    def item_pubdate(self, change):
        return change.happened_at

    def item_updateddate(self, change):
        return change.happened_at


whats_new_feed = WhatsNewFeed()
