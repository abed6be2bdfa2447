"""The printed edition as a PDF, made with WeasyPrint from the same document. Nothing is fetched: the stylesheet is
read from our static files and given to WeasyPrint directly, and its URL fetcher allows no protocol at all, so a link
in a service's text can never make the worker request anything.

WeasyPrint needs Pango from the system (README, "Reaching every family"). Where it is missing the site still runs:
editions are made as HTML only, without a PDF, and the worker logs one warning each time."""

import logging
from types import ModuleType

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

logger = logging.getLogger(__name__)
STYLESHEET = "css/edition.css"


def load_weasyprint() -> ModuleType | None:
    """WeasyPrint, imported on first use: it loads Pango and its fonts, which no web request and no other task needs.
    None where Pango or its friends are not installed."""
    try:
        import weasyprint
    except OSError:
        return None
    return weasyprint


def render_pdf(html: str) -> bytes | None:
    weasyprint = load_weasyprint()
    if weasyprint is None:
        logger.warning("Printed edition made without a PDF: WeasyPrint cannot find Pango (see README)")
        return None
    CSS, HTML, URLFetcher = weasyprint.CSS, weasyprint.HTML, weasyprint.urls.URLFetcher
    found = finders.find(STYLESHEET)
    path = found if isinstance(found, str) else staticfiles_storage.path(STYLESHEET)
    with open(path, encoding="utf-8") as css_file:
        css = CSS(string=css_file.read(), url_fetcher=URLFetcher(allowed_protocols=()))
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    pdf: bytes = document.write_pdf(stylesheets=[css])
    return pdf
