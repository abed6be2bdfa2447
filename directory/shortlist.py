"""My list: a shortlist of services kept in the session only (no account, no tracking, no consent banner needed).

Plain POST forms with CSRF add and remove services, so it works without JavaScript; the print view puts the
whole list on paper as one clean document, for a family without internet at home or a SENCO printing it."""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .models import visible_services

SESSION_KEY = "directory_my_list"
MAX_ITEMS = 50


def get_ids(request):
    ids = request.session.get(SESSION_KEY, []) if hasattr(request, "session") else []
    return [i for i in ids if isinstance(i, int)]


def _save(request, ids):
    request.session[SESSION_KEY] = ids[-MAX_ITEMS:]


def services(request):
    """The services in the list that a family may still see, in the order they were added."""
    ids = get_ids(request)
    if not ids:
        return []
    found = {
        s.pk: s
        for s in visible_services()
        .filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("contacts", "venues", "categories", "need_types")
    }
    return [found[i] for i in ids if i in found]


def _service_id(request):
    try:
        pk = int(request.POST.get("service", ""))
    except ValueError:
        return None
    return pk if visible_services().filter(pk=pk).exists() else None


def _back(request, directory, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


def add_view(request, directory):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pk = _service_id(request)
    if pk is not None:
        ids = [i for i in get_ids(request) if i != pk] + [pk]
        _save(request, ids)
    return _back(request, directory, list_url(directory, request))


def remove_view(request, directory):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("all"):
        _save(request, [])
    else:
        try:
            pk = int(request.POST.get("service", ""))
        except ValueError:
            pk = None
        _save(request, [i for i in get_ids(request) if i != pk])
    return _back(request, directory, list_url(directory, request))


def list_url(directory, request=None):
    return directory.get_url(request=request) + directory.reverse_subpage("my_list")


def urls(directory, request=None):
    base = directory.get_url(request=request)
    return {
        "list": base + directory.reverse_subpage("my_list"),
        "print": base + directory.reverse_subpage("my_list_print"),
        "add": base + directory.reverse_subpage("my_list_add"),
        "remove": base + directory.reverse_subpage("my_list_remove"),
    }


def _context(request, directory):
    return {
        "page": directory,
        "directory": directory,
        "services": services(request),
        "my_list_urls": urls(directory, request),
        "today": timezone.localdate(),
    }


def list_view(request, directory):
    return TemplateResponse(request, "directory/my_list.html", _context(request, directory))


def print_view(request, directory):
    return TemplateResponse(request, "directory/my_list_print.html", _context(request, directory))
