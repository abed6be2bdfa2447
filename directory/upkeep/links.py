"""Link health: find every external link on published pages, check it politely, keep the result per URL.

Where a page's links are (the registry)
    1. a page type may define `external_urls(self)` returning (where, url) pairs (or plain URLs);
    2. else a function registered with `@link_source(Model)` returning the same;
    3. else they are collected generically: URL fields of the page, of the snippets it points to (such as the
       organisation's website) and of its inline children (such as contacts' websites); links in rich text and
       StreamField; documents. `generic_page_links(page)` is public so a page type can add to it.
Documents on this site are checked without HTTP (the record and its file must exist).

How a URL is checked
    HEAD, then GET when the server refuses HEAD or answers with an error; redirects followed one hop at a time
    (each hop recorded and each address checked before it is fetched); a timeout; a few threads at once and a
    delay between requests to the same host; a user agent that says who we are. The checker never fetches
    private, loopback or link-local addresses: directory.url_safety decides, before each hop and again at connect
    time (LINK_CHECK_ALLOW_PRIVATE, or the checker's own LINK_HEALTH_ALLOW_PRIVATE, lets tests use a local server).

Run by `manage.py check_links` (cron, nightly) or the task `check_links_task`. Publishing or unpublishing a page
brings its links in the report up to date at once (page_links_changed, connected in DirectoryConfig.ready()). After
each check, functions registered for the "directory_link_results" hook get {url: CheckResult} (for a page type that
keeps its own state, such as schools). Settings:
LINK_CHECK_TIMEOUT (seconds, 10), LINK_CHECK_WORKERS (4), LINK_CHECK_HOST_DELAY (seconds between requests to one
host, 1), LINK_CHECK_MAX_REDIRECTS (10), LINK_CHECK_DIGEST_AFTER_DAYS (a link broken this long goes into the owner's
weekly digest, 7)."""

import datetime
import itertools
import logging
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar, cast
from urllib.parse import urljoin, urlsplit

import requests
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail import blocks, hooks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site
from wagtail.signals import page_unpublished

from localoffer.models import LocalOfferSettings, ReviewTeam

from .. import url_safety
from .models import LinkCheck, LinkOccurrence

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = {301, 302, 303, 307, 308}
DOCUMENT_PREFIX = "/documents/"

# Wagtail ships no type information, so Page, Site and blocks are Any to mypy; the names still say what is meant.
Link = tuple[str, str]  # (where on the page, url): a link we can check
FoundLink = tuple[str, str | None]  # (where, url) as read from a field, which may be empty
RawLink = FoundLink | str  # what external_urls() and link sources may yield: pairs or plain URLs
LinkSource = Callable[[Page], Iterable[RawLink]]
T = TypeVar("T")


def user_agent() -> str:
    base = settings.WAGTAILADMIN_BASE_URL
    return f"LocalOfferLinkChecker/1.0 (checks links on the SEND Local Offer; +{base})"


# --------------------------------------------------------------------------------------------------------------
# Collecting links: the registry


LINK_SOURCES: dict[type[Page], LinkSource] = {}


def link_source(model: type[Page]) -> Callable[[LinkSource], LinkSource]:
    """Register `fn(page) -> iterable of (where, url)` for a page type that has no `external_urls()` method."""

    def register(fn: LinkSource) -> LinkSource:
        LINK_SOURCES[model] = fn
        return fn

    return register


def is_checkable(url: str) -> bool:
    return bool(url) and (url.startswith(("http://", "https://")) or url.startswith(DOCUMENT_PREFIX))


def document_url(document_id: int | str) -> str:
    document = get_document_model().objects.filter(pk=document_id).first()
    return document.url if document else f"{DOCUMENT_PREFIX}{document_id}/"


