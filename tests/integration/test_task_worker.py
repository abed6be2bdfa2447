"""The real worker: bin/worker as a process of its own, beside the site's server, both on a scratch database (a new
PostgreSQL database beside DATABASE_URL's, or an SQLite file).

- A task queued by one process is picked up by the worker, and its result stored; SIGTERM stops the worker cleanly.
- An email the mail server refuses is tried again, then shown to officers under Reports, Background tasks.
- A 1,000-row GIAS file (Northbrook's 250 schools among another authority's) uploaded through the admin: the
  upload returns at once (nothing imported yet), the worker imports it while the status page shows rows done; the
  worker is killed (SIGKILL) mid-import and a new one started: the import is taken back, runs again and completes,
  and the status page shows its report."""

import csv
import io
import json
import os
import re
import secrets
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import free_port, wait_for
from tests.conftest import postgres_url, scratch_database

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "gias_sample.csv"
PASSWORD = "correct horse battery staple"
LOST_AFTER = 6  # seconds before a silent worker's task is taken back (TASKS_WORKER_LOST_AFTER_SECONDS)
# The officer who signs in to the admin, made in the same `manage.py shell` as the test's other data (a process each
# costs seconds of start-up).
OFFICER = (
    "import os\n"
    "from django.contrib.auth import get_user_model\n"
    "password = os.environ['DJANGO_SUPERUSER_PASSWORD']\n"
    "get_user_model().objects.create_superuser('officer', 'officer@example.org', password)\n"
)


# The processes -----------------------------------------------------------------------------------------------


