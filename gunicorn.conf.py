"""gunicorn's configuration: `gunicorn -c gunicorn.conf.py` (or just `gunicorn`, which reads it).

Every value can be changed from the environment, so the same file serves production,
the benchmarks (bench/run) and the database-outage test (bench/db_outage.py).
"""

import gc
import multiprocessing
import os

wsgi_app = "archive.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers: the archive's requests are short and the database is close.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Load the app once, before forking: workers share its memory and start faster.
preload_app = True
# Recycle workers now and then, so that a slow leak can never grow for ever.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Requests a client cannot mean: gunicorn answers 400 before Django sees them.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# No runtime control socket in ~/.gunicorn/: two instances on one machine would clash.
control_socket_disable = True
# Logs to stdout/stderr, for the process manager to collect.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the proxies in front: the same setting the app uses to
# find the client's address (archive/proxies.py). None by default.
forwarded_allow_ips = os.environ.get("DJANGO_TRUSTED_PROXIES", "")


def when_ready(server):
    """Before the first worker is forked: render the most-read kinds of page once in the
    master, so that every worker, and every worker that replaces a recycled one, starts
    with its templates, queries and words built (archive.warming.warm_process).

    Then move every object the master holds out of the garbage collector's reach
    (gc.freeze(), as Python's documentation advises before a fork): a worker's full
    collections would otherwise walk the 130,000 objects of the loaded application
    that never become garbage (a tenth of a second each, every few hundred pages
    rendered), and by touching them copy the master's memory into the worker's."""
    if server.cfg.preload_app:
        from archive.warming import warm_process

        rendered = warm_process()
        server.log.info("Warmed the application: %d pages rendered.", len(rendered))
        gc.collect()
        gc.freeze()
