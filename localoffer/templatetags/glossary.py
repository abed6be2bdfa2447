"""{% explained_text page as text %}: a page's body text by fragment name ({{ text.body }}), with glossary terms
explained where they first appear (localoffer/glossary/explain.py)."""

from django import template

from ..glossary.explain import explained_text as explain

register = template.Library()


@register.simple_tag(takes_context=True)
def explained_text(context, page):
    return explain(page, context=context.flatten(), request=context.get("request"))
