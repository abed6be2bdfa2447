"""Background task of providers' updates (django-tasks): the "is this still right?" cycle, queued by the command
or run from cron through it; its emails are queued by cycle.py itself."""

from django_tasks import task

from .cycle import run_cycle


@task()
def ask_providers() -> dict[str, int]:
    """Ask providers whether their listings are still right, and remind those who have not answered."""
    result = run_cycle()
    return {"asked": len(result.asked), "reminded": len(result.reminded)}
