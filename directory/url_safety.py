"""Is a web address someone gave us safe to store, link to and fetch, and does it load?

Three functions, shared by the SENCO submission form, the scheduled link checker and the open data importer:

- ``check_public_url(url)`` returns a plain-English error message, or None if the address is acceptable: http or
  https only (no ``javascript:``, ``data:``, ``file:``...), no user name or password in it, and a host that is not a
  private, loopback, link-local or otherwise non-public address. A host name is resolved and EVERY address it
  resolves to must be public. A name that does not resolve at all is not an error here (we cannot tell, and the
  site may be down for a while); ``fetch_status`` reports it as not loading.
- ``fetch_body(url, timeout, max_bytes)`` fetches the same safe way and returns the body as well (feeds an importer
  reads), within a size limit and an overall time limit.
- ``fetch_status(url, timeout)`` returns ``FetchResult(status, final_url, error)`` (a named tuple, so
  ``status, final_url, error = fetch_status(url)`` works). It follows up to ``MAX_REDIRECTS`` redirects, checking
  each new address, and refuses to connect to a non-public address even if DNS changed between the check and the
  connection (the connected socket's peer address is checked). ``error`` is None only when the final answer was a
  2xx; otherwise it says plainly what went wrong, and ``status`` holds the HTTP status if there was one.

Tests that need to fetch from a local server set ``LINK_CHECK_ALLOW_PRIVATE = True`` (declared False in
localoffer/settings/base.py; production pins it off). The scheduled link checker alone may be let through by its own
``LINK_HEALTH_ALLOW_PRIVATE`` (the browser tests' site checks links to the tests' own server, while its SENCO form
must still refuse a private address): it passes ``private_ok=True`` to ``check_public_url`` and ``_session``.
"""

import ipaddress
import socket
import time
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

MAX_URL_LENGTH = 2000
MAX_REDIRECTS = 5
DEFAULT_TIMEOUT = 10
USER_AGENT = "LocalOfferLinkChecker/1.0 (checks links on a SEND Local Offer website)"

ERROR_EMPTY = "Enter a web address, starting with https://"
ERROR_TOO_LONG = f"The web address must be {MAX_URL_LENGTH} characters or fewer"
ERROR_SCHEME = "Enter a web address that starts with https:// or http://"
ERROR_INVALID = "Enter a real web address, like https://www.example-school.sch.uk/send-report"
ERROR_CREDENTIALS = "The web address must not contain a user name or password"
ERROR_PRIVATE = "The web address must be a public website, not a private or local network address"

ERROR_NOT_FOUND_HOST = "The website could not be found. Check the address is spelt correctly"
ERROR_TIMEOUT = "The website took too long to answer"
ERROR_CONNECTION = "The website could not be reached"
ERROR_TLS = "The website's security certificate is not valid"
ERROR_TOO_MANY_REDIRECTS = "The web address redirects too many times"
ERROR_REDIRECT_NO_LOCATION = "The website sent a redirect without saying where to"

LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet")


class FetchResult(NamedTuple):
    status: int | None
    final_url: str
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


class BlockedAddressError(Exception):
    """Raised inside a connection attempt to a non-public address."""


def allow_private() -> bool:
    return bool(settings.LINK_CHECK_ALLOW_PRIVATE)


def is_public_address(address: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True if an IP address (string or ipaddress object) is a public, routable unicast address."""
    try:
        ip = ipaddress.ip_address(str(address).split("%", 1)[0])
    except ValueError:
        return False
    if ip.version == 6:
        # ::ffff:127.0.0.1 and 64:ff9b::10.0.0.1 style addresses carry an IPv4 address: judge that one.
        if ip.ipv4_mapped is not None:
            return is_public_address(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            return is_public_address(ip.sixtofour)
        if ip.teredo is not None:
            return False
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def _host_is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _resolve(host: str, port: int) -> list[str]:
    """All addresses a host name resolves to; an empty list if it does not resolve."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    # The first item of an inet socket address is the address text; typeshed also allows an int (non-inet families).
    return [str(info[4][0]) for info in infos]


def check_public_url(url: str | None, private_ok: bool = False) -> str | None:
    """Return a plain-English error message if ``url`` is not a safe public http(s) address, else None.
    ``private_ok`` (or the LINK_CHECK_ALLOW_PRIVATE setting) lets local and private hosts through."""
    private_ok = private_ok or allow_private()
    url = (url or "").strip()
    if not url:
        return ERROR_EMPTY
    if len(url) > MAX_URL_LENGTH:
        return ERROR_TOO_LONG
    if any(ord(ch) < 33 for ch in url):
        return ERROR_INVALID
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return ERROR_INVALID
    if parts.scheme.lower() not in ("http", "https"):
        return ERROR_SCHEME
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return ERROR_CREDENTIALS
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return ERROR_INVALID
    if host == "localhost" or host.endswith(LOCAL_SUFFIXES):
        return None if private_ok else ERROR_PRIVATE
    if _host_is_ip_literal(host):
        if not private_ok and not is_public_address(host):
            return ERROR_PRIVATE
    else:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            return ERROR_INVALID
        if "." not in host:
            return ERROR_INVALID
    # Decimal or hex forms of an address ("http://2130706433/") are not valid host names, so the validator above
    # rejects them; named hosts are resolved and every address must be public.
    if not private_ok:
        default_port = 443 if parts.scheme.lower() == "https" else 80
        for address in _resolve(host, port or default_port):
            if not is_public_address(address):
                return ERROR_PRIVATE
    return None


# Connections that refuse non-public peers ----------------------------------------------------------------------


def _check_peer(sock: socket.socket) -> None:
    if allow_private():
        return
    try:
        peer = sock.getpeername()[0]
    except OSError:
        peer = None
    if peer is None or not is_public_address(peer):
        sock.close()
        raise BlockedAddressError(ERROR_PRIVATE)


class _SafeHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _check_peer(sock)
        return sock


class _SafeHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _check_peer(sock)
        return sock


class _SafeHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = _SafeHTTPConnection


class _SafeHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = _SafeHTTPSConnection


class _SafeAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _SafeHTTPConnectionPool, "https": _SafeHTTPSConnectionPool}