def links_in_html(html: object) -> list[str]:
    """URLs of the links in rich text (stored or rendered HTML), with documents as this site's document URLs."""
    if not html or "<a" not in str(html):
        return []
    found = []
    for anchor in BeautifulSoup(str(html), "html.parser").find_all("a"):
        # id and href are single-valued attributes, so bs4 gives them as str (only the likes of class are lists).
        if anchor.get("linktype") == "document" and anchor.get("id"):
            found.append(document_url(str(anchor["id"])))
        elif anchor.get("href"):
            found.append(str(anchor["href"]).strip())
    return found


def links_in_block(block: Any, value: Any) -> list[str]:
    """URLs inside one StreamField block value, recursing into structs, lists and streams."""
    if value is None:
        return []
    if isinstance(block, blocks.URLBlock):
        return [value]
    if isinstance(block, blocks.RichTextBlock):
        return links_in_html(getattr(value, "source", value))
    if isinstance(block, blocks.RawHTMLBlock):
        return links_in_html(value)
    if isinstance(block, DocumentChooserBlock):
        return [value.url]
    if isinstance(block, blocks.StructBlock):
        return [url for name, child in block.child_blocks.items() for url in links_in_block(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [url for item in value for url in links_in_block(block.child_block, item)]
    if isinstance(block, blocks.StreamBlock):
        return [url for child in value for url in links_in_block(child.block, child.value)]
    return []


def links_in_stream(stream_value: Any) -> list[str]:
    return [url for child in stream_value for url in links_in_block(child.block, child.value)]


def _label(obj: models.Model, field: "models.Field[Any, Any]") -> str:  # quoted: Field is generic only in the stubs
    return str(field.verbose_name)[:1].upper() + str(field.verbose_name)[1:]


def _lower_first(text: str) -> str:
    """'Website' -> 'website', but 'SENDIASS website' stays as it is."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def object_links(obj: models.Model, prefix: str = "") -> list[FoundLink]:
    """(where, url) for the URL, rich text and StreamField fields of any model instance."""
    document_model = get_document_model()
    found: list[FoundLink] = []
    for model_field in obj._meta.concrete_fields:
        if model_field.model is Page:
            continue  # Wagtail's own fields (owner, revisions...) hold no links
        where = prefix + (_lower_first(_label(obj, model_field)) if prefix else _label(obj, model_field))
        value = getattr(obj, model_field.attname, None)
        if isinstance(model_field, models.URLField):
            found.append((where, value))
        elif isinstance(model_field, RichTextField):
            found += [(where, url) for url in links_in_html(value)]
        elif isinstance(model_field, StreamField):
            found += [(where, url) for url in links_in_stream(getattr(obj, model_field.name))]
        elif isinstance(model_field, models.ForeignKey) and value is not None:
            # A lazy "self" reference is resolved to the model class once the app registry is ready.
            related = cast(type[models.Model], model_field.related_model)
            if related is document_model:
                found.append((where, document_url(value)))
            elif not issubclass(related, Page) and related._meta.app_label not in {"auth", "contenttypes"}:
                target = getattr(obj, model_field.name)
                for model_subfield in related._meta.concrete_fields:
                    if isinstance(model_subfield, models.URLField):
                        sub_where = f"{where}: {_lower_first(_label(target, model_subfield))}"
                        found.append((sub_where, getattr(target, model_subfield.attname)))
    return found


def generic_page_links(page: Page) -> list[FoundLink]:
    """The links of a page found by looking at its fields, what it points to and its inline children."""
    found = object_links(page)
    for relation in page._meta.related_objects:
        if not isinstance(relation.field, ParentalKey):
            continue
        name = str(relation.related_model._meta.verbose_name)
        for child in getattr(page, relation.get_accessor_name()).all():
            found += object_links(child, prefix=f"{name[:1].upper()}{name[1:]} '{child}': ")
    return found


def settings_links(site: Site) -> list[FoundLink]:
    """Links in the site settings (SENDIASS and parent carer forum websites...): they appear on every page."""
    site_settings = LocalOfferSettings.for_site(site)
    return [(f"Site settings: {_lower_first(where)}", url) for where, url in object_links(site_settings)]


def page_links(page: Page) -> list[Link]:
    """(where, url) pairs for one page, from the registry, de-duplicated, only links we can check."""
    page = page.specific
    if hasattr(page, "external_urls"):
        raw = page.external_urls()
    elif type(page) in LINK_SOURCES:
        raw = LINK_SOURCES[type(page)](page)
    else:
        raw = generic_page_links(page)
    seen: set[Link] = set()
    result: list[Link] = []
    for item in raw:
        where, url = item if isinstance(item, tuple) else ("Link", item)
        url = (url or "").strip()
        if is_checkable(url) and (where, url) not in seen:
            seen.add((where, url))
            result.append((where, url))
    return result


def links_for_page(page: Page, sites: Mapping[int, list[Site]] | None = None) -> list[Link]:
    """A page's links; a site's root page also carries the site settings' links (shown on every page)."""
    links = page_links(page)
    rooted_here: Iterable[Site] = Site.objects.filter(root_page_id=page.pk) if sites is None else sites.get(page.pk, [])
    for site in rooted_here:
        links += [
            (where, url)
            for where, url in settings_links(site)
            if url is not None and is_checkable(url) and (where, url) not in links
        ]
    return links


def collect_links() -> dict[Page, list[Link]]:
    """{page: [(where, url), ...]} for every live page."""
    sites: defaultdict[int, list[Site]] = defaultdict(list)
    for site in Site.objects.all():
        sites[site.root_page_id].append(site)
    collected: dict[Page, list[Link]] = {}
    for page in Page.objects.live().specific().iterator(chunk_size=200):
        links = links_for_page(page, sites)
        if links:
            collected[page] = links
    return collected


# --------------------------------------------------------------------------------------------------------------
# Checking one URL


class RedirectHop(TypedDict):
    """One redirect followed (stored as JSON in LinkCheck.redirect_chain)."""

    url: str
    status: int


@dataclass
class CheckResult:
    url: str
    ok: bool
    status_code: int | None = None
    final_url: str = ""
    redirect_chain: list[RedirectHop] = field(default_factory=list)
    error: str = ""


class HostThrottle:
    """At most one request per `delay` seconds to each host, across threads: each caller reserves a slot."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.lock = threading.Lock()
        self.next_at: dict[str, float] = {}

    def wait(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            at = max(now, self.next_at.get(host, now))
            self.next_at[host] = at + self.delay
        if at > now:
            time.sleep(at - now)


def address_problem(url: str) -> str:
    """Why this URL must not be fetched (not http(s), or a private, loopback or link-local address), or ""."""
    problem = url_safety.check_public_url(url, private_ok=settings.LINK_HEALTH_ALLOW_PRIVATE)
    return f"Not checked: {problem}" if problem else ""


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        nested = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
        current = getattr(current, "reason", None) or current.__cause__ or current.__context__ or nested


def describe_request_error(error: BaseException, timeout: float) -> str:
    """A plain description of a failed request, specific enough to act on."""
    causes = list(_causes(error))
    if any(isinstance(cause, url_safety.BlockedAddressError) for cause in causes):
        return f"Not checked: {url_safety.ERROR_PRIVATE}"
    if isinstance(error, requests.Timeout) or any(isinstance(cause, TimeoutError) for cause in causes):
        return f"Timed out: no answer within {timeout:g} seconds"
    for cause in causes:
        if isinstance(cause, socket.gaierror) or type(cause).__name__ == "NameResolutionError":
            return f"Unknown host: {url_safety.ERROR_NOT_FOUND_HOST}"
        if isinstance(cause, ConnectionRefusedError):
            return "Connection refused: nothing is answering at this address"
    if isinstance(error, requests.exceptions.SSLError):
        return url_safety.ERROR_TLS
    text = str(error)
    if "NameResolutionError" in text or "Name or service not known" in text or "getaddrinfo" in text:
        return f"Unknown host: {url_safety.ERROR_NOT_FOUND_HOST}"
    if "refused" in text.lower():
        return "Connection refused: nothing is answering at this address"
    if isinstance(error, requests.ConnectionError):
        return url_safety.ERROR_CONNECTION
    return f"Could not check: {type(error).__name__}"


def new_session() -> requests.Session:
    """url_safety's session (it refuses to connect to a non-public peer, whatever DNS said) with our user agent."""
    session = url_safety._session(private_ok=settings.LINK_HEALTH_ALLOW_PRIVATE)
    session.headers["User-Agent"] = user_agent()
    return session


def _request(session: requests.Session, url: str, timeout: float) -> requests.Response:
    """HEAD, falling back to GET (body not downloaded) when HEAD is refused or answers with an error."""
    response = session.head(url, allow_redirects=False, timeout=timeout)
    response.close()
    if response.status_code >= 400 and response.status_code not in REDIRECT_STATUSES:
        response = session.get(url, allow_redirects=False, timeout=timeout, stream=True)
        response.close()
    return response


def check_document(url: str) -> CheckResult:
    """A document on this site: its record and its file must exist."""
    try:
        document_id = int(url[len(DOCUMENT_PREFIX) :].split("/")[0])
    except ValueError:
        return CheckResult(url, ok=False, error="Not a document address")
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return CheckResult(url, ok=False, status_code=404, error="The document has been deleted")
    if not document.file or not document.file.storage.exists(document.file.name):
        return CheckResult(url, ok=False, status_code=404, error="The document's file is missing")
    return CheckResult(url, ok=True, status_code=200, final_url=document.url)


def check_url(
    url: str,
    session: requests.Session | None = None,
    throttle: HostThrottle | None = None,
    timeout: float | None = None,
) -> CheckResult:
    """Check one external URL. Never raises: every failure is a result."""
    if url.startswith(DOCUMENT_PREFIX):
        return check_document(url)
    timeout = timeout if timeout is not None else settings.LINK_CHECK_TIMEOUT
    throttle = throttle or HostThrottle(0)
    own_session = session is None
    if session is None:
        session = new_session()
    chain: list[RedirectHop] = []
    current = url
    try:
        for _hop in range(settings.LINK_CHECK_MAX_REDIRECTS + 1):
            problem = address_problem(current)
            if problem:
                return CheckResult(url, ok=False, final_url=current, redirect_chain=chain, error=problem)
            throttle.wait(urlsplit(current).hostname or "")
            try:
                response = _request(session, current, timeout)
            except (requests.RequestException, url_safety.BlockedAddressError, ValueError) as exc:
                error = describe_request_error(exc, timeout)
                return CheckResult(url, ok=False, final_url=current, redirect_chain=chain, error=error)
            location = response.headers.get("Location")
            if response.status_code in REDIRECT_STATUSES:
                if not location:
                    error = url_safety.ERROR_REDIRECT_NO_LOCATION
                    return CheckResult(
                        url,
                        ok=False,
                        status_code=response.status_code,
                        final_url=current,
                        redirect_chain=chain,
                        error=error,
                    )
                chain.append({"url": current, "status": response.status_code})
                current = urljoin(current, location)
                if not current.startswith(("http://", "https://")):
                    return CheckResult(url, ok=False, final_url=current, redirect_chain=chain, error="Bad redirect")
                continue
            status = response.status_code
            ok = status < 400
            error = "" if ok else url_safety._status_error(status)
            return CheckResult(url, ok=ok, status_code=status, final_url=current, redirect_chain=chain, error=error)
        return CheckResult(url, ok=False, final_url=current, redirect_chain=chain, error="Too many redirects")
    finally:
        if own_session:
            session.close()


def _interleave_by_host(urls: Iterable[str]) -> list[str]:
    """Round-robin over hosts, so the threads are busy with different hosts rather than queueing on one."""
    by_host: defaultdict[str, list[str]] = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).hostname or ""].append(url)
    return [url for group in itertools.zip_longest(*by_host.values()) for url in group if url is not None]


