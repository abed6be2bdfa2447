"""The container's commands, run as compose.yaml and the Dockerfile run them (these machines cannot `docker build`):
bin/release twice at once, then bin/start and bin/worker, with compose.yaml's environment and a production
ALLOWED_HOSTS, against PostgreSQL and Redis; /healthz through the public host name and through the image's own
HEALTHCHECK command.

It runs in the PostgreSQL pass (a scratch database beside DATABASE_URL's); in CI a missing redis-server fails it."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
import redis
import yaml

from tests.browser.conftest import free_port, wait_for
from tests.conftest import postgres_url, require, scratch_database

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
HOST = "localoffer.example.gov.uk"
LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ [\w.]+ \[[\w.-]+\] ")


def compose_service(name):
    """A service's command and environment from compose.yaml, with each ${NAME:-default} at its default (compose
    would take NAME from the shell, which sets none of them here)."""
    service = COMPOSE["services"][name]
    environment = {
        key: re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value)) for key, value in service["environment"].items()
    }
    return service["command"], environment


def dockerfile_instruction(name):
    """The text of a Dockerfile instruction, continuation lines joined."""
    match = re.search(rf"^{name} (.*?)(?<!\\)$", DOCKERFILE, re.M | re.S)
    assert match, name
    return re.sub(r"\\\n\s*", " ", match.group(1)).strip()


@pytest.fixture
def postgres_server():
    if not postgres_url():
        pytest.skip("runs in the PostgreSQL pass: set DATABASE_URL=postgres://...")


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    require(server, "needs redis-server (apt-get install redis-server)")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_redis(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def wait_for_redis(port, process):
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            if client.ping():
                return
        except redis.ConnectionError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    pytest.fail(f"redis-server did not start on port {port}")


def get(port, path, host):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_dockerfile_and_compose_start_the_same_commands():
    assert dockerfile_instruction("CMD") == '["bin/start"]'
    assert compose_service("web")[0] == ["bin/start"]
    assert compose_service("worker")[0] == ["bin/worker"]
    assert compose_service("release")[0] == ["bin/release"]
    # The web and the worker wait for the release step to have finished well.
    for name in ("web", "worker"):
        assert COMPOSE["services"][name]["depends_on"]["release"] == {"condition": "service_completed_successfully"}
    # The dependency layer comes before the code.
    assert DOCKERFILE.index("pip install --require-hashes -r requirements/base.txt") < DOCKERFILE.index("COPY . .")


@pytest.mark.slow
def test_release_start_and_worker_as_compose_runs_them(tmp_path, postgres_server, redis_url):
    with scratch_database(tmp_path) as database_url:
        port = free_port()
        local = {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "ALLOWED_HOSTS": HOST,
            "PORT": str(port),
            "PYTHON": sys.executable,
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        (tmp_path / "static").mkdir()
        base = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "SECRET_KEY"))}
        # The image's environment (its ENV line), then the service's from compose.yaml, then where things are here.
        base.update(DJANGO_SETTINGS_MODULE="localoffer.settings.production", PYTHONUNBUFFERED="1")

        def service(name):
            command, environment = compose_service(name)
            return command, {**base, **environment, **local}

        # Two replicas releasing at once: both succeed, one of them applies the migrations.
        command, env = service("release")
        releases = [
            subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            for _ in range(2)
        ]
        outputs = [release.communicate(timeout=600)[0] for release in releases]
        for release, output in zip(releases, outputs, strict=True):
            assert release.returncode == 0, output
            assert "Release step done." in output
        assert sum("Applying " in output for output in outputs) == 1, "\n\n".join(outputs)
        with psycopg.connect(database_url) as conn:  # straight to the database: a manage.py process costs seconds
            duplicates = conn.execute(
                "SELECT count(*) FROM (SELECT app, name FROM django_migrations GROUP BY 1, 2 HAVING count(*) > 1) d"
            ).fetchone()[0]
        assert duplicates == 0

        web_log, worker_log = tmp_path / "web.log", tmp_path / "worker.log"
        command, env = service("web")
        with open(web_log, "wb") as log:
            web = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        command, worker_env = service("worker")
        with open(worker_log, "wb") as log:
            worker = subprocess.Popen(command, env=worker_env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz", web, web_log, seconds=300)
            # The public name, and the container's own address: both healthy.
            assert get(port, "/healthz", HOST) == (200, '{"status": "ok", "database": "up"}')
            assert get(port, "/healthz", "127.0.0.1")[0] == 200
            # The image's HEALTHCHECK, word for word, as Docker runs it (a shell, in the container's environment).
            healthcheck = dockerfile_instruction("HEALTHCHECK").split(" CMD ", 1)[1]
            path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
            checked = subprocess.run(
                ["/bin/sh", "-c", healthcheck], env={**env, "PATH": path}, capture_output=True, text=True, timeout=30
            )
            assert checked.returncode == 0, checked.stderr
            # ALLOWED_HOSTS is really production's: everything but /healthz refuses another host.
            assert get(port, "/robots.txt", HOST)[0] == 200
            assert get(port, "/robots.txt", "127.0.0.1")[0] == 400

            # The worker runs what the site queues, and the cache is Redis.
            done = manage(
                worker_env,
                "shell",
                "-v",
                "0",
                "-c",
                "import time\n"
                "from django.core.cache import caches\n"
                "from localoffer.tasks import send_email\n"
                "cache = caches['default']\n"
                "cache.set('deploy-test', 'shared')\n"
                "print(type(cache).__name__, cache.get('deploy-test'))\n"
                "result = send_email.enqueue('Deploy test', 'Sent by the worker.', ['officer@example.gov.uk'])\n"
                "deadline = time.monotonic() + 120\n"
                "while not result.is_finished and time.monotonic() < deadline:\n"
                "    time.sleep(0.5)\n"
                "    result.refresh()\n"
                "print(result.status)\n",
            )
            assert done.returncode == 0, done.stdout + done.stderr
            assert done.stdout.split() == ["RedisCache", "shared", "SUCCESSFUL"], done.stdout + done.stderr
            assert "Subject: Deploy test" in worker_log.read_text()
        finally:
            for process in (web, worker):
                process.send_signal(signal.SIGTERM)
            # Both stop cleanly on SIGTERM, as `docker compose down` asks them to.
            assert web.wait(30) == 0, web_log.read_text()[-3000:]
            assert worker.wait(60) == 0, worker_log.read_text()[-3000:]

    # The site's and the worker's log lines have the time, level, logger and request id.
    web_lines = [line for line in web_log.read_text().splitlines() if " localoffer.requests " in line]
    assert any(" GET /robots.txt 200 " in line for line in web_lines), web_log.read_text()[-3000:]
    assert all(LINE.match(line) for line in web_lines)
    assert any(LINE.match(line) and " django_tasks_db [-] " in line for line in worker_log.read_text().splitlines())


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