def _session(private_ok: bool = False) -> requests.Session:
    """A session that refuses to connect to a non-public peer (unless ``private_ok``), whatever DNS said."""
    session = requests.Session()
    session.trust_env = False  # no proxies from the environment: we must see the real peer address
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8"
    adapter = HTTPAdapter(max_retries=0) if private_ok else _SafeAdapter(max_retries=0)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _status_error(status: int) -> str:
    if status in (404, 410):
        return f"The page was not found (error {status}). It may have moved or been removed"
    if status in (401, 403):
        return f"The page is not public (error {status}). Families must be able to open it without logging in"
    if status >= 500:
        return f"The website had a problem showing the page (error {status})"
    return f"The website did not show the page (error {status})"


def _exception_error(exc: BaseException) -> str:
    chain: BaseException | None = exc
    while chain is not None:
        if isinstance(chain, BlockedAddressError):
            return ERROR_PRIVATE
        chain = chain.__cause__ or chain.__context__
    text = str(exc)
    if isinstance(exc, requests.exceptions.SSLError):
        return ERROR_TLS
    if isinstance(exc, requests.exceptions.Timeout):
        return ERROR_TIMEOUT
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "NameResolutionError" in text or "Name or service not known" in text or "getaddrinfo" in text:
            return ERROR_NOT_FOUND_HOST
        return ERROR_CONNECTION
    return ERROR_CONNECTION


def fetch_status(url: str | None, timeout: float = DEFAULT_TIMEOUT) -> FetchResult:
    """Fetch ``url`` safely and say whether it loads. Returns FetchResult(status, final_url, error)."""
    url = (url or "").strip()
    error = check_public_url(url)
    if error:
        return FetchResult(None, url, error)
    session = _session()
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                response = session.get(current, timeout=timeout, allow_redirects=False, stream=True)
            except BlockedAddressError:
                return FetchResult(None, current, ERROR_PRIVATE)
            except requests.RequestException as exc:
                return FetchResult(None, current, _exception_error(exc))
            status = response.status_code
            location = response.headers.get("Location")
            response.close()
            if status in (301, 302, 303, 307, 308):
                if not location:
                    return FetchResult(status, current, ERROR_REDIRECT_NO_LOCATION)
                current = urljoin(current, location)
                error = check_public_url(current)
                if error:
                    return FetchResult(status, current, error)
                continue
            if 200 <= status < 300:
                return FetchResult(status, current, None)
            return FetchResult(status, current, _status_error(status))
        return FetchResult(None, current, ERROR_TOO_MANY_REDIRECTS)
    finally:
        session.close()


class FetchedBody(NamedTuple):
    status: int | None
    final_url: str
    error: str | None
    content: bytes
    content_type: str


ERROR_TOO_LARGE = "The answer was larger than we accept"


def _body_error(exc: BaseException) -> str:
    if isinstance(exc, urllib3.exceptions.ReadTimeoutError | TimeoutError):
        return ERROR_TIMEOUT
    if isinstance(exc, requests.RequestException):
        return _exception_error(exc)
    return ERROR_CONNECTION


def fetch_body(url: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = 50 * 1024 * 1024) -> FetchedBody:
    """Fetch ``url`` safely, as ``fetch_status`` does (public addresses only, every redirect checked), and read its
    body: at most ``max_bytes``, and within ``timeout`` seconds in all (a server that sends slowly is cut off).
    ``error`` is None only for a 2xx answer read in full; importers (directory/openreferral/) use it."""
    url = (url or "").strip()
    error = check_public_url(url)
    if error:
        return FetchedBody(None, url, error, b"", "")
    deadline = time.monotonic() + timeout
    session = _session()
    session.headers["Accept"] = "application/json"
    current = url
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                response = session.get(current, timeout=timeout, allow_redirects=False, stream=True)
            except BlockedAddressError:
                return FetchedBody(None, current, ERROR_PRIVATE, b"", "")
            except requests.RequestException as exc:
                return FetchedBody(None, current, _exception_error(exc), b"", "")
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                response.close()
                if not location:
                    return FetchedBody(status, current, ERROR_REDIRECT_NO_LOCATION, b"", "")
                current = urljoin(current, location)
                error = check_public_url(current)
                if error:
                    return FetchedBody(status, current, error, b"", "")
                continue
            content_type = response.headers.get("Content-Type", "")
            if not 200 <= status < 300:
                response.close()
                return FetchedBody(status, current, _status_error(status), b"", content_type)
            chunks: list[bytes] = []
            size = 0
            try:
                # read1 returns what one read of the socket brings, so a server sending a byte at a time is cut off
                # at the deadline rather than waited for until a whole chunk has come.
                while chunk := response.raw.read1(64 * 1024, decode_content=True):
                    size += len(chunk)
                    if size > max_bytes:
                        return FetchedBody(status, current, ERROR_TOO_LARGE, b"", content_type)
                    if time.monotonic() > deadline:
                        return FetchedBody(status, current, ERROR_TIMEOUT, b"", content_type)
                    chunks.append(chunk)
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
                return FetchedBody(status, current, _body_error(exc), b"", content_type)
            finally:
                response.close()
            return FetchedBody(status, current, None, b"".join(chunks), content_type)
        return FetchedBody(None, current, ERROR_TOO_MANY_REDIRECTS, b"", "")
    finally:
        session.close()
