"""Background work: the worker bin/worker runs (`worker.py`: django-tasks-db's database worker with retries and the
recovery of tasks whose worker died), its heartbeat model, and what officers may know about queued tasks
(`results.py`). The tasks themselves live with their capability, in each package's tasks.py."""
