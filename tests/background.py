"""Helpers for tests of background work in-process: the database queue instead of the suite's immediate backend,
and running one queued task as the worker's loop would (claim it, run it, retry it if it fails)."""

import pytest
from django_tasks_db.models import DBTaskResult

from localoffer.background.worker import Worker


@pytest.fixture
def queue(settings):
    """Tasks go to the database queue (and wait there) instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_DELAY_SECONDS = 60
    settings.TASKS_WORKER_LOST_AFTER_SECONDS = 120


def worker(worker_id):
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_once(result_id, worker_id="test-worker"):
    """What the worker's loop does with one task: claim it, run it (and queue it again if it fails)."""
    result = DBTaskResult.objects.get(pk=result_id)
    result.claim(worker_id)
    worker(worker_id).run_task(result)
    return DBTaskResult.objects.get(pk=result_id)
