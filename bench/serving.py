"""What the bench scripts share: the app's environment, and gunicorn on a free port."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def app_environment(database_url: str, work: Path, **extra: str) -> dict:
    """The production settings against database_url, with a fresh secret and own folders."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "REDIS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="archive.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=database_url,
        DJANGO_STATIC_ROOT=str(work / "static"),
        DJANGO_GENERATION_DIR=str(work / "generation"),
        **extra,
    )
    return env


def manage(env: dict, *command: str) -> subprocess.CompletedProcess:
    """Run a manage.py command; raise CalledProcessError (with its output) if it fails."""
    return subprocess.run(
        [PYTHON, "manage.py", *command],
        cwd=PROJECT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 30) -> tuple[int, str, str]:
    """Return (status, content type, body) of a GET; status 0 if nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode(errors="replace")
            return response.status, response.headers.get("Content-Type", ""), body
    except urllib.error.HTTPError as error:
        body = error.read().decode(errors="replace")
        return error.code, error.headers.get("Content-Type", ""), body
    except (urllib.error.URLError, OSError):
        return 0, "", ""


class Gunicorn:
    """gunicorn with gunicorn.conf.py on a free port of 127.0.0.1, until stop()."""

    def __init__(self, env: dict, log_path: Path, workers: int = 2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=PROJECT,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{self.port}",
                "GUNICORN_WORKERS": str(workers),
            },
            stdout=open(log_path, "w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while fetch(self.base + "/healthz", timeout=5)[0] != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError(f"gunicorn did not start; see {log_path}")
            time.sleep(0.2)

    def running(self) -> bool:
        return self.process.poll() is None

    def worker_peak_memory_kib(self) -> list[int]:
        """Peak resident memory (VmHWM) of each worker, in KiB."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        peaks = []
        for child in children:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
        return peaks

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
