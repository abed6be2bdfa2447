import json

from django import template
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Site

from localoffer.caching.version import remember

from ..ages import AGE_BANDS
from ..choices import Cost
from ..models import AreaOfNeed, DirectoryPage, ServiceCategory

register = template.Library()

TIER_TAG_CLASSES = {"universal": "tag--green", "targeted": "tag--yellow", "specialist": "tag--purple"}
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def facet_checkboxes(facet):
    """One filter group's checkboxes, each with its count (the directory's filter panel). Built here, not by a loop
    in the template: the panel has fifty options or more on every search, and the template loop cost more than the
    search itself."""
    return format_html_join(
        "\n",
        '<div class="checkboxes__item"><input class="checkboxes__input" id="{}" name="{}" type="checkbox" value="{}"{}{}>'
        '<label class="label checkboxes__label" for="{}">{} <span class="facet-count">({}'
        '<span class="visually-hidden"> result{}</span>)</span></label>{}</div>',
        (
            (
                option.id,
                option.name,
                option.value,
                mark_safe(" checked") if option.checked else "",  # noqa: S308
                format_html(' aria-describedby="{}-hint"', option.id) if option.hint else "",
                option.id,
                option.label,
                option.count,
                "" if option.count == 1 else "s",
                format_html('<div class="hint checkboxes__hint" id="{}-hint">{}</div>', option.id, option.hint)
                if option.hint
                else "",
            )
            for option in facet.options
        ),
    )


@register.simple_tag(takes_context=True)
def my_list_button(context, service):
    """Add to or remove from My list: a plain POST form (works without JavaScript). Needs my_list_ids and
    my_list_urls in the context; optional next and my_list_done. After adding or removing, the family comes back to
    this service at #my-list-done: the confirmation takes focus, so screen readers read it. A tag, not an include: a
    page of results shows twenty."""
    ids, urls, done = context.get("my_list_ids") or [], context["my_list_urls"], context.get("my_list_done")
    count = format_html("{} service{}", len(ids), "" if len(ids) == 1 else "s")
    next_url = context.get("next") or context["request"].get_full_path()
    confirmation = ""
    if done and done["pk"] == service.pk:
        confirmation = format_html(
            '<div class="my-list-confirmation no-print" id="my-list-done" tabindex="-1" role="status">'
            '<p class="my-list-confirmation__text"><strong>{} {} {} My list.</strong> '
            '<a class="link" href="{}">View My list ({})</a></p></div>',
            "Added" if done["action"] == "added" else "Removed",
            service.title,
            "to" if done["action"] == "added" else "from",
            urls["list"],
            count,
        )
    if service.pk in ids:
        form = format_html(
            '<form class="my-list-form no-print" method="post" action="{}">'
            '<input type="hidden" name="service" value="{}"><input type="hidden" name="next" value="{}">'
            '<p class="body-s">In <a class="link" href="{}">My list</a> ({}). <button class="button--link" '
            'type="submit">Remove<span class="visually-hidden"> {}</span> from My list</button></p></form>',
            urls["remove"],
            service.pk,
            next_url,
            urls["list"],
            count,
            service.title,
        )
    else:
        form = format_html(
            '<form class="my-list-form no-print" method="post" action="{}">'
            '<input type="hidden" name="service" value="{}"><input type="hidden" name="next" value="{}">'
            '<button class="button button--secondary" type="submit">Add<span class="visually-hidden"> {}</span> '
            "to My list</button></form>",
            urls["add"],
            service.pk,
            next_url,
            service.title,
        )
    return format_html("{}{}", confirmation, form)


@register.simple_tag(takes_context=True)
def service_result(context, service):
    """One service in the directory's results: its kept card (directory/services/cards.py), the distance when a
    postcode was given, and My list's button."""
    distance = ""
    if service.distance_text:
        venue = format_html(" away, at {}", service.nearest_venue) if service.nearest_venue else ""
        distance = format_html(
            '<p class="body-s result-distance"><strong>{}</strong>{}</p>', service.distance_text, venue
        )
    return format_html(
        '<li class="results__item">{}{}{}{}</li>',
        service.card_head,
        distance,
        service.card_body,
        my_list_button(context, service),
    )


@register.filter
def tier_tag_class(tier):
    return TIER_TAG_CLASSES.get(tier, "tag--grey")


@register.simple_tag(takes_context=True)
def service_json_ld(context, page):
    """schema.org structured data for a service, as a JSON-LD data block (not script, so the CSP allows it)."""
    request = context.get("request")
    url = page.get_full_url(request=request)
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": page.title,
        "description": page.summary,
        "url": url,
        "serviceType": ", ".join(c.name for c in page.categories.all()),
        "audience": {
            "@type": "PeopleAudience",
            "suggestedMinAge": page.min_age,
            "suggestedMaxAge": page.max_age,
            "audienceType": strip_tags(page.who_for) or None,
        },
        "isAccessibleForFree": page.cost == Cost.FREE,
        "termsOfService": page.eligibility,
    }
    if page.organisation:
        data["provider"] = {"@type": "Organization", "name": page.organisation.name}
        if page.organisation.website:
            data["provider"]["url"] = page.organisation.website
    if page.languages:
        data["availableLanguage"] = [lang.strip() for lang in page.languages.split(",") if lang.strip()]
    channels = []
    for contact in page.contacts.all():
        channel = {"@type": "ServiceChannel", "name": contact.name}
        if contact.phone:
            channel["servicePhone"] = {"@type": "ContactPoint", "telephone": contact.phone}
        if contact.website:
            channel["serviceUrl"] = contact.website
        channels.append(channel)
    for venue in page.venues.all():
        place = {"@type": "Place", "name": venue.name}
        if venue.address or venue.postcode:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(line.strip() for line in venue.address.splitlines() if line.strip()),
                "postalCode": venue.postcode,
                "addressCountry": "GB",
            }
        if venue.latitude is not None and venue.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        channels.append({"@type": "ServiceChannel", "name": venue.name, "serviceLocation": place})
    if channels:
        data["availableChannel"] = channels
    if page.last_reviewed:
        data["dateModified"] = page.last_reviewed.isoformat()
    data["audience"] = {k: v for k, v in data["audience"].items() if v is not None}
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 (escaped above)


@register.inclusion_tag("directory/includes/browse.html", takes_context=True)
def directory_browse(context):
    """'By age', 'By type of need' and 'By kind of service' link lists, each one click to a filtered directory.
    Remembered under the content version (a taxonomy or page change starts a new one)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return {"sections": remember(f"directory-browse:{site.pk if site else '-'}", lambda: browse_sections(request))}


def browse_sections(request):
    directory = DirectoryPage.objects.live().first()
    if directory is None:
        return []
    base = directory.get_url(request=request)
    areas = AreaOfNeed.objects.prefetch_related("need_types")
    return [
        {
            "heading": "By age",
            "links": [(f"{base}?age_band={band.slug}", band.title) for band in AGE_BANDS],
        },
        {
            "heading": "By type of need",
            "links": [(f"{base}?need={need.slug}", need.name) for area in areas for need in area.need_types.all()],
        },
        {
            "heading": "By kind of service",
            "links": [(f"{base}?category={c.slug}", c.name) for c in ServiceCategory.objects.all()],
        },
    ]
