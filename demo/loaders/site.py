"""The site shell's demo: home page, information pages, Local Offer settings and the pages glossary terms link to,
from site.toml and pages/*.md.

Pages are found by slug and republished only when something changed."""

from wagtail.models import Site

from localoffer.demo import get_or_create_home
from localoffer.models import GlossaryTerm, InformationPage, LocalOfferSettings

from .. import content, markup
from ..upsert import stream, update_page, upsert_child

PAGE_SETTINGS = {
    "accessibility_statement",
    "privacy_notice",
    "cookies_page",
    "languages_page",
}  # named by page slug in site.toml
RICH_TEXT_SETTINGS = {"cant_get_online"}  # written in the pages' Markdown


def load(stdout):
    data = content.site()
    home = get_or_create_home(title=data["home"]["title"])
    pages = {}
    for spec in content.information_pages():
        slug = spec.pop("slug")
        spec["body"] = stream(spec["body"])
        pages[slug] = upsert_child(home, InformationPage, slug, **spec)

    key_links = [
        ("link", {"page": pages[slug].pk, "url": "", "title": "", "description": description})
        for slug, description in content.key_information()
    ]
    # Ours first, then any cards other apps' loaders (or editors) added that do not point at our pages.
    ours = {page.pk for page in pages.values()}
    others = [
        (block["type"], block["value"])
        for block in home.key_information.raw_data
        if not isinstance(block["value"], dict) or block["value"].get("page") not in ours
    ]
    home_fields = {
        "title": data["home"]["title"],
        "intro": markup.to_html(data["home"]["intro"], "demo/data/site.toml [home] intro"),
        "key_information": stream(key_links + others),
    }
    if not home.browse_sections:  # filled once; after that editors (or other apps' loaders) own them
        home_fields["browse_sections"] = stream(
            (
                "section",
                {
                    "heading": heading,
                    "links": [{"page": pages[slug].pk, "url": "", "title": ""} for slug in slugs],
                },
            )
            for heading, slugs in content.browse_sections()
        )
    update_page(home, **home_fields)

    settings = LocalOfferSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in data["settings"].items():
        if name in PAGE_SETTINGS:
            value = pages.get(value)
        elif name in RICH_TEXT_SETTINGS:
            value = markup.to_html(value, f"demo/data/site.toml [settings] {name}")
        setattr(settings, name, value)
    settings.save()

    # Saved one by one (not update()), so explanations cached with the old links are refreshed.
    for term in GlossaryTerm.objects.filter(term__in=list(data.get("glossary", {}))):
        page = pages[data["glossary"][term.term]]
        if term.page_id != page.pk:
            term.page = page
            term.save()
    stdout.write(f"Site shell: home page and {len(pages)} information pages.")
    return {"home": home, "pages": pages}
