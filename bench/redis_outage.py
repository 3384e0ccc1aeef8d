#!/usr/bin/env python3
"""Show that the archive rides out a Redis outage: no 500, a degraded /readyz, nothing stale.

Starts a throwaway Redis on 127.0.0.1:--port (append-only file on, so that it comes back
with its old contents, as after a network cut: the hard case for stale pages), loads the
archive into a throwaway SQLite database, serves it with gunicorn (production settings,
REDIS_URL pointing at the throwaway Redis), and puts it under load from a few threads on
127.0.0.1. Then it kills Redis (by its PID), checks that /readyz says "degraded", saves an
edit through the API while Redis is away, starts Redis again on the same files, and checks
that every worker serves the edit (never the page from before it). Every answer under load
must be a 200. Prints PASS and exits 0, or FAIL and exits 1. Cleans up everything it
started; the shared Redis on 6379 is never touched.

    python bench/redis_outage.py [--port 6390] [--outage 3] [--threads 4]
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

from serving import Gunicorn, app_environment, manage

PATHS = [
    "/",
    "/editions/",
    "/editions/20/",
    "/api/v1/conferences/",
    "/api/v1/conferences/20/",
]
EDITION = "/api/v1/conferences/20/"
EDITION_PAGE = "/editions/20/"


def request(url: str, method="GET", body=None, headers=None, timeout=10):
    """Return (status, headers, body text); status 0 if nothing answered."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")
    except (urllib.error.URLError, OSError) as error:
        return 0, {}, str(error)


class Load:
    """Threads that GET the most-read paths until stopped, counting every status."""

    def __init__(self, base: str, threads: int):
        self.base = base
        self.statuses = Counter()
        self.errors: list[str] = []
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.run, args=(n,), daemon=True)
            for n in range(threads)
        ]
        for thread in self.threads:
            thread.start()

    def run(self, n: int) -> None:
        i = n
        while not self.stopping.is_set():
            path = PATHS[i % len(PATHS)]
            i += 1
            status, _, body = request(self.base + path)
            with self.lock:
                self.statuses[status] += 1
                if status != 200 and len(self.errors) < 10:
                    self.errors.append(f"{path} -> {status} {body[:200]}")

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join(15)


