"""Admin menu items shown only to the officers a check lets in (the same check as the view's own), so nobody is
offered a page that would turn them away."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from wagtail.admin.menu import MenuItem


class PermittedMenuItem(MenuItem):
    def __init__(self, *args: Any, check: Callable[[Any], bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request: HttpRequest) -> bool:
        return self.check(request.user)
