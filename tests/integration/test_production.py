"""Production settings and the production start script, as an operator would run them."""

import os
import secrets
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.browser.conftest import free_port, wait_for
from tests.conftest import collected_static, postgres_url, scratch_database

ROOT = Path(__file__).resolve().parents[2]


def production_env(**extra):
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' worker (tests/browser/conftest.py), never by production.
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="localoffer.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        **extra,
    )
    return env


def manage(env, *args):
    return subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True)


def test_check_deploy_is_clean():
    result = manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage(env, "check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_release_then_start_scripts_serve_with_gunicorn_on_postgres(tmp_path):
    if not postgres_url():
        pytest.skip("runs in the PostgreSQL pass: set DATABASE_URL=postgres://...")
    # Migrated already, as bin/release leaves it (release then has nothing to apply): tests/integration/test_deploy.py
    # releases a database from nothing.
    with scratch_database(tmp_path, migrated=True) as database_url:
        port = free_port()
        env = production_env(
            DATABASE_URL=database_url,
            PORT=str(port),
            WEB_CONCURRENCY="2",
            PYTHON=sys.executable,
            STATIC_ROOT=collected_static(),  # collectstatic on production settings, once per run
            MEDIA_ROOT=str(tmp_path / "media"),
        )
        released = subprocess.run([str(ROOT / "bin" / "release")], env=env, cwd=ROOT, capture_output=True, text=True)
        assert released.returncode == 0, released.stdout + released.stderr
        log_path = tmp_path / "server.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [str(ROOT / "bin" / "start")], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                wait_for(f"http://127.0.0.1:{port}/healthz", server, log_path, seconds=300)
                # The demo's site shell (its home page and information pages), not the whole demo: the services,
                # schools and printed edition would add a minute and nothing this test looks at.
                loaded = manage(env, "shell", "-c", "import sys\nfrom demo.loaders import site\nsite.load(sys.stdout)")
                assert loaded.returncode == 0, loaded.stderr
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/", headers={"X-Forwarded-Proto": "https", "Host": "localhost"}
                )
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    body = response.read().decode()
                    headers = response.headers
                assert response.status == 200
                assert "Northbrook" in body
                assert "max-age=31536000" in headers["Strict-Transport-Security"]
                assert "default-src 'self'" in headers["Content-Security-Policy"]
                # Hashed, compressed static names from whitenoise's manifest storage.
                css = next(part for part in body.split('"') if part.startswith("/static/css/main."))
                assert css != "/static/css/main.css"
                gz = urllib.request.Request(
                    f"http://127.0.0.1:{port}{css}",
                    headers={"Accept-Encoding": "gzip", "X-Forwarded-Proto": "https"},
                )
                with urllib.request.urlopen(gz, timeout=10) as response:  # noqa: S310
                    assert response.headers["Content-Encoding"] == "gzip"
            finally:
                server.terminate()
                server.wait(15)
    assert "gunicorn" in log_path.read_text().lower()
