"""The worker's own rules, in-process against the database queue: a task that raises is tried again later with a
longer wait each time and then left failed with its error; a task left running by a worker that went quiet goes back
to the queue. (tests/integration/test_task_worker.py runs the real worker process.)"""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from localoffer.background.models import WorkerHeartbeat
from localoffer.background.worker import LOST_WORKER_ERROR, requeue_lost_tasks
from tests.background import queue, run_once  # noqa: F401 (queue: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queue")]  # the database queue


@task()
def always_fails(note):
    raise RuntimeError(f"the mail server said no ({note})")


@task()
def adds(a, b):
    return a + b


def test_a_task_that_succeeds_stores_its_result():
    queued = adds.enqueue(2, 3)
    assert queued.status == TaskResultStatus.READY
    done = run_once(queued.id, "w1")
    assert done.status == TaskResultStatus.SUCCESSFUL and done.return_value == 5
    assert adds.get_result(queued.id).return_value == 5


def test_a_failed_task_is_tried_again_later_then_left_failed_with_its_error():
    queued = always_fails.enqueue("attempt")
    before = timezone.now()

    first = run_once(queued.id, "w1")
    assert first.status == TaskResultStatus.READY  # back in the queue...
    assert timedelta(seconds=59) < first.run_after - before < timedelta(seconds=70)  # ...a minute from now
    assert "the mail server said no" in first.traceback  # officers can see why meanwhile
    assert not DBTaskResult.objects.ready().exists()  # not due yet

    DBTaskResult.objects.filter(pk=queued.id).update(run_after=timezone.now())
    second = run_once(queued.id, "w2")
    assert second.status == TaskResultStatus.READY
    assert timedelta(seconds=119) < second.run_after - before < timedelta(seconds=130)  # twice as long

    DBTaskResult.objects.filter(pk=queued.id).update(run_after=timezone.now())
    third = run_once(queued.id, "w1")
    assert third.status == TaskResultStatus.FAILED  # three attempts: for good
    assert third.worker_ids == ["w1", "w2", "w1"]
    assert third.exception_class_path == "builtins.RuntimeError"
    assert "the mail server said no (attempt)" in third.traceback
    assert third.finished_at is not None


def test_a_task_left_running_by_a_lost_worker_goes_back_to_the_queue():
    now = timezone.now()
    long_ago = now - timedelta(minutes=10)
    WorkerHeartbeat.objects.create(worker_id="dead", seen_at=long_ago)
    WorkerHeartbeat.objects.create(worker_id="alive", seen_at=now)

    def running(worker_ids, started_at):
        result = DBTaskResult.objects.get(pk=adds.enqueue(1, 1).id)
        DBTaskResult.objects.filter(pk=result.pk).update(
            status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=started_at
        )
        return result.pk

    lost = running(["dead"], long_ago)
    lost_at_last_attempt = running(["dead", "dead", "dead"], long_ago)
    never_heard_of = running(["vanished"], long_ago)  # its heartbeat has already been cleared away
    busy = running(["alive"], long_ago)
    just_claimed = running(["new"], now)  # its worker's heartbeat may not show yet

    assert requeue_lost_tasks(now) == 3

    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[lost] == statuses[never_heard_of] == TaskResultStatus.READY
    assert statuses[lost_at_last_attempt] == TaskResultStatus.FAILED
    assert statuses[busy] == statuses[just_claimed] == TaskResultStatus.RUNNING
    requeued = DBTaskResult.objects.get(pk=lost)
    assert requeued.exception_class_path == LOST_WORKER_ERROR and "stopped without finishing it" in requeued.traceback
    assert DBTaskResult.objects.ready().filter(pk=lost).exists()  # due at once

    # Run again by a live worker, it completes.
    assert run_once(lost, "alive").status == TaskResultStatus.SUCCESSFUL
    assert requeue_lost_tasks(now) == 0  # nothing twice


def test_a_worker_never_takes_back_its_own_task():
    """Its heartbeat may be late because the database kept it waiting: it is still running the task."""
    long_ago = timezone.now() - timedelta(minutes=10)
    WorkerHeartbeat.objects.create(worker_id="slow", seen_at=long_ago)
    pk = adds.enqueue(1, 1).id
    DBTaskResult.objects.filter(pk=pk).update(status=TaskResultStatus.RUNNING, worker_ids=["slow"], started_at=long_ago)
    assert requeue_lost_tasks(this_worker="slow") == 0
    assert requeue_lost_tasks(this_worker="another") == 1


def test_old_heartbeats_are_cleared_away():
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="gone", seen_at=now - timedelta(days=2))
    WorkerHeartbeat.objects.create(worker_id="recent", seen_at=now - timedelta(minutes=30))
    requeue_lost_tasks(now)
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["recent"]