def check_urls(
    urls: Iterable[str],
    workers: int | None = None,
    host_delay: float | None = None,
    timeout: float | None = None,
) -> dict[str, CheckResult]:
    """{url: CheckResult} for many URLs: a small thread pool, a per-host delay, one session per thread."""
    workers = workers or settings.LINK_CHECK_WORKERS
    throttle = HostThrottle(settings.LINK_CHECK_HOST_DELAY if host_delay is None else host_delay)
    local = threading.local()
    sessions: list[requests.Session] = []
    sessions_lock = threading.Lock()

    def session() -> requests.Session:
        if not hasattr(local, "session"):
            local.session = new_session()
            with sessions_lock:
                sessions.append(local.session)
        this_thread: requests.Session = local.session
        return this_thread

    def one(url: str) -> CheckResult | None:
        if url.startswith(DOCUMENT_PREFIX):
            return None  # checked on the main thread: it needs the database
        return check_url(url, session=session(), throttle=throttle, timeout=timeout)

    ordered = _interleave_by_host(list(dict.fromkeys(urls)))
    results: dict[str, CheckResult] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as pool:
            for url, result in zip(ordered, pool.map(one, ordered), strict=True):
                results[url] = result or check_document(url)
    finally:
        for s in sessions:
            s.close()
    return results


