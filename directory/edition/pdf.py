"""The printed edition as a PDF, made with WeasyPrint from the same document. Nothing is fetched: the stylesheet is
read from our static files and given to WeasyPrint directly, and its URL fetcher allows no protocol at all, so a link
in a service's text can never make the worker request anything.

WeasyPrint needs Pango from the system (README, "Reaching every family"). Where it is missing the site still runs:
editions are made as HTML only, without a PDF, and the worker logs one warning each time."""

import logging

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

try:
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher
except OSError:  # Pango or its friends are not installed
    HTML = None

logger = logging.getLogger(__name__)
STYLESHEET = "css/edition.css"


def render_pdf(html: str) -> bytes | None:
    if HTML is None:
        logger.warning("Printed edition made without a PDF: WeasyPrint cannot find Pango (see README)")
        return None
    found = finders.find(STYLESHEET)
    path = found if isinstance(found, str) else staticfiles_storage.path(STYLESHEET)
    with open(path, encoding="utf-8") as css_file:
        css = CSS(string=css_file.read(), url_fetcher=URLFetcher(allowed_protocols=()))
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    pdf: bytes = document.write_pdf(stylesheets=[css])
    return pdf
