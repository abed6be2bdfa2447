from django import template
from django.conf import settings

from ..caching import pages
from ..phones import format_phone

register = template.Library()


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The live ancestors of a page below the site root, home first (empty on the home page itself)."""
    if page is None:
        return []
    return pages.breadcrumbs(page)


@register.simple_tag(takes_context=True)
def site_page_url(context, page):
    """The URL of a page chosen in site settings, or None if it is missing or not live."""
    if page is None or not page.live:
        return None
    return page.get_url(request=context.get("request"))


@register.filter
def phone(value):
    """A phone number in the UK's usual groups, for display only; as typed if it cannot be read (localoffer/phones.py)."""
    return format_phone(value)


@register.filter
def filesize(num_bytes):
    """A document's size as people read it: '245 KB', '1.2 MB'."""
    try:
        num_bytes = int(num_bytes)
    except (TypeError, ValueError):
        return ""
    if num_bytes < 1024:
        return f"{num_bytes} bytes"
    if num_bytes < 1024 * 1024:
        return f"{round(num_bytes / 1024)} KB"
    return f"{num_bytes / (1024 * 1024):.1f} MB"


@register.filter
def file_type(document):
    """The document type in words a family knows: PDF, Word, Excel..."""
    names = {
        "pdf": "PDF",
        "docx": "Word",
        "odt": "OpenDocument text",
        "xlsx": "Excel",
        "csv": "CSV",
        "pptx": "PowerPoint",
        "rtf": "Rich Text",
        "txt": "Plain text",
    }
    extension = (getattr(document, "file_extension", "") or "").lower()
    return names.get(extension, extension.upper())


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some keys replaced (a value of None removes the key), for pagination
    and filter links that keep everything else the person chose."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value is not None:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


WIDGET_CLASSES = {"textarea": "textarea", "select": "select", "selectmultiple": "select"}


@register.simple_tag
def field_widget(field, hint_text="", width=""):
    """Render a field's own widget with the design system's class, error state and aria-describedby,
    keeping whatever the person typed."""
    widget_name = field.field.widget.__class__.__name__.lower()
    css = WIDGET_CLASSES.get(widget_name, "input")
    classes = [css]
    if width:
        classes.append(width)
    if field.errors:
        classes.append(f"{css}--error")
    described_by = []
    if hint_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {"class": " ".join(classes)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def public_address(path_or_page=""):
    """The configured public address (PUBLIC_SITE_URL) of a path or a page: what printouts and emails show, never
    the host a request came in on."""
    if hasattr(path_or_page, "get_url_parts"):
        parts = path_or_page.get_url_parts()
        path_or_page = parts[2] if parts else ""
    path = str(path_or_page or "/")
    return settings.PUBLIC_SITE_URL + (path if path.startswith("/") else "/" + path)