# --------------------------------------------------------------------------------------------------------------
# Running a whole check and keeping the results


@dataclass
class RunSummary:
    pages: int
    links: int
    broken: int


def _chunks(items: Iterable[T], size: int = 500) -> Iterator[list[T]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _url_ids(urls: Iterable[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in _chunks(urls):
        ids.update(LinkCheck.objects.filter(url__in=chunk).values_list("url", "pk"))
    return ids


def record(results: Mapping[str, CheckResult], now: datetime.datetime | None = None) -> None:
    """Save results onto the LinkCheck rows; keep when a link first failed until it works again."""

    now = now or timezone.now()
    for chunk in _chunks(results):
        for link in LinkCheck.objects.filter(url__in=chunk):
            result = results[link.url]
            if result.ok:
                link.first_failure_at = None
            elif link.ok is not False or link.first_failure_at is None:
                link.first_failure_at = now
            link.ok = result.ok
            link.status_code = result.status_code
            link.final_url = result.final_url[:2000]
            link.redirect_chain = result.redirect_chain
            link.error = result.error[:255]
            link.last_checked_at = now
            link.save()
    for hook in hooks.get_hooks("directory_link_results"):
        hook(results)  # e.g. a page type that keeps its own copy of a link's state


def _ensure_rows(urls: Collection[str]) -> dict[str, int]:
    missing = set(urls) - set(_url_ids(urls))
    LinkCheck.objects.bulk_create([LinkCheck(url=url) for url in missing], ignore_conflicts=True)
    return _url_ids(urls)


def _sync_page(page_id: int, links: Iterable[Link], ids: Mapping[str, int]) -> None:
    wanted = {(ids[url], where[:255]) for where, url in links}
    current = {(o.link_id, o.where): o.pk for o in LinkOccurrence.objects.filter(page_id=page_id)}
    LinkOccurrence.objects.filter(pk__in=[pk for key, pk in current.items() if key not in wanted]).delete()
    LinkOccurrence.objects.bulk_create(
        [LinkOccurrence(page_id=page_id, link_id=link_id, where=where) for link_id, where in wanted - set(current)]
    )


def _forget_unused() -> None:
    LinkCheck.objects.filter(occurrences__isnull=True).delete()


def sync_occurrences(collected: Mapping[Page, list[Link]]) -> set[str]:
    """Make LinkCheck/LinkOccurrence match what is on live pages now; forget links no page has any more."""

    urls = {url for links in collected.values() for _where, url in links}
    ids = _ensure_rows(urls)
    LinkOccurrence.objects.exclude(page__in=[page.pk for page in collected]).delete()
    for page, links in collected.items():
        _sync_page(page.pk, links, ids)
    _forget_unused()
    return urls


def sync_page_links(page: Page, unpublished: bool = False) -> None:
    """When a page is published or unpublished, its links in the report follow at once: a link taken off the page
    leaves the report; a new one waits for the next check. `unpublished` is the signal's word, not the row's: a page
    unpublished on its way to being deleted is never saved as not live, so its row still says live."""
    page = page.specific
    links = links_for_page(page) if page.live and not unpublished else []
    with transaction.atomic():
        _sync_page(page.pk, links, _ensure_rows({url for _where, url in links}))
        _forget_unused()


def recheck(link: LinkCheck) -> LinkCheck:
    """Check one stored link again now (after someone fixed it) and keep the result."""
    result = check_url(link.url)
    record({link.url: result})
    link.refresh_from_db()
    return link


def run_link_check(urls: Iterable[str] | None = None) -> RunSummary:
    """Collect the links on live pages, check them all (or only `urls`), keep the results."""
    collected = collect_links()
    with transaction.atomic():
        all_urls = sync_occurrences(collected)
    to_check = all_urls if urls is None else set(urls) & all_urls
    results = check_urls(sorted(to_check))
    with transaction.atomic():
        record(results)
    return RunSummary(
        pages=len(collected), links=len(to_check), broken=sum(not result.ok for result in results.values())
    )


# --------------------------------------------------------------------------------------------------------------
# Reading the results


@dataclass
class BrokenOnPage:
    page: Page
    owner: ReviewTeam | None
    occurrences: list[LinkOccurrence]


def broken_by_page(
    owner: ReviewTeam | None = None, older_than: datetime.timedelta | None = None, member: Any = None
) -> list[BrokenOnPage]:
    """Live pages with broken links, each with its owner and its broken links, grouped for the report; `member`
    (a user): only the pages of the review teams they are in ("My team's reviews"; none when they are in none)."""

    occurrences = (
        LinkOccurrence.objects.filter(link__ok=False, page__live=True)
        .select_related("link", "page")
        .order_by("page__title", "where")
    )
    if older_than is not None:
        occurrences = occurrences.filter(link__first_failure_at__lte=timezone.now() - older_than)
    pages: dict[int, list[LinkOccurrence]] = {}
    for occurrence in occurrences:
        pages.setdefault(occurrence.page_id, []).append(occurrence)
    specific = {page.pk: page for page in Page.objects.filter(pk__in=list(pages)).specific()}
    teams = None if member is None else set(ReviewTeam.objects.with_member(member))
    groups = []
    for page_id, items in pages.items():
        page = specific[page_id]
        page_owner = getattr(page, "review_owner", None)
        if (owner is not None and page_owner != owner) or (teams is not None and page_owner not in teams):
            continue
        groups.append(BrokenOnPage(page=page, owner=page_owner, occurrences=items))
    groups.sort(key=lambda group: ((group.owner.name if group.owner else "~"), group.page.title))
    return groups


def last_link_check() -> datetime.datetime | None:
    """When links were last checked (the newest result kept), or None: then no count of broken links means anything."""
    latest: datetime.datetime | None = LinkCheck.objects.aggregate(latest=Max("last_checked_at"))["latest"]
    return latest


def broken_link_count() -> int:
    return LinkCheck.objects.filter(ok=False, occurrences__page__live=True).distinct().count()


def digest_after() -> datetime.timedelta:
    return datetime.timedelta(days=settings.LINK_CHECK_DIGEST_AFTER_DAYS)


def page_links_changed(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    """A page's links in the Broken links report follow it as soon as it is published or unpublished."""
    try:
        sync_page_links(instance, unpublished=kwargs.get("signal") is page_unpublished)
    except Exception:  # never let the report's bookkeeping stop a page being published
        logger.exception("Could not update the links of page %s", instance.pk)
