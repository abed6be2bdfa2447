"""The demo site's words (demo/data/) as families see them: rendered pages, not the data files.

Loads only the site shell's demo (demo.loaders.site), so the rest of the demo content does not slow these down."""

import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils.html import escape
from wagtail.models import Revision

from demo import content
from demo.loaders import reviews as reviews_demo
from demo.loaders import site as site_demo
from demo.upsert import stream
from directory.models import ServiceCategory
from localoffer.models import HomePage, InformationPage, ReviewTeam

pytestmark = pytest.mark.django_db

INFORMATION_PAGES = content.information_pages()
KEY_INFORMATION = content.key_information()
BROWSE_SECTIONS = content.browse_sections()

# The service directory's page is made by demo.loaders.directory, not loaded here: links to it are checked against its
# path and the service categories (seeded by the directory's migrations).
DIRECTORY_PATH = "/services/"
SCHOOLS_PATH = "/schools/"  # made by demo.loaders.schools, not loaded here

# Terms a tired parent should never meet unexplained: if a page uses one, it says what it means.
JARGON = {
    "EHC": "education, health and care (EHC)",
    "SENCO": "special educational needs co-ordinator",
}


@pytest.fixture
def site(db):
    return site_demo.load(io.StringIO())


def main_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def visible_text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'").replace("&#39;", "'")


def test_every_information_page_is_live_with_a_short_plain_summary(site):
    pages = InformationPage.objects.live()
    assert sorted(pages.values_list("slug", flat=True)) == sorted(spec["slug"] for spec in INFORMATION_PAGES)
    for page in pages:
        assert 0 < len(page.summary) <= 300, page.slug  # the model's max_length, which the database does not enforce
        assert page.last_reviewed is not None, page.slug
        assert page.latest_revision is not None, page.slug  # made through a revision, so the admin history is right


def test_pages_explain_jargon_and_keep_headings_in_order(client, site):
    for page in InformationPage.objects.live():
        html = main_html(client, page)
        text = visible_text(html)
        for term, explanation in JARGON.items():
            if re.search(rf"\b{term}\b", text.replace(page.title, "")):
                assert explanation.lower() in text.lower(), f"{page.slug} uses {term} without explaining it"
        levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
        assert levels.count(1) == 1, page.slug
        for previous, level in zip(levels, levels[1:], strict=False):
            assert level <= previous + 1, f"{page.slug}: h{previous} followed by h{level}"


def test_contact_details_in_the_demo_are_fictional(client, site):
    for page in [*InformationPage.objects.live(), HomePage.objects.get()]:
        html = client.get(page.url).content.decode()
        for number in re.findall(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b", html):
            assert re.fullmatch(r"01632 ?960 ?\d{3}", number), f"{page.slug}: {number} is not a drama number"
        for address in re.findall(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)", html):
            assert address.endswith(".example"), f"{page.slug}: {address}"
        for url in re.findall(r'href="(https?://[^"]+)"', html):
            host = urlsplit(url).hostname
            assert host.endswith(".example") or host == "testserver", f"{page.slug}: {url}"


def test_links_between_demo_pages_work(client, site):
    links = set()
    for page in InformationPage.objects.live():
        links.update(re.findall(r'href="(/[^"]*)"', main_html(client, page)))
    links = {link.replace("&amp;", "&") for link in links if not link.startswith("/have-your-say/?page=")}
    directory_links = {link for link in links if link.startswith(DIRECTORY_PATH)}
    assert directory_links and "/have-your-say/" in links and "/you-said-we-did/" in links
    assert SCHOOLS_PATH in links
    for link in sorted(links - directory_links - {SCHOOLS_PATH}):
        assert client.get(link).status_code == 200, link
    categories = set(ServiceCategory.objects.values_list("slug", flat=True))
    for link in directory_links:
        url = urlsplit(link)
        assert url.path == DIRECTORY_PATH, link
        assert set(parse_qs(url.query)["category"]) <= categories, link


def test_home_page_links_key_information_and_browse_sections(client, site):
    html = client.get("/").content.decode()
    for slug, description in KEY_INFORMATION:
        assert f'href="/{slug}/"' in html and escape(description) in html
    for heading, slugs in BROWSE_SECTIONS:
        assert heading in html
        for slug in slugs:
            assert f'href="/{slug}/"' in html


def test_browse_sections_are_left_to_editors_once_filled(site):
    home = HomePage.objects.get()
    home.browse_sections = stream([("section", {"heading": "By age", "links": []})])
    home.save_revision().publish()
    revisions = Revision.objects.count()

    site_demo.load(io.StringIO())

    home.refresh_from_db()
    assert [block.value["heading"] for block in home.browse_sections] == ["By age"]
    assert Revision.objects.count() == revisions


def test_key_information_keeps_cards_other_loaders_added(site):
    home = HomePage.objects.get()
    blocks = [(block["type"], block["value"]) for block in home.key_information.raw_data]
    extra = ("link", {"page": None, "url": "/schools/", "title": "Find a school", "description": "Added elsewhere"})
    home.key_information = stream([*blocks, extra])
    home.save_revision().publish()
    revisions = Revision.objects.count()

    site_demo.load(io.StringIO())

    home.refresh_from_db()
    titles = [block.value["title"] or block.value["page"].slug for block in home.key_information]
    assert titles == [slug for slug, _ in KEY_INFORMATION] + ["Find a school"]
    assert Revision.objects.count() == revisions


def test_review_teams_own_every_demo_page_and_reloading_changes_nothing(site):
    out = io.StringIO()
    reviews_demo.load(out)
    assert not InformationPage.objects.filter(review_owner=None).exists()
    health = InformationPage.objects.get(slug="health-services")
    assert health.review_owner.name == "Health commissioning team"
    assert health.latest_revision.as_object().review_owner_id == health.review_owner_id  # a later publish keeps it
    reviews_demo.load(out)
    assert out.getvalue().endswith("0 pages given an owner.")


def test_make_runs_admin_is_in_the_demo_team_that_owns_most_pages(site):
    """`make run` makes its admin a member of a demo review team, so "My team's reviews" shows pages at once."""
    reviews_demo.load(io.StringIO())
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    team = re.search(r'manage\.py ensure_admin --team "([^"]+)"', makefile).group(1)
    out = io.StringIO()
    call_command("ensure_admin", "--team", team, "--password", "demo-pass-123", stdout=out)
    admin = get_user_model().objects.get(username="admin")
    assert [t.name for t in ReviewTeam.objects.with_member(admin)] == [team]
    assert InformationPage.objects.filter(review_owner__members=admin).exists()
    assert "My team's reviews" in out.getvalue()
    call_command("ensure_admin", "--team", team, "--password", "demo-pass-123", stdout=io.StringIO())  # again: same
    assert admin.review_teams.count() == 1


def test_ensure_admin_refuses_an_unknown_team_and_makes_no_account(db):
    with pytest.raises(CommandError, match="No review team called 'Nobody'"):
        call_command("ensure_admin", "--username", "stray", "--team", "Nobody", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="stray").exists()
