"""Demo content for the site shell: a fictional LA's home page, settings and information pages.

Idempotent: pages are found by slug and only republished when something changed."""

from wagtail.models import Page, Site

from .demo_content import BROWSE_SECTIONS, HOME, INFORMATION_PAGES, KEY_INFORMATION, LA_SETTINGS
from .models import HomePage, InformationPage, LocalOfferSettings, StatutoryTopic


def stream(blocks):
    """StreamField raw data from (block type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def _comparable(value):
    if hasattr(value, "raw_data"):  # a StreamValue: compare without the generated block ids
        value = list(value.raw_data)
    if isinstance(value, list):
        return [{k: v for k, v in block.items() if k != "id"} if isinstance(block, dict) else block for block in value]
    return value


def update_page(page, topics=None, **fields):
    """Set fields on a page and publish a new revision only if something changed (or it is not live, or has never
    been published through a revision, as a page just made with add_child)."""
    changed = not page.live or page.latest_revision_id is None
    for name, value in fields.items():
        if _comparable(getattr(page, name)) != _comparable(value):
            setattr(page, name, value)
            changed = True
    if topics is not None and set(page.statutory_topics.values_list("number", flat=True)) != set(topics):
        page.statutory_topics.set(StatutoryTopic.objects.filter(number__in=topics))
        changed = True
    if changed:
        page.save_revision().publish()
    return page


def upsert_child(parent, model, slug, topics=None, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    return update_page(page.specific, topics=topics, **fields)


def get_or_create_home(title=None):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a placeholder "Welcome" page at the site root; ours replaces it.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title=title or HOME["title"], slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def load(stdout):
    home = get_or_create_home()
    pages = {}
    for spec in INFORMATION_PAGES:
        spec = dict(spec)
        slug = spec.pop("slug")
        spec["body"] = stream(spec["body"])
        pages[slug] = upsert_child(home, InformationPage, slug, **spec)

    key_links = [
        ("link", {"page": pages[slug].pk, "url": "", "title": "", "description": description})
        for slug, description in KEY_INFORMATION
    ]
    # Ours first, then any cards other apps' loaders (or editors) added that do not point at our pages.
    ours = {page.pk for page in pages.values()}
    others = [
        (block["type"], block["value"])
        for block in home.key_information.raw_data
        if not isinstance(block["value"], dict) or block["value"].get("page") not in ours
    ]
    home_fields = {
        "title": HOME["title"],
        "intro": HOME["intro"],
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
            for heading, slugs in BROWSE_SECTIONS
        )
    update_page(home, **home_fields)

    settings = LocalOfferSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in LA_SETTINGS.items():
        setattr(settings, name, value)
    settings.accessibility_statement = pages.get("accessibility-statement")
    settings.privacy_notice = pages.get("privacy-notice")
    settings.cookies_page = pages.get("cookies")
    settings.save()
    stdout.write(f"Site shell: home page and {len(pages)} information pages.")
    return {"home": home, "pages": pages}
