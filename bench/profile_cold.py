#!/usr/bin/env python3
"""Profile cold requests in-process (the page cache off): time per request, queries, rows
instantiated, and cProfile's costliest functions.

Run against a benchmark database with the production settings, e.g.
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ncb_prod_bench_real \\
    DJANGO_STATIC_ROOT=/tmp/…/static bench/profile_cold.py / /api/v1/conferences/
"""

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings.production")
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DJANGO_PAGE_CACHE"] = "0"
os.environ.setdefault("DJANGO_API_THROTTLE_ANON", "off")
os.environ.setdefault("DJANGO_API_THROTTLE_USER", "off")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models.signals import post_init  # noqa: E402
from django.test import Client  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-n", type=int, default=50, help="requests per path")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args()
    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=True)
    for path in args.paths:
        client.get(path)
        instances = Counter()

        def count(sender, instances=instances, **kwargs):
            instances[sender.__name__] += 1

        queries = []

        def log_query(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        # (CaptureQueriesContext would count none: request_started resets its log.)
        post_init.connect(count, weak=False)
        with connection.execute_wrapper(log_query):
            response = client.get(path)
        post_init.disconnect(count)
        start, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.n):
            client.get(path)
        per_request = (time.perf_counter() - start) / args.n * 1000
        cpu_per_request = (time.process_time() - cpu) / args.n * 1000
        print(
            f"\n== {path}: {response.status_code}, {len(response.content):,} bytes, "
            f"{per_request:.1f} ms a request ({cpu_per_request:.1f} ms CPU), "
            f"{len(queries)} queries, "
            f"{sum(instances.values())} model instances {dict(instances.most_common(8))}"
        )
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.n):
            client.get(path)
        profiler.disable()
        stats = pstats.Stats(profiler)
        # Python function calls a request: a measure of the work that, unlike time,
        # does not move with the machine's load.
        print(f"   {stats.total_calls / args.n:,.0f} function calls a request")
        if args.top:
            stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
