"""The printed editions' public pages: the list (/print/) and each edition as made (/print/<slug>/), a complete
printable HTML document. One or two queries each."""

from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from .models import PrintedEdition


def index(request):
    editions = list(PrintedEdition.objects.exclude(made_at=None).defer("html"))
    return TemplateResponse(request, "directory/edition/index.html", {"editions": editions})


def edition(request, slug):
    found = PrintedEdition.objects.filter(slug=slug).exclude(made_at=None).only("html").first()
    if found is None:
        raise Http404("No such printed edition (or it is still being made)")
    return HttpResponse(found.html)
