"""No 500 on any input: every public page and form of the demo site, sent hostile values.

The test crawls the demo council's public site from the home page (and the sitemap), finds every form and every
query parameter its links use, and sends each field and parameter hostile values: unmatched quotes and full-text
operators, NUL bytes, 20,000 characters, right-to-left and emoji text, numbers out of range, markup, repeated and
unknown keys, and POSTs with a missing or bad CSRF token. It asserts: no response >= 500, no hostile markup
reflected unescaped, and a form that re-shows keeps what the person typed. A new form or parameter is covered
without editing the test; the test prints what it covered and checks the known forms were found."""

import html
import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.conftest import on_demo_copy, production_database_only

SCRIPT = "<script>alert('x')</script>"
HOSTILE = [
    '"',
    "'",
    "&",
    "|",
    "!",
    ":*",
    "(",
    "autism\" OR 'a'='a",
    "a\x00b",
    "x" * 20_000,
    "\u202eevil\u202c right-to-left",
    "سلام 🎉👨‍👩‍👧",
    "-1",
    "99999999999999999999999",
    "1e400",
    SCRIPT,
]
# What a person might type that a re-shown form must keep (escaped as HTML).
TYPED = "Émilie’s speech 🎉"
MAX_PAGES = 400
SKIP_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The whole demo council (a copy of the run's demo template) for this module, in a transaction rolled back."""
    with django_db_blocker.unblock(), on_demo_copy(tmp_path_factory.mktemp("demo")):
        yield


def internal(href):
    if not href:
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client):
    """Every public page reachable from the home page and the sitemap: {url: soup}."""
    sitemap = client.get("/sitemap.xml").content.decode()
    queue = ["/", *(urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap))]
    seen, pages, variants = set(), {}, defaultdict(int)
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or variants[path] >= 3:
            continue
        seen.add(url)
        variants[path] += 1
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        pages[url] = soup
        queue += [link for a in soup.find_all("a", href=True) if (link := internal(a["href"]))]
    return pages


def forms_on(url, soup):
    """Each form: (method, action path, {field name: default value}); fields outside it with form="id" included."""
    found = []
    for form in soup.find_all("form"):
        fields = {}
        controls = form.find_all(["input", "select", "textarea", "button"])
        if form.get("id"):
            controls += soup.find_all(attrs={"form": form["id"]})
        for control in controls:
            name = control.get("name")
            if not name:
                continue
            if control.name == "select":
                option = control.find("option", selected=True) or control.find("option")
                value = option.get("value", option.text) if option else ""
            elif control.name == "textarea":
                value = control.text
            else:
                value = control.get("value", "on" if control.get("type") in ("checkbox", "radio") else "")
            fields.setdefault(name, value)
        action = internal(form.get("action") or url) or urlsplit(url).path
        found.append(((form.get("method") or "get").lower(), urlsplit(action).path, fields, action))
    return found


def assert_safe(response, where):
    assert response.status_code < 500, where
    if "html" in response.get("Content-Type", ""):
        assert SCRIPT not in response.content.decode(errors="replace"), f"unescaped markup reflected: {where}"


def shape(path):
    """Forms whose paths differ only by numbers (one per school, per service) are the same form."""
    return re.sub(r"\d+", "N", path)


@pytest.mark.slow
@production_database_only
def test_no_public_page_or_form_answers_500_to_hostile_input(demo_site, db):
    browser = Client(enforce_csrf_checks=True)
    pages = crawl(browser)
    assert len(pages) > 100, "the crawl should reach the whole demo site"

    forms, parameters = {}, defaultdict(set)
    for url, soup in pages.items():
        for method, path, fields, action in forms_on(url, soup):
            known = forms.setdefault((method, shape(path)), (url, path, {}, action))
            for name, value in fields.items():  # one form under several pages' boxes: every field of any of them
                known[2].setdefault(name, value)
        for a in soup.find_all("a", href=True):
            link = internal(a["href"])
            if link and "?" in link:
                path, query = link.split("?", 1)
                parameters[path].update(key for key, _ in parse_qsl(query))

    covered = []
    for (method, _shape), (page_url, path, fields, action) in sorted(forms.items()):
        names = [name for name in fields if name != "csrfmiddlewaretoken"]
        covered.append(f"{method.upper()} {path}: {', '.join(sorted(names)) or '(no fields)'}")
        for name in [*names, "unknown_key"]:
            if method == "post":  # a fresh page, as a person would have it: its CSRF token and form token
                fields = fields_of(browser, page_url, path) or fields
            for value in HOSTILE:
                data = {**fields, name: value}
                response = browser.get(path, data) if method == "get" else browser.post(action, data)
                assert_safe(response, f"{method} {path} {name}={value[:30]!r}")
        if method == "get":
            repeated = urlencode([(name, value) for name in names for value in ("1", "2", SCRIPT)])
            assert_safe(browser.get(f"{path}?{repeated}"), f"repeated keys on {path}")
        else:
            assert_safe(browser.post(action, {**fields, "csrfmiddlewaretoken": "bad"}), f"bad CSRF on {path}")
            assert_safe(Client(enforce_csrf_checks=True).post(action, {}), f"no CSRF on {path}")
            keeps_what_was_typed(browser, page_url, path, action)

    for path, keys in sorted(parameters.items()):
        covered.append(f"GET {path} ?{'&'.join(sorted(keys))}")
        for key in keys:
            for value in HOSTILE:
                assert_safe(browser.get(path, {key: value}), f"{path}?{key}={value[:30]!r}")

    print("\n".join(["Hostile input covered:", *covered]))
    found = {f"{method.upper()} {form_shape}" for method, form_shape in forms}
    for expected in (
        "GET /search/",
        "GET /services/",
        "GET /schools/",
        "GET /schools/update-your-link/",
        "POST /have-your-say/",
        "POST /schools/update-your-link/N/",
        "POST /services/my-list/add/",
    ):
        assert expected in found, f"{expected} was not found by the crawl; found {sorted(found)}"


def pages_fresh(client, url):
    return BeautifulSoup(client.get(url).content, "html.parser")


def fields_of(client, page_url, path):
    return next((f for _m, p, f, _a in forms_on(page_url, pages_fresh(client, page_url)) if p == path), None)


def keeps_what_was_typed(client, page_url, path, action):
    """A POST form that re-shows (an error elsewhere in it) still holds what the person typed in its text boxes."""
    soup = pages_fresh(client, page_url)
    form = next((f for _m, p, f, _a in forms_on(page_url, soup) if p == path), None)
    text_fields = [
        control["name"]
        for control in soup.find_all(["input", "textarea"])
        if control.get("name")
        and (control.name == "textarea" or control.get("type") in ("text", "email", "tel", "url"))
    ]
    if form is None or not text_fields:
        return
    response = client.post(action, {**form, **{name: TYPED for name in text_fields}})
    assert response.status_code < 500
    if response.status_code in (200, 400, 429) and "<form" in response.content.decode():
        assert html.escape(TYPED, quote=False) in response.content.decode() or TYPED in response.content.decode(), (
            f"{path} re-showed without what was typed"
        )
