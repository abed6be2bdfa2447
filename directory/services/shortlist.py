"""My list's storage: the ids of services a family has shortlisted, kept in the session only (no account, no
tracking, no consent banner needed). The views that change it are in views.py."""

from .facet_index import get_index
from .models import ServicePage

SESSION_KEY = "directory_my_list"
DONE_KEY = "directory_my_list_done"  # what the last add or remove did, shown once where the family was
MAX_ITEMS = 50


def get_ids(request) -> list[int]:
    ids = request.session.get(SESSION_KEY, []) if hasattr(request, "session") else []
    return [i for i in ids if isinstance(i, int)]


def visible_ids(request) -> list[int]:
    """The ids in the list of services the public can still see, from the facet index (no query): what My list's
    count says ("My list (2 services)"), the same services as the list itself."""
    ids = get_ids(request)
    if not ids:
        return []
    index = get_index()
    mask, position = index.visible_mask(), index.position
    return [i for i in ids if i in position and mask >> position[i] & 1]


def _save(request, ids: list[int]) -> None:
    request.session[SESSION_KEY] = ids[-MAX_ITEMS:]


def add(request, pk: int) -> None:
    _save(request, [i for i in get_ids(request) if i != pk] + [pk])


def remove(request, pk: int | None) -> None:
    _save(request, [i for i in get_ids(request) if i != pk])


def clear(request) -> None:
    _save(request, [])


def note_done(request, pk: int, action: str) -> None:
    request.session[DONE_KEY] = {"pk": pk, "action": action}


def pop_done(request) -> dict | None:
    """What the last add or remove did ({"pk": ..., "action": "added" or "removed"}), once."""
    if not hasattr(request, "session") or DONE_KEY not in request.session:
        return None
    done = request.session.pop(DONE_KEY)
    return done if isinstance(done, dict) and isinstance(done.get("pk"), int) else None


def services(request) -> list[ServicePage]:
    """The services in the list that a family may still see, in the order they were added."""
    ids = get_ids(request)
    if not ids:
        return []
    found = {
        s.pk: s
        for s in ServicePage.objects.visible()
        .filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("contacts", "venues", "categories", "need_types")
    }
    return [found[i] for i in ids if i in found]


def list_url(directory, request=None) -> str:
    return directory.get_url(request=request) + directory.reverse_subpage("my_list")


def urls(directory, request=None) -> dict[str, str]:
    base = directory.get_url(request=request)
    return {
        "list": base + directory.reverse_subpage("my_list"),
        "print": base + directory.reverse_subpage("my_list_print"),
        "add": base + directory.reverse_subpage("my_list_add"),
        "remove": base + directory.reverse_subpage("my_list_remove"),
        "email": base + directory.reverse_subpage("my_list_email"),
    }