class Stack:
    """A scratch database with the site served from it (runserver) and workers started on demand."""

    def __init__(self, tmp_path, database_url):
        self.tmp_path = tmp_path
        self.database_url = database_url
        self.env = {
            **{key: value for key, value in os.environ.items() if not key.startswith(("TASKS_", "WORKER_"))},
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PYTHON": sys.executable,
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)  # each process says which settings it runs
        self.workers = []
        self.server = None
        self.base_url = ""

    def manage(self, *args, settings="localoffer.settings.production"):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            env={**self.env, "DJANGO_SETTINGS_MODULE": settings},
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def serve(self, wait=True):
        """The site, as an officer's browser meets it (development settings, the database queue); wait=False starts
        it without waiting for it to answer (ready() does)."""
        port = free_port()
        log_path = self.tmp_path / "server.log"
        self.server_log = open(log_path, "wb")  # closed in stop()
        self.server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            env={**self.env, "DJANGO_SETTINGS_MODULE": "localoffer.settings.dev"},
            cwd=ROOT,
            stdout=self.server_log,
            stderr=subprocess.STDOUT,
        )
        self.base_url = f"http://127.0.0.1:{port}"
        if wait:
            self.ready()

    def ready(self):
        wait_for(f"{self.base_url}/healthz", self.server, self.tmp_path / "server.log", seconds=120)

    def start_worker(self, **env):
        """bin/worker as production runs it, with quick retries and a short time before a silent worker is lost."""
        log_path = self.tmp_path / f"worker-{len(self.workers) + 1}.log"
        log = open(log_path, "wb")  # closed in stop()
        process = subprocess.Popen(
            [str(ROOT / "bin" / "worker")],
            env={
                **self.env,
                "WORKER_INTERVAL": "0.2",
                "TASKS_WORKER_LOST_AFTER_SECONDS": str(LOST_AFTER),
                "TASKS_RETRY_DELAY_SECONDS": "1",
                "TASKS_MAX_ATTEMPTS": "2",
                **env,
            },
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.workers.append((process, log, log_path))
        return process

    def worker_logs(self, tail=None):
        """Every worker's log, whole or (for a failure message) its last `tail` characters."""
        return "\n".join(
            f"--- {path.name}:\n{path.read_text(errors='replace')[-tail if tail else 0 :]}"
            for _p, _l, path in self.workers
        )

    def stop(self):
        for process, log, _path in self.workers:
            if process.poll() is None:
                process.kill()
                process.wait(10)
            log.close()
        if self.server:
            self.server.terminate()
            self.server.wait(10)
            self.server_log.close()

    def sql(self, query):
        """Read the scratch database directly (quicker than a manage.py process per look)."""
        if self.database_url.startswith("sqlite"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=30) as conn:
                return conn.execute(query).fetchall()
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return conn.execute(query).fetchall()

    def officer(self):
        """A requests session logged in to the admin."""
        session = requests.Session()
        login = f"{self.base_url}/admin/login/"
        token = csrf_token(session.get(login, timeout=30).text)
        response = session.post(
            login,
            data={"username": "officer", "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/"},
            timeout=30,
        )
        assert response.status_code == 200 and "/admin/login/" not in response.url, response.text[:500]
        return session


@contextmanager
def stack(tmp_path):
    with scratch_database(tmp_path, migrated=True) as database_url:  # as the release step leaves it
        running = Stack(tmp_path, database_url)
        try:
            yield running
        finally:
            running.stop()


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def wait_until(condition, seconds, what, stack=None, every=0.3):
    """Until condition() is true, looking every `every` seconds (a look at an admin page costs the server a render,
    CPU the worker being waited for could use)."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(
                f"gave up waiting {seconds} s for {what}\n" + (stack.worker_logs(tail=3000) if stack else "")
            )
        time.sleep(every)


def task_rows(stack, task_path):
    return stack.sql(
        "SELECT status, return_value, worker_ids, traceback FROM django_tasks_database_dbtaskresult "
        f"WHERE task_path = '{task_path}'"
    )


# A task and its result; SIGTERM; a failing email -----------------------------------------------------------------


@pytest.mark.slow
def test_the_worker_runs_queued_tasks_retries_failures_and_stops_on_sigterm(tmp_path):
    with stack(tmp_path) as site:
        queued = site.manage(
            "shell",
            "-c",
            OFFICER + "from directory.upkeep.tasks import check_links_task\n"
            "from localoffer.tasks import send_email\n"
            "print(check_links_task.enqueue().id)\n"
            "send_email.enqueue('Test', 'A message the mail server will refuse.', ['someone@example.org'])\n",
        )
        task_id = queued.strip().splitlines()[-1]
        assert task_rows(site, "directory.upkeep.tasks.check_links_task")[0][0] == "READY"  # waiting for a worker

        closed_port = free_port()  # nothing listens there: the mail server "refuses"
        worker = site.start_worker(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(closed_port))
        site.serve(wait=False)  # starting up meanwhile, for the admin's report at the end

        # Picked up, run, result stored (and readable through django-tasks from another process).
        wait_until(
            lambda: task_rows(site, "directory.upkeep.tasks.check_links_task")[0][0] == "SUCCESSFUL",
            120,
            "the link check to run",
            site,
        )
        result = site.manage(
            "shell",
            "-c",
            "from directory.upkeep.tasks import check_links_task\n"
            f"result = check_links_task.get_result('{task_id}')\n"
            "print(result.status, sorted(result.return_value.items()))\n",
        )
        assert "SUCCESSFUL [('broken', 0), ('links', 0), ('pages', 0)]" in result

        # The email fails, is tried again a second later, fails again: failed for good (TASKS_MAX_ATTEMPTS=2).
        wait_until(
            lambda: task_rows(site, "localoffer.tasks.send_email")[0][0] == "FAILED", 120, "the email to fail", site
        )
        status, _value, worker_ids, traceback = task_rows(site, "localoffer.tasks.send_email")[0]
        assert len(json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids) == 2  # tried twice
        assert "ConnectionRefusedError" in traceback
        log = (tmp_path / "worker-1.log").read_text()
        assert "failed (attempt 1 of 2); trying again in 1 s" in log and "failed for good after 2 attempts" in log
        assert "someone@example.org" not in log  # task arguments are never logged

        # SIGTERM: an idle worker exits at once, cleanly.
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(30) == 0

        # Officers see the failure in the admin.
        site.ready()
        officer = site.officer()
        report = officer.get(f"{site.base_url}/admin/reports/background-tasks/", timeout=30).text
        assert "Send one plain-text email from DEFAULT_FROM_EMAIL" in report
        assert "ConnectionRefusedError" in report and "data-failed-count>1<" in report
        dashboard = officer.get(f"{site.base_url}/admin/", timeout=30).text
        assert 'data-dashboard-item="background-tasks-that-failed"' in dashboard


# The GIAS import of a 1,000-row file, through a killed worker -----------------------------------------------------


def gias_file(rows=1000, ours_every=4, bad_every=25, filler_columns=110):
    """A GIAS export of `rows` schools, as GIAS gives every local authority's: every `ours_every`th in Northbrook
    (every `bad_every`th of those with a postcode GIAS would never give), the rest in another authority, which the
    import passes over; padded with filler columns to the size of a real export (about 1 MB). Northbrook's schools
    are a quarter of the file: writing a school page costs the import a quarter of a second of CPU, and four times as
    many would only make the test four times as long."""
    header = next(csv.reader(io.StringIO(SAMPLE.read_text(encoding="cp1252"))))
    header += [f"Unused column {n}" for n in range(filler_columns)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, restval="")
    writer.writeheader()
    for n in range(rows):
        ours, number = n % ours_every == 0, n // ours_every
        writer.writerow(
            {
                "URN": str(910000 + n),
                "LA (code)": "999" if ours else "998",
                "LA (name)": "Northbrook" if ours else "Southmere",
                "EstablishmentName": f"Generated Primary School {n}",
                "TypeOfEstablishment (name)": "Community school",
                "EstablishmentStatus (name)": "Open",
                "PhaseOfEducation (name)": "Primary",
                "StatutoryLowAge": "4",
                "StatutoryHighAge": "11",
                "Street": f"{n} School Lane",
                "Town": "Northbrook" if ours else "Southmere",
                "Postcode": "NOT A CODE" if ours and number % bad_every == bad_every - 1 else "NB1 4AA",
                "SchoolWebsite": f"https://school{n}.example.sch.uk",
                "TelephoneNum": "01632 960000",
                **{f"Unused column {k}": "padding" for k in range(filler_columns)},
            }
        )
    return out.getvalue().encode("cp1252")


def status_of(officer, url):
    page = officer.get(url, timeout=30).text
    match = re.search(r'data-gias-import-status="(\w+)" data-rows-done="(\d+)" data-rows-total="(\d+)"', page)
    assert match, page[:2000]
    return match.group(1), int(match.group(2)), int(match.group(3)), page


@pytest.mark.slow
def test_a_gias_upload_returns_at_once_and_survives_a_killed_worker(tmp_path):
    if not postgres_url():  # a minute of real import: once per CI run, on production's database
        pytest.skip("runs in the PostgreSQL pass: set DATABASE_URL=postgres://...")
    data = gias_file()
    assert len(data) > 900_000
    with stack(tmp_path) as site:
        site.manage(
            "shell",
            "-c",
            OFFICER + "from tests.factories import SchoolsIndexPageFactory, get_home\n"
            "get_home()\n"
            "SchoolsIndexPageFactory(publish_revision=True)\n",
        )
        site.serve()
        officer = site.officer()
        form_url = f"{site.base_url}/admin/schools/import-gias/"
        token = csrf_token(officer.get(form_url, timeout=30).text)

        started = time.monotonic()
        response = officer.post(
            form_url,
            data={"la_name": "Northbrook", "neighbours": "", "csrfmiddlewaretoken": token},
            files={"csv_file": ("edubasealldata.csv", data, "text/csv")},
            allow_redirects=False,
            timeout=60,
        )
        post_seconds = time.monotonic() - started
        assert response.status_code == 302, response.text[:2000]
        status_url = site.base_url + response.headers["Location"]
        assert re.fullmatch(r".*/admin/schools/import-gias/\d+/", status_url)
        assert post_seconds < 10, f"the upload took {post_seconds:.1f} s"
        assert site.sql("SELECT COUNT(*) FROM directory_schoolpage")[0][0] == 0  # nothing imported in the request
        status, _done, _total, page = status_of(officer, status_url)
        assert status == "queued" and 'http-equiv="refresh"' in page

        # A worker starts on it; the status page shows rows done. Kill the worker outright mid-import.
        first = site.start_worker(TASKS_MAX_ATTEMPTS="4")
        import_started = time.monotonic()
        status, done, total, _page = wait_until(
            lambda: (s := status_of(officer, status_url))[0] == "running" and s[1] >= 50 and s,
            300,
            "the import to get under way",
            site,
            every=1,
        )
        assert total == 1000 and 50 <= done < 1000
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        assert task_rows(site, "directory.schools.tasks.import_gias_upload")[0][0] == "RUNNING"  # left running
        created_before = site.sql("SELECT COUNT(*) FROM directory_schoolpage")[0][0]
        assert 0 < created_before < 240

        # A new worker takes the task back once the dead one has been silent for LOST_AFTER seconds, and finishes it.
        site.start_worker(TASKS_MAX_ATTEMPTS="4")
        status, done, total, page = wait_until(
            lambda: (s := status_of(officer, status_url))[0] in ("done", "failed") and s,
            900,
            "the import to finish",
            site,
            every=2,
        )
        import_seconds = time.monotonic() - import_started
        assert status == "done", page[:3000]
        assert done == total == 1000
        assert "Import report" in page and 'http-equiv="refresh"' not in page
        assert "interrupted and ran again from the top (attempt 2)" in page
        counts = dict(re.findall(r'<th scope="row">([A-Za-z ]+)</th><td>(\d+)</td>', page))
        assert int(counts["Created"]) + int(counts["Unchanged"]) == 240  # Northbrook's 250, less 10 rejected
        assert int(counts["Unchanged"]) == created_before  # rows imported before the kill
        assert counts["Rejected"] == "10" and "is not a UK postcode" in page
        assert "Other local authorities (ignored)</th><td>750<" in page
        assert site.sql("SELECT COUNT(*) FROM directory_schoolpage")[0][0] == 240

        rows = task_rows(site, "directory.schools.tasks.import_gias_upload")
        assert len(rows) == 1 and rows[0][0] == "SUCCESSFUL"  # one task, not lost, not duplicated
        logs = site.worker_logs()
        assert logs.count("was left running by a lost worker: queued again") == 1  # taken back once, by worker 2
        print(
            f"\nGIAS 1,000 rows: upload answered in {post_seconds:.2f} s; import (with a kill) {import_seconds:.0f} s"
        )
