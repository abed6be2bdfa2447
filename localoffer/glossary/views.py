"""The public A to Z glossary (/glossary/): every term with its explanation, other names and the page that says more,
an anchor per term (/glossary/#ehc-plan) and one per letter. Plain HTML: it works without JavaScript."""

import string
from itertools import groupby

from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..visibility import visible_pages
from .models import GlossaryTerm

OTHER = "0-9"  # terms that start with a digit or a sign


def letter_of(term: GlossaryTerm) -> str:
    first = term.term[:1].upper()
    return first if first in string.ascii_uppercase else OTHER


def sort_key(term: GlossaryTerm) -> tuple[int, str]:
    """A to Z ignoring case, with terms that start with a digit last."""
    return (letter_of(term) == OTHER, term.term.casefold())


def glossary_terms():
    """Every term in A to Z order, each with `page_link` set to the page that says more when the public can see it."""
    terms = sorted(GlossaryTerm.objects.select_related("page"), key=sort_key)
    linked = {term.page_id for term in terms if term.page_id}
    visible = set(visible_pages().filter(pk__in=linked).values_list("pk", flat=True)) if linked else set()
    for term in terms:
        term.page_link = term.page if term.page_id in visible else None
    return terms


@require_GET
def glossary(request):
    terms = glossary_terms()
    groups = [(letter, list(items)) for letter, items in groupby(terms, key=letter_of)]
    present = {letter for letter, _items in groups}
    letters = [(letter, letter in present) for letter in string.ascii_uppercase]
    if OTHER in present:
        letters.append((OTHER, True))
    return render(
        request,
        "localoffer/glossary/glossary_page.html",
        {"groups": groups, "letters": letters, "term_count": len(terms)},
    )
