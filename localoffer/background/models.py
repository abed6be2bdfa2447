"""A heartbeat per running worker process, so that a task left running by a worker that died can be found."""

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    """A worker (bin/worker) says it is alive every few seconds. A task still marked running whose worker has not
    been heard from for TASKS_WORKER_LOST_AFTER_SECONDS is given back to the queue (localoffer/background/worker.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "worker heartbeat"

    def __str__(self) -> str:
        return f"{self.worker_id} (seen {self.seen_at:%Y-%m-%d %H:%M:%S})"
