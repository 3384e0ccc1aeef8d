"""Datasette, the peer the conference list API is measured against: the same published
conference rows, copied into SQLite and served by Datasette as JSON on 127.0.0.1."""

import os
import sqlite3
import subprocess
import time
from pathlib import Path

import psycopg
from serving import fetch, free_port

DATASETTE_VENV = Path(
    os.environ.get(
        "BENCH_DATASETTE_VENV", Path.home() / ".cache" / "ncb-bench" / "datasette"
    )
)
# The list API's own columns for an edition (its facts), in its order.
COLUMNS = [
    "edition",
    "year",
    "start_date",
    "end_date",
    "city",
    "country",
    "venue",
    "theme",
    "delegates",
    "countries",
    "member_countries",
    "format",
]
PAGE_SIZE = 20  # the list API's default page


def export_rows(database_url: str, path: Path) -> int:
    """Copy the published editions' rows into the SQLite file at path; return how many."""
    with psycopg.connect(database_url) as source:
        rows = source.execute(
            f"SELECT {', '.join(COLUMNS)} FROM conferences_conference "
            "WHERE status = 'published' ORDER BY edition"
        ).fetchall()
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as target:
        target.execute(
            f"CREATE TABLE conference ({', '.join(COLUMNS)}, PRIMARY KEY (edition))"
        )
        target.executemany(
            f"INSERT INTO conference VALUES ({', '.join('?' * len(COLUMNS))})",
            [[str(v) if hasattr(v, "isoformat") else v for v in row] for row in rows],
        )
    return len(rows)


class Datasette:
    """`datasette serve` on a free port of 127.0.0.1 for one SQLite file, until stop()."""

    def __init__(self, database: Path, log_path: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.path = f"/{database.stem}/conference.json?_shape=array&_size={PAGE_SIZE}"
        self.process = subprocess.Popen(
            [
                str(DATASETTE_VENV / "bin" / "datasette"),
                "serve",
                "--immutable",
                str(database),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=open(log_path, "w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while fetch(self.base + self.path, timeout=5)[0] != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"Datasette did not start; see {log_path}")
            time.sleep(0.3)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
