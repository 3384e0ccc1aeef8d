#!/usr/bin/env python3
"""Show that the archive survives a PostgreSQL restart: 503s during it, 200s after, no app restart.

Starts a throwaway PostgreSQL cluster (as the postgres user, on --port, below 32768),
loads the archive into it, serves it with gunicorn (production settings, persistent
connections with health checks), then stops the cluster, checks that every path answers
503 (an HTML page, or JSON under /api/), starts the cluster again and checks that every
path answers 200 within --recovery seconds. Prints PASS and exits 0, or FAIL and exits 1.
Cleans up everything it started.

    python bench/db_outage.py [--port 25439] [--path /readyz --path /api/v1/conferences/ ...]

Paths that do not answer 200 before the outage (not built yet) are left out, with a note.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import Gunicorn, app_environment, fetch, manage

DEFAULT_PATHS = [
    "/readyz",
    "/editions/20/",
    "/api/v1/conferences/",
    "/api/v1/conferences/20/",
]
DATABASE = "ncb_prod_outage"


def as_postgres(*command: str) -> subprocess.CompletedProcess:
    """Run a PostgreSQL tool as the postgres user (initdb and pg_ctl refuse root)."""
    if os.geteuid() == 0:
        command = ("runuser", "-u", "postgres", "--", *command)
    return subprocess.run(command, check=True, capture_output=True, text=True)


def fresh(url: str) -> tuple[int, str, str]:
    """GET url with a query string of its own, so that no cached copy answers for the database."""
    separator = "&" if "?" in url else "?"
    return fetch(f"{url}{separator}nocache={time.monotonic_ns()}", timeout=5)


def outage_answer_is_right(
    path: str, status: int, content_type: str, body: str
) -> bool:
    if status != 503:
        return False
    if path.startswith("/api/"):
        return content_type.startswith("application/json") and "detail" in json.loads(
            body
        )
    return content_type.startswith("text/html") and "Temporarily unavailable" in body


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--port", type=int, default=25439, help="the cluster's port (< 32768)"
    )
    parser.add_argument(
        "--pg-bin", default=os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")
    )
    parser.add_argument(
        "--path", action="append", dest="paths", help="a path to check (repeatable)"
    )
    parser.add_argument(
        "--outage", type=float, default=3, help="seconds the database stays down"
    )
    parser.add_argument(
        "--recovery", type=float, default=15, help="seconds allowed to recover"
    )
    args = parser.parse_args()
    if args.port >= 32768:
        parser.error("--port must be below 32768 (the ephemeral range starts there)")
    pg_bin = Path(args.pg_bin)
    paths = args.paths or DEFAULT_PATHS

    work = Path(tempfile.mkdtemp(prefix="ncb-prod-outage-"))
    data, sockets = work / "data", work / "sockets"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(work, "postgres")
        shutil.chown(sockets, "postgres")
    pg_ctl = [
        str(pg_bin / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(work / "postgresql.log"),
    ]
    options = f"-p {args.port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    server = None
    failures: list[str] = []
    try:
        print(
            f"Starting a throwaway PostgreSQL cluster on 127.0.0.1:{args.port} in {work}"
        )
        as_postgres(
            str(pg_bin / "initdb"),
            "-D",
            str(data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
        )
        as_postgres(*pg_ctl, "-o", options, "-w", "start")
        as_postgres(
            str(pg_bin / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(args.port),
            "-U",
            "postgres",
            DATABASE,
        )
        app = work / "app"
        app.mkdir()
        env = app_environment(
            f"postgres://postgres@127.0.0.1:{args.port}/{DATABASE}", app
        )
        for command in (
            ["migrate", "--noinput"],
            ["load_archive"],
            ["collectstatic", "--noinput"],
        ):
            manage(env, *command)
        server = Gunicorn(env, app / "gunicorn.log", workers=2)

        checked = []
        for path in paths:
            status = fresh(server.base + path)[0]
            if status == 200:
                checked.append(path)
            else:
                print(f"  note: {path} answers {status} before the outage: left out")
        if not checked:
            raise RuntimeError("no path answers 200 before the outage")
        # Every worker holds a persistent connection from before the outage.
        for _ in range(8):
            for path in checked:
                fresh(server.base + path)

        print("Stopping PostgreSQL")
        as_postgres(*pg_ctl, "-m", "fast", "-w", "stop")
        outage_end = time.monotonic() + args.outage
        while True:
            for path in checked:
                status, content_type, body = fresh(server.base + path)
                right = outage_answer_is_right(path, status, content_type, body)
                if not right:
                    failures.append(
                        f"during the outage {path} answered {status} {content_type}"
                    )
                print(
                    f"  down: {path} -> {status} {content_type.split(';')[0]} ({'ok' if right else 'WRONG'})"
                )
            if time.monotonic() > outage_end:
                break
            time.sleep(1)

        print("Starting PostgreSQL again")
        as_postgres(*pg_ctl, "-o", options, "-w", "start")
        started = time.monotonic()
        recovered = False
        while time.monotonic() - started < args.recovery:
            # Several rounds in a row, so that every worker has reconnected.
            if all(
                fresh(server.base + path)[0] == 200
                for _ in range(6)
                for path in checked
            ):
                recovered = True
                break
            time.sleep(0.5)
        if recovered:
            print(
                f"  up: every path answers 200 again after {time.monotonic() - started:.1f} s, no restart"
            )
        else:
            failures.append(f"not recovered within {args.recovery} s")
        if not server.running():
            failures.append("gunicorn exited")
    except (subprocess.CalledProcessError, RuntimeError) as error:
        failures.append(f"{error} {getattr(error, 'stderr', '') or ''}".strip())
    finally:
        if server is not None:
            server.stop()
        if (data / "postmaster.pid").exists():
            try:
                as_postgres(*pg_ctl, "-m", "immediate", "-w", "stop")
            except subprocess.CalledProcessError as error:
                print("could not stop the throwaway cluster:", error.stderr)
        if failures:
            print(f"Logs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    for failure in failures:
        print("FAIL:", failure)
    if failures:
        return 1
    print("PASS: 503 during the outage, 200 after, without restarting the app")
    return 0


if __name__ == "__main__":
    sys.exit(main())
