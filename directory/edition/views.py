"""The printed editions' public pages: the list (/print/) and each edition as made (/print/<slug>/), a complete
printable HTML document. One or two queries each."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from .models import PrintedEdition


def index(request):
    has_pdf = ExpressionWrapper(Q(pdf__isnull=False), output_field=BooleanField())
    editions = list(PrintedEdition.objects.exclude(made_at=None).defer("html", "pdf").annotate(has_pdf=has_pdf))
    return TemplateResponse(request, "directory/edition/index.html", {"editions": editions})


def edition(request, slug):
    found = PrintedEdition.objects.filter(slug=slug).exclude(made_at=None).only("html").first()
    if found is None:
        raise Http404("No such printed edition (or it is still being made)")
    return HttpResponse(found.html)


def edition_pdf(request, slug):
    found = PrintedEdition.objects.filter(slug=slug).exclude(made_at=None).exclude(pdf=None).only("pdf", "slug").first()
    if found is None:
        raise Http404("No such printed edition (or it is still being made)")
    response = HttpResponse(bytes(found.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{found.slug}.pdf"'
    return response
