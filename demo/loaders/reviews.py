"""Review teams in the demo (review_teams.toml): every page with review fields gets an owning team, so "Due for
review" rows name a team and reminders have somewhere to go. Runs last, once every page exists.

Idempotent: teams are found by name; a page already owned by the right team is left alone (set_review_owner writes
the live page and its latest revision, so publishing a later draft keeps it)."""

from directory.models import ServicePage
from directory.upkeep.reviews import reviewed_page_models, set_review_owner
from localoffer.models import InformationPage, ReviewTeam

from .. import content


def load(stdout):
    data = content.read_toml("review_teams.toml")
    teams, by_page, by_category, fallback = [], {}, {}, None
    for spec in data["teams"]:
        team, _ = ReviewTeam.objects.update_or_create(name=spec["name"], defaults={"email": spec["email"]})
        teams.append(team)
        by_page.update({slug: team for slug in spec.get("pages", [])})
        for slug in spec.get("service_categories", []):
            by_category.setdefault(slug, team)
        if spec.get("everything_else"):
            fallback = team
    if fallback is None:
        raise content.DataError("demo/data/review_teams.toml: one team needs `everything_else = true`")
    changed = 0
    for model in reviewed_page_models():
        pages = model.objects.select_related("latest_revision")
        if model is ServicePage:
            pages = pages.prefetch_related("categories")
        for page in pages:
            if model is InformationPage:
                team = by_page.get(page.slug, fallback)
            elif model is ServicePage:
                owners = [by_category[c.slug] for c in page.categories.all() if c.slug in by_category]
                team = min(owners, key=teams.index) if owners else fallback
            else:
                team = fallback
            changed += set_review_owner(page, team)
    stdout.write(f"Review teams: {len(teams)}; {changed} pages given an owner.")
