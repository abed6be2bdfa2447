"""The no-leak tests' crawl: every public URL reachable from the start addresses, each page's text searched for the
secrets (contact details) that must never reach the public."""

import re
from collections import deque
from urllib.parse import urljoin, urlparse

NOT_PUBLIC = ("/admin", "/static/", "/media/", "/documents/")


def links(base, html):
    """The site's own addresses a page links to or loads."""
    for href in re.findall(r'(?:href|src)="([^"#]+)', html):
        url = urlparse(urljoin(base, href.replace("&amp;", "&")))
        if url.netloc in ("", "testserver") and url.scheme in ("", "http"):
            yield url.path + (f"?{url.query}" if url.query else "")


def crawl_for_secrets(client, start, secrets, max_pages):
    """Fetch up to max_pages public URLs breadth first from `start`, following redirects and links, asserting that no
    secret appears in any response. Returns the URLs fetched."""
    seen, queue, fetched = set(), deque(start), 0
    while queue and fetched < max_pages:
        url = queue.popleft()
        if url in seen or url.startswith(NOT_PUBLIC):
            continue
        seen.add(url)
        response = client.get(url)
        fetched += 1
        assert response.status_code in (200, 301, 302, 404), (url, response.status_code)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode("utf-8", "replace")
        for secret in secrets:
            assert secret not in text, f"{secret!r} found on {url}"
        if "html" in response.get("Content-Type", ""):
            queue.extend(links(url, text))
    return seen
