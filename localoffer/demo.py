"""The site's root: the home page, found or made, as the default site's root page.

Tests, the service helpers and the demo loader (the demo app, demo/) all start from here. The demo content itself
is data in demo/data/."""

from wagtail.models import Page, Site

from .models import HomePage


def get_or_create_home(title="Home"):
    """The home page (made with this title if there is none yet), set as the default site's root."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's migrations leave a placeholder "Welcome" page at the site root; ours replaces it.
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title=title, slug="home"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home
