import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from localoffer.models import ReviewTeam


class Command(BaseCommand):
    help = "Create (or reset) the local demo administrator and print its login. For development only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", help="Default: a new random password each time.")
        parser.add_argument(
            "--team",
            action="append",
            default=[],
            metavar="NAME",
            help='Also make the administrator a member of this review team (by name), so "My team\'s reviews" '
            "shows its pages. May be given more than once.",
        )

    def handle(self, *args, username, password, team, **options):
        teams = list(ReviewTeam.objects.filter(name__in=team))
        unknown = sorted(set(team) - {found.name for found in teams})
        if unknown:
            raise CommandError(f"No review team called {', '.join(map(repr, unknown))}.")
        password = password or secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@localoffer.example"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        user.review_teams.add(*teams)
        self.stdout.write(
            self.style.SUCCESS(f"Admin login: http://127.0.0.1:8000/admin/  username: {username}  password: {password}")
        )
        for member_of in teams:
            self.stdout.write(f'{username} is in the review team {member_of.name!r}: see "My team\'s reviews".')
