"""One rate limit for every public form (comments, SENCO submissions, and provider updates when they come), counted
per real client in the cache every worker shares.

Who the client is. The address the connection came from (REMOTE_ADDR), unless the site runs behind reverse proxies
(a load balancer, nginx, a CDN): then TRUSTED_PROXY_COUNT says how many, and django-ipware reads the client from
X-Forwarded-For, that many entries from the right of the chain the proxies built (the entries a client wrote itself
sit further left and are ignored). A request from a peer that is not a trusted proxy (any peer while the count is 0;
one outside TRUSTED_PROXIES when that names them) has its X-Forwarded-For ignored, so nobody can become somebody
else by sending the header. A chain shorter than the proxies would have made counts as the proxy itself.

The address is never stored or logged: only a keyed hash of it is used (HMAC with SECRET_KEY, salted with the date, so
the keys change daily), as part of a cache key that lives no longer than the window.

Counting. A client has `limit` slots in each scope, each a cache key living `window` seconds from when it was taken.
A request is allowed when it takes a free slot with cache.add, which is atomic on every shared backend (Redis's
SET NX, the database cache's primary key), so two workers can never both take the last one; cache.incr would not do,
as the database cache implements it as a read and then a write. The window slides: at most `limit` requests in any
`window` seconds. (The one gap: on the database cache, two requests from the same client racing at the very moment a
slot expires may both take it; one extra at most, and only then.)

A new public form limits itself like this (provider updates, for example, with a policy declared in base.py):

    decision = ratelimit.allow(request, "provider-update", settings.PROVIDER_UPDATE_RATE_LIMIT, 3600)
    if not decision.allowed:
        response = render(request, "...", {...}, status=429)  # keep what they typed; say how long to wait
        response["Retry-After"] = str(decision.retry_after)
        return response
"""

import ipaddress
import math
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from ipware import get_client_ip

# Only the standard header: the many others django-ipware knows (X-Real-IP, CF-Connecting-IP, ...) are as easy to
# forge, and the proxies we are told to trust write this one.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR",)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Decision:
    """Whether a request may go ahead; if not, how many seconds until it may (for Retry-After and the message)."""

    allowed: bool
    retry_after: int = 0


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/8)"
            ) from None
    return tuple(networks)


def _trusted_peer(peer: str) -> bool:
    """True if the peer may speak for the client: TRUSTED_PROXIES names it, or names nothing."""
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address.version == network.version and address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The real client's address (see the module's docstring). Use it only to count; never store or log it."""
    peer: str = request.META.get("REMOTE_ADDR") or ""
    hops: int = settings.TRUSTED_PROXY_COUNT
    if hops < 1 or not _trusted_peer(peer):
        return peer
    # The chain is "client, proxy 1, ..., proxy N-1" (the nearest proxy is the peer): ipware counts the proxies in
    # the header, so N-1. Not strict: entries a client put in front are skipped, not a reason to distrust the rest.
    address, _routable = get_client_ip(
        request,
        proxy_count=hops - 1,
        request_header_order=FORWARDED_HEADERS,
        strict=False,
        algorithm="modern",
    )
    return address or peer


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the real client's address, changing daily: enough to count, never enough to identify."""
    salt = f"localoffer.ratelimit:{timezone.now():%Y-%m-%d}"
    return salted_hmac(salt, client_address(request), algorithm="sha256").hexdigest()


def allow(request: HttpRequest, scope: str, limit: int, window: int) -> Decision:
    """Count this request against its client's allowance of `limit` per `window` seconds in `scope` (a short name
    per form, e.g. "comment"): allowed, or refused with the seconds until a slot frees."""
    now = time.time()
    client = client_key(request)
    keys = [f"ratelimit:{scope}:{client}:{slot}" for slot in range(max(limit, 0))]
    taken: dict[str, float] = cache.get_many(keys) if keys else {}
    for key in keys:
        # A slot another request takes between get_many and add makes add fail: try the next one.
        if key not in taken and cache.add(key, now, timeout=window):
            return Decision(allowed=True)
    oldest = min(taken.values(), default=now)
    return Decision(allowed=False, retry_after=max(1, math.ceil(oldest + window - now)))
