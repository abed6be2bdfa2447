"""The directory's in-memory facet index is right in every process: two server processes over one database each
keep their own index, and every change that alters a filter, count or sort shows on both at their next request.

The processes share one cache, as a site's workers do (Redis, or the database cache without it): what every page
asks (the taxonomy lists, the site) is remembered there under the content version, which a change in any process
renews. The test settings' per-process memory cache would leave each server its own stale copy."""

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import free_port, wait_for
from tests.conftest import production_database_only, scratch_database

ROOT = Path(__file__).resolve().parents[2]

# The test settings with the database cache production uses without Redis, shared by every process.
SHARED_CACHE_SETTINGS = """
from localoffer.settings.test import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "localoffer_cache"}}
"""

SETUP = """
from directory.models import DirectoryPage, NeedType, ServiceCategory, ServicePage, ServiceContact
from localoffer.demo import get_or_create_home
from django.utils import timezone
from wagtail.search import index
home = get_or_create_home()
directory = home.add_child(instance=DirectoryPage(title="Find services", slug="services"))
for title, tier, need in (("Alpha club", "targeted", "autism"), ("Beta club", "universal", "adhd")):
    page = ServicePage(
        title=title, slug=title.lower().replace(" ", "-"), summary="A club.", tier=tier, min_age=5, max_age=11,
        eligibility="Anyone.", self_referral=True, access_steps="Phone us.", live=True,
        first_published_at=timezone.now(), last_published_at=timezone.now(),
    )
    page.need_types = [NeedType.objects.get(slug=need)]
    page.categories = [ServiceCategory.objects.get(slug="health")]
    page.contacts = [ServiceContact(name="Reception", phone="01632 960000")]
    directory.add_child(instance=page)
    index.insert_or_update_object(page)
"""

STEPS = {
    "rename a need type's slug": """
need = NeedType.objects.get(slug="autism"); need.slug = "autism-spectrum"; need.save()
""",
    "mark a service reviewed": """
from directory.upkeep.reviews import mark_reviewed
import datetime
mark_reviewed(ServicePage.objects.get(title="Beta club"), None, today=datetime.date(2030, 1, 1))
""",
    "restrict a service": """
from wagtail.models import PageViewRestriction
PageViewRestriction.objects.create(page=ServicePage.objects.get(title="Beta club"), restriction_type="password",
                                   password="secret")
""",
    "unpublish a service": """
ServicePage.objects.get(title="Alpha club").unpublish()
""",
}
PREAMBLE = "from directory.models import NeedType, ServicePage\n"


# One process runs the set-up and every step in turn, as code sent down its stdin, one block per line (a `manage.py
# shell` each would cost seconds of start-up); it answers each with "ok" or the traceback, on one line.
SHELL = """
import json, sys, traceback
import django
django.setup()
namespace = {}
for line in sys.stdin:
    try:
        exec(json.loads(line), namespace)
        answer = "ok"
    except Exception:
        answer = traceback.format_exc()
    print(json.dumps(answer), flush=True)
"""


class Shell:
    def __init__(self, env, log_path):
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [sys.executable, "-c", SHELL],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def run(self, code):
        self.process.stdin.write(json.dumps(code) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, f"the shell died: {self.process.wait(10)}"
        assert json.loads(answer) == "ok", json.loads(answer)

    def close(self):
        self.process.stdin.close()
        assert self.process.wait(30) == 0

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.log.close()


def titles(port, query):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/services/{query}", timeout=20) as response:  # noqa: S310
        return re.findall(r"(Alpha|Beta) club", response.read().decode())


def first_titles(port, query):
    return list(dict.fromkeys(titles(port, query)))


@pytest.mark.slow
@production_database_only
def test_every_process_sees_every_change_on_its_next_request(tmp_path):
    with scratch_database(tmp_path, migrated=True) as database_url:  # as bin/release leaves it
        (tmp_path / "shared_cache_settings.py").write_text(SHARED_CACHE_SETTINGS)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "shared_cache_settings",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])),
        }

        shell = Shell(env, tmp_path / "shell.log")
        ports, servers = [free_port(), free_port()], []
        try:
            shell.run(SETUP)
            for port in ports:
                log_path = tmp_path / f"server-{port}.log"
                log = open(log_path, "wb")  # noqa: SIM115 (closed with the process)
                server = subprocess.Popen(
                    [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading", f"127.0.0.1:{port}"],
                    env=env,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
                servers.append((server, log, log_path))
            for port, (server, _log, log_path) in zip(ports, servers, strict=True):  # both starting meanwhile
                wait_for(f"http://127.0.0.1:{port}/healthz", server, log_path, seconds=120)

            def on_both(query):
                seen = [first_titles(port, query) for port in ports]
                assert seen[0] == seen[1], (query, seen)
                return seen[0]

            # Both processes build their index now.
            assert on_both("?need=autism") == ["Alpha"]
            assert on_both("?sort=reviewed") == ["Alpha", "Beta"]  # neither reviewed yet: A to Z

            shell.run(PREAMBLE + STEPS["rename a need type's slug"])
            assert on_both("?need=autism-spectrum") == ["Alpha"]

            shell.run(PREAMBLE + STEPS["mark a service reviewed"])
            assert on_both("?sort=reviewed") == ["Beta", "Alpha"]

            shell.run(PREAMBLE + STEPS["restrict a service"])
            assert on_both("?tier=universal") == []
            assert on_both("") == ["Alpha"]

            shell.run(PREAMBLE + STEPS["unpublish a service"])
            assert on_both("") == []
            shell.close()
        finally:
            shell.stop()
            for server, log, _log_path in servers:
                server.terminate()
                server.wait(15)
                log.close()
