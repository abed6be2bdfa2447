"""Lighthouse scores of four pages served as in production (issue 15). Prints a table; asserts nothing.

    npm install --prefix /tmp/lh lighthouse          # once: Lighthouse from the npm registry (not a project dependency)
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py

It makes a scratch SQLite database, migrates it, loads the demo council, collects the static files (hashed and
compressed, as the image does) and serves the site with gunicorn under production settings (plain HTTP, as behind a
TLS proxy on localhost). Then Lighthouse (its default: a mid-range phone on a throttled connection) scores the home
page, the service directory, a service page and the comment form, each run once (--runs N for the median of N)."""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "home": "/",
    "directory": "/services/",
    "service page": "/services/autism-social-club/",
    "comment form": "/have-your-say/",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (the median is shown)")
    return parser.parse_args()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(tmp):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "localoffer.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp}/lighthouse.sqlite3",
        "SECRET_KEY": "lighthouse-bench-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": f"{tmp}/static",
        "MEDIA_ROOT": f"{tmp}/media",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def lighthouse(url):
    binary = os.environ.get("LIGHTHOUSE", "lighthouse")
    result = subprocess.run(
        [
            binary,
            url,
            "--output=json",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        env = production_env(tmp)
        manage(env, "createcachetable")  # first, as the release step does
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput", "-v0")
        port = free_port()
        server = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "localoffer.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=5)  # noqa: S310 (our own local server)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
            print("| page | " + " | ".join(CATEGORIES) + " |")
            print("| --- |" + " --- |" * len(CATEGORIES))
            for name, path in PAGES.items():
                runs = [lighthouse(base + path) for _ in range(args.runs)]
                scores = {c: statistics.median(run[c] for run in runs) for c in CATEGORIES}
                print(f"| {name} (`{path}`) | " + " | ".join(str(round(scores[c])) for c in CATEGORIES) + " |")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
