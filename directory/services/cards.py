"""Each service's card in the directory's results (title and link, summary, tags, who runs it), rendered once and
kept in the process under the content version (localoffer/caching/version.py), which every saved row renews: a card
is never older than what it shows. Rendering twenty cards through the template costs more than the whole search, and
loading the twenty pages for them two queries; a page of results made of kept cards costs neither.

What differs between visitors or searches (the distance to a postcode, the My list button) is not in the card: the
results template puts it around the card's two halves."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from localoffer.caching.version import KeptInProcess

from .models import ServicePage, ServiceVenue

TEMPLATE = "directory/includes/service_card.html"
DISTANCE_SLOT = "<!--distance-->"  # where the card is split: no text a visitor sees can hold it (it is escaped)
MAX_CARDS = 5000  # per process (a card is about 1 kB); past it, the kept cards are dropped and made again


@dataclass
class Result:
    """One service on a page of results: what the results template and the tests read."""

    pk: int
    title: str
    url: str | None
    card_head: SafeString
    card_body: SafeString
    distance_text: str = ""
    nearest_venue: str = ""

    def get_url(self, request: HttpRequest | None = None) -> str | None:
        return self.url  # made for the request's host (the cards are kept per host)


_kept: KeptInProcess[tuple[str, int], tuple[str, str | None, SafeString, SafeString]] = KeptInProcess(MAX_CARDS)


def venues_of(pks: list[int]) -> dict[int, list[ServiceVenue]]:
    """{service id: its venues, in order} for a page of results (one query): the results map's places."""
    venues: dict[int, list[ServiceVenue]] = {}
    for venue in ServiceVenue.objects.filter(page_id__in=pks):
        venues.setdefault(venue.page_id, []).append(venue)
    return venues


def load_services(pks: list[int]) -> list[ServicePage]:
    """The services for one page of results, in the order given, with what their cards show (two queries)."""
    found = ServicePage.objects.filter(pk__in=pks).select_related("organisation").prefetch_related("categories")
    by_pk = {service.pk: service for service in found}
    return [by_pk[pk] for pk in pks if pk in by_pk]


def results(request: HttpRequest, pks: list[int]) -> list[Result]:
    """A page of results in the order given, from kept cards, rendering (and keeping) those not kept yet. A service
    that no longer exists is left out. Links are made for the request's host (another site's pages link in full)."""
    cards = _kept.entries()
    host = request.get_host()
    missing = [pk for pk in pks if (host, pk) not in cards]
    if missing:
        template = get_template(TEMPLATE).template  # type: ignore[attr-defined]
        for service in load_services(missing):
            html = template.render(Context({"service": service, "request": request}))
            head, _slot, body = html.partition(DISTANCE_SLOT)
            url = service.get_url(request=request)
            cards[(host, service.pk)] = (service.title, url, mark_safe(head), mark_safe(body))  # noqa: S308
    return [Result(pk, *cards[(host, pk)]) for pk in pks if (host, pk) in cards]
