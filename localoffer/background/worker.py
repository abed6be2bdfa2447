"""The worker bin/worker runs: django-tasks-db's database worker, with the two things it lacks.

Retries. A task that raises goes back to the queue, TASKS_RETRY_DELAY_SECONDS later and twice as long before each
next try, until it has been tried TASKS_MAX_ATTEMPTS times; then it stays failed, and officers see it (with its
error) in the Background tasks report. While it waits for its next try it keeps its last error, so officers see
that too.

Lost workers. Each worker records a heartbeat every quarter of TASKS_WORKER_LOST_AFTER_SECONDS, from a thread of its
own. A task still marked running whose worker has not been heard from for that long (killed, out of memory, its
machine gone) is given back to the queue by any live worker, or failed if that was its last attempt: no task is
lost. The task runs again from the start, so tasks must be safe to run twice (the GIAS import is: it upserts).

A task's attempts are its worker ids: a worker appends its id each time it claims the task. Nothing here logs a
task's arguments, only its id and path: arguments may name a person's submission."""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

LOST_WORKER_ERROR = "localoffer.background.worker.WorkerLost"


class WorkerLost(Exception):
    """Recorded as the error of a task whose worker stopped while running it."""


def new_worker_id() -> str:
    """Unique across the pool, and readable: host, process id and a random tail (at most 64 characters)."""
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


def attempts(result: DBTaskResult) -> int:
    return len(result.worker_ids)


def retry_delay(attempt: int) -> timedelta:
    """How long to wait after the given (1-based) failed attempt before the next one."""
    return timedelta(seconds=settings.TASKS_RETRY_DELAY_SECONDS * 2 ** (attempt - 1))


def retry_or_fail(result: DBTaskResult, now: datetime | None = None) -> bool:
    """After a failed attempt: back to the queue for a later try if it has tries left (True), else it stays failed
    for officers to see (False). The last error stays on the task either way."""
    now = now or timezone.now()
    tried = attempts(result)
    if tried >= settings.TASKS_MAX_ATTEMPTS:
        logger.error("Task id=%s path=%s failed for good after %d attempts", result.id, result.task_path, tried)
        return False
    delay = retry_delay(tried)
    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=now + delay, finished_at=None
    )
    logger.warning(
        "Task id=%s path=%s failed (attempt %d of %d); trying again in %d s",
        result.id,
        result.task_path,
        tried,
        settings.TASKS_MAX_ATTEMPTS,
        delay.total_seconds(),
    )
    return True


def beat(worker_id: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})


def requeue_lost_tasks(now: datetime | None = None, this_worker: str = "") -> int:
    """Give back to the queue every running task whose worker has gone quiet (or fail it, if that was its last
    attempt). Safe to run from several workers at once. Returns how many tasks it took back.

    A worker never judges itself (`this_worker`): its own heartbeat may be late because the database kept it
    waiting, not because it has died."""
    now = now or timezone.now()
    lost_after = timedelta(seconds=settings.TASKS_WORKER_LOST_AFTER_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=now - lost_after).values_list("worker_id", flat=True))
    taken = 0
    for result in DBTaskResult.objects.running().only("id", "task_path", "worker_ids", "started_at"):
        if result.worker_ids and result.worker_ids[-1] in alive | {this_worker}:
            continue
        if result.started_at and result.started_at > now - lost_after:
            continue  # claimed a moment ago; give its worker's heartbeat time to show
        tried = attempts(result)
        error = (
            f"{LOST_WORKER_ERROR}: the worker running this task ({result.worker_ids[-1] if result.worker_ids else '?'})"
            f" stopped without finishing it (attempt {tried} of {settings.TASKS_MAX_ATTEMPTS}).\n"
        )
        last_try = tried >= settings.TASKS_MAX_ATTEMPTS
        changes = (
            {"status": TaskResultStatus.FAILED, "finished_at": now}
            if last_try
            else {"status": TaskResultStatus.READY, "run_after": now}
        )
        # started_at changes whenever a worker claims the task: if another worker took it back (and perhaps started
        # it again) since we looked, this changes nothing.
        updated = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        ).update(exception_class_path=LOST_WORKER_ERROR, traceback=error, **changes)
        if updated:
            taken += 1
            logger.warning(
                "Task id=%s path=%s was left running by a lost worker: %s",
                result.id,
                result.task_path,
                "failed for good" if last_try else "queued again",
            )
    # Heartbeats of workers long gone are of no more use.
    WorkerHeartbeat.objects.filter(seen_at__lt=now - max(lost_after * 10, timedelta(days=1))).delete()
    return taken


class Heartbeat(threading.Thread):
    """Records the worker's heartbeat, and takes back the tasks of lost workers, every `every` seconds."""

    def __init__(self, worker_id: str, every: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                tick(self.worker_id)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()


def tick(worker_id: str) -> None:
    close_old_connections()
    try:
        beat(worker_id)
        requeue_lost_tasks(this_worker=worker_id)
    except DatabaseError as error:  # a busy SQLite file, or the database restarting: the next beat tries again
        logger.warning("Worker %s: heartbeat not recorded (%s)", worker_id, error)


class Worker(db_worker.Worker):
    """db_worker's loop, with a heartbeat thread beside it and failed tasks retried."""

    def run(self) -> None:
        tick(self.worker_id)  # on record before claiming anything; and take back what a dead worker left
        heartbeat = Heartbeat(self.worker_id, every=settings.TASKS_WORKER_LOST_AFTER_SECONDS / 4)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stop()
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            except DatabaseError:
                pass  # it will age out

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            try:
                retry_or_fail(db_task_result)
            except DatabaseError:
                logger.exception("Task id=%s: could not queue it again", db_task_result.id)
