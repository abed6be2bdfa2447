"""The upsert helpers every demo loader uses: make a page or update it, publishing a new revision only when
something changed, so loading the demo again leaves the site (and its revision history) as it was."""

from localoffer.models import StatutoryTopic


def stream(blocks):
    """StreamField raw data from (block type, value) pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def _comparable(value):
    if hasattr(value, "raw_data"):  # a StreamValue: compare without the generated block ids
        value = list(value.raw_data)
    if isinstance(value, list):
        return [{k: v for k, v in block.items() if k != "id"} if isinstance(block, dict) else block for block in value]
    return value


def update_page(page, topics=None, **fields):
    """Set fields on a page and publish a new revision only if something changed (or it is not live, or has never
    been published through a revision, as a page just made with add_child). `topics`: statutory topic numbers."""
    changed = not page.live or page.latest_revision_id is None
    for name, value in fields.items():
        if _comparable(getattr(page, name)) != _comparable(value):
            setattr(page, name, value)
            changed = True
    if topics is not None and set(page.statutory_topics.values_list("number", flat=True)) != set(topics):
        page.statutory_topics.set(StatutoryTopic.objects.filter(number__in=topics))
        changed = True
    if changed:
        page.save_revision().publish()
    return page


def upsert_child(parent, model, slug, topics=None, **fields):
    """The `model` page with this slug under `parent`, made if missing, updated (and published) if different."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    return update_page(page.specific, topics=topics, **fields)
