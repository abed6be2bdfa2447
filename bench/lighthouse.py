"""Lighthouse scores of four pages served as in production (issue 15). Prints a table; asserts nothing.

    npm i -E --prefix /tmp/lh lighthouse@12.2.3     # once, outside the project (13.x needs Node 22)
    LIGHTHOUSE=/tmp/lh/node_modules/.bin/lighthouse CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py

Chromium runs headless, without its sandbox and GPU (--chrome-flags), as it must in a container or CI.

It makes a scratch SQLite database, migrates it, loads the demo council, collects the static files (hashed and
compressed, as the image does) and serves the site with gunicorn under production settings (plain HTTP, as behind a
TLS proxy on localhost). Then Lighthouse (its default: a mid-range phone on a throttled connection) scores the home
page, the service directory, a service page and the comment form, each run once (--runs N for the median of N);
--details also lists each page's audits that did not pass (on standard error)."""

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
    parser.add_argument("--details", action="store_true", help="list the audits that did not pass")
    parser.add_argument("--page", action="append", choices=list(PAGES), help="only this page (repeat for more)")
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
        "LOG_LEVEL": "WARNING",  # not a line per request among the scores
    }


def manage(env, *args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"


def lighthouse(url, details=False):
    binary = os.environ.get("LIGHTHOUSE", "lighthouse")
    result = subprocess.run(
        [
            binary,
            url,
            "--output=json",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    if details:
        for name in CATEGORIES:
            for ref in report["categories"][name]["auditRefs"]:
                audit = report["audits"][ref["id"]]
                if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                    shown = audit.get("displayValue", "")
                    print(f"  {url} {name}: {ref['id']} {audit['score']} {shown}", file=sys.stderr)
                    for item in (audit.get("details") or {}).get("items", [])[:5]:
                        node = item.get("node") or {}
                        if node.get("snippet"):
                            print(f"    {node['snippet'][:160]} {node.get('explanation', '')[:200]}", file=sys.stderr)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        env = production_env(tmp)
        manage(env, "collectstatic", "--noinput", "-v0")  # as the image is built, before anything renders a page
        manage(env, "createcachetable")  # then as the release step does
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_demo")  # it makes the printed edition, whose page links the hashed stylesheet
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
                if args.page and name not in args.page:
                    continue
                runs = [lighthouse(base + path, args.details) for _ in range(args.runs)]
                scores = {c: statistics.median(run[c] for run in runs) for c in CATEGORIES}
                print(f"| {name} (`{path}`) | " + " | ".join(str(round(scores[c])) for c in CATEGORIES) + " |")
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