class Redis:
    """redis-server on 127.0.0.1:port with its files in folder; stopped by its PID."""

    def __init__(self, port: int, folder: Path):
        self.port = port
        self.folder = folder
        self.pidfile = folder / "redis.pid"
        self.pid = None

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--daemonize", "yes",
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--dir", str(self.folder),
                "--pidfile", str(self.pidfile),
                "--logfile", str(self.folder / "redis.log"),
            ],
            check=True,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.pidfile.exists() and self.ping():
                self.pid = int(self.pidfile.read_text().split()[0])
                return
            time.sleep(0.1)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(self.port), "ping"],
            capture_output=True,
            text=True,
        )
        return result.stdout.strip() == "PONG"

    def kill(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        self.pid = None
        self.pidfile.unlink(missing_ok=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=6390, help="the throwaway Redis")
    parser.add_argument("--outage", type=float, default=3, help="seconds Redis is away")
    parser.add_argument("--threads", type=int, default=4, help="load threads")
    parser.add_argument(
        "--recovery", type=float, default=15, help="seconds allowed to recover"
    )
    args = parser.parse_args()
    if args.port == 6379:
        parser.error("6379 is the shared Redis: give a throwaway port")
    if shutil.which("redis-server") is None:
        print("FAIL: no redis-server (apt-get install redis-server)")
        return 1

    work = Path(tempfile.mkdtemp(prefix="ncb-redis-outage-"))
    redis = Redis(args.port, work)
    server = load = None
    failures: list[str] = []
    try:
        redis.start()
        print(f"Throwaway Redis on 127.0.0.1:{args.port} (pid {redis.pid}) in {work}")
        env = app_environment(
            f"sqlite:///{work / 'archive.sqlite3'}",
            work,
            REDIS_URL=f"redis://127.0.0.1:{args.port}/0",
            DJANGO_CACHE_PREFIX="redis-outage",
            DJANGO_API_THROTTLE_ANON="off",
            DJANGO_API_THROTTLE_USER="off",
        )
        for command in (
            ["migrate", "--noinput"],
            ["load_archive"],
            ["collectstatic", "--noinput"],
        ):
            manage(env, *command)
        token = manage(
            env,
            "shell",
            "-c",
            "from django.contrib.auth.models import Permission, User; "
            "from rest_framework.authtoken.models import Token; "
            "u = User.objects.create_user('outage', is_staff=True); "
            "u.user_permissions.set(Permission.objects.filter("
            "content_type__app_label='conferences')); "
            "print(Token.objects.create(user=u).key)",
        ).stdout.split()[-1]
        server = Gunicorn(env, work / "gunicorn.log", workers=2)
        base = server.base

        # Before: every path is served, and then served from the cache.
        for path in PATHS:
            request(base + path)
        cached = [request(base + path)[1].get("X-Archive-Cache") for path in PATHS]
        print(f"  before: X-Archive-Cache {cached}")
        if "hit" not in cached:
            failures.append("the cache served nothing before the outage")
        ready = request(base + "/readyz")
        print(f"  before: /readyz {ready[0]} {ready[2].strip()}")

        load = Load(base, args.threads)
        time.sleep(1)
        print("Killing Redis")
        redis.kill()
        time.sleep(0.5)
        status, headers, body = request(base + "/readyz")
        print(f"  down: /readyz {status} {body.strip()}")
        if status != 200 or not body.startswith("degraded"):
            failures.append(f"/readyz during the outage: {status} {body.strip()}")

        # The summary is the archive's own words, so no report's excerpt has to support it.
        summary = f"Summary written during the outage {time.monotonic_ns()}"
        status, _, body = request(
            base + EDITION,
            method="PATCH",
            body={"summary": summary},
            headers={"Authorization": f"Token {token}"},
        )
        print(f"  down: PATCH {EDITION} -> {status}")
        if status != 200:
            failures.append(
                f"a write during the outage answered {status}: {body[:300]}"
            )
        shown = json.loads(request(base + EDITION)[2]).get("summary")
        if shown != summary:
            failures.append(f"during the outage the API shows {shown!r}, not the edit")
        time.sleep(args.outage)

        print("Starting Redis again, with its old contents")
        redis.start()
        keys = subprocess.run(
            ["redis-cli", "-p", str(args.port), "dbsize"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(
            f"  up: Redis is back with {keys} keys from before (old pages, old generation)"
        )
        if keys in ("", "0"):
            failures.append("Redis came back empty: the stale-page case was not tested")
        started = time.monotonic()
        while time.monotonic() - started < args.recovery:
            if all(request(base + "/readyz")[2] == "ready\n" for _ in range(6)):
                break
            time.sleep(0.2)
        else:
            failures.append(f"/readyz not ready within {args.recovery} s of Redis")
        print(f"  up: /readyz ready after {time.monotonic() - started:.1f} s")

        # After: no reader, on any worker, gets the edition from before the edit.
        stale, sources = 0, Counter()
        for _ in range(40):
            status, headers, body = request(base + EDITION)
            sources[headers.get("X-Archive-Cache")] += 1
            if status != 200 or json.loads(body).get("summary") != summary:
                stale += 1
            status, headers, body = request(base + EDITION_PAGE)
            sources[headers.get("X-Archive-Cache")] += 1
            if status != 200 or summary not in body:
                stale += 1
        print(f"  up: 80 reads of the edited edition, X-Archive-Cache {dict(sources)}")
        if stale:
            failures.append(f"{stale} of 80 reads after the outage were stale")
        if sources.get("hit", 0) == 0:
            failures.append("the cache serves nothing after Redis is back")

        load.stop()
        print(
            f"  load: {sum(load.statuses.values())} requests, statuses {dict(load.statuses)}"
        )
        if set(load.statuses) != {200}:
            failures.append(f"answers other than 200 under load: {load.errors}")
        if not server.running():
            failures.append("gunicorn exited")
    except (subprocess.CalledProcessError, RuntimeError) as error:
        failures.append(f"{error} {getattr(error, 'stderr', '') or ''}".strip())
    finally:
        if load is not None:
            load.stop()
        if server is not None:
            server.stop()
        redis.kill()
        if failures:
            print(f"Logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    print(
        "PASS: no 500 without Redis, /readyz said degraded, the edit made during the "
        "outage shows everywhere after it"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
