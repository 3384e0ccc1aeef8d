#!/usr/bin/env python3
"""Measure the archive under gunicorn on 127.0.0.1: requests per second, p50/p99 latency,
queries and worker memory, for each page and endpoint beside a trivial view and a static
file measured in the same run, at two archive sizes; then a bounded load run.

    bench/run                       # everything, as the README reports it
    bench/run --duration 5 --sizes real --no-load   # a quick look
    bench/run --help

Each size gets a database of its own (ncb_prod_bench_<size>, on DATABASE_SERVER), filled
by load_archive (the real five editions) or generate_archive (N generated editions), so the
real archive is never touched. Each size is measured twice: as served (the page cache on)
and uncached (DJANGO_PAGE_CACHE=0: what the code itself costs). Results: stdout, and JSON in
bench/results/.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from peer import Datasette, export_rows
from serving import PROJECT, PYTHON, Gunicorn, app_environment, fetch, manage

RESULTS = PROJECT / "bench" / "results"
FIRST_GENERATED_EDITION = 1000  # conferences.generated

# name -> path; {edition} and {query} are filled per size.
ENDPOINTS = {
    "trivial view": "/healthz",
    "static file": "{static}",
    "home page": "/",
    "edition page": "/editions/{edition}/",
    "conference list API": "/api/v1/conferences/",
    "edition detail API": "/api/v1/conferences/{edition}/",
    "search": "/search/?q={query}",
    "search API": "/api/v1/search/?q={query}",
}
BASELINES = ("trivial view", "static file")
# Targets: as served (the page cache on), and on a cache miss (DJANGO_PAGE_CACHE=0).
CACHED_SHARE_OF_TRIVIAL = 0.40
COLD_SHARE_OF_TRIVIAL = 0.15
COLD_P99_OVER_P50 = 3.0
PEER_RATIO = 1.0  # the cold conference list API against Datasette
WORKER_PEAK_MIB = 100
LIST_ENDPOINTS = ("home page", "conference list API", "search", "search API")
# Issue 12: on a cache miss the search runs at least at this share of the trivial view's
# requests per second, per size (15% at 5 editions, 10% at 1,000).
SEARCH_ENDPOINTS = ("search", "search API")
SEARCH_COLD_SHARE = {"real": 0.15, "generated": 0.10}
# Per size: an edition that exists, and a search term that finds something.
SIZE_PARAMETERS = {
    "real": {"edition": "20", "query": "cybercrime"},
    "generated": {"query": "generated"},  # the edition: the middle one
}
# Malformed requests for the load run: each must get a 4xx.
MALFORMED = [
    "/search/?q=%ff%fe%fd",
    "/search/?q=a%00b",
    "/api/v1/conferences/?page_size=1000000000",
    "/api/v1/conferences/?page_size=99999999999999999999",
    "/api/v1/conferences/?page_size=-5",
    "/editions/99999999999/",
    "/search/?q=" + "x" * 3000,
]


def log(message: str) -> None:
    print(message, flush=True)


def prepare_database(args, size: str, env: dict) -> None:
    """Create the size's database afresh and fill it."""
    database = env["DATABASE_URL"].rsplit("/", 1)[1]
    assert database.startswith("ncb_prod"), database
    maintenance = f"{args.database_server.rstrip('/')}/postgres"
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {database}")
    manage(env, "migrate", "--noinput")
    if size == "real":
        manage(env, "load_archive")
    else:
        manage(env, "generate_archive", "--editions", str(args.editions))
    # Statistics for the planner now, as a database in use has them (autovacuum gathers
    # them a while after a bulk load): without them PostgreSQL guesses how many rows a
    # search matches, and the measurements would depend on whether it had got round to it.
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("ANALYZE")


def static_path(static_root: Path, name: str) -> str:
    manifest = json.loads((static_root / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]


def status_of(url: str) -> int:
    return fetch(url)[0]


def wrk(
    args, url: str, duration: float, connections: int, extra_env: dict | None = None
) -> dict:
    """Run wrk with bench/report.lua and return its JSON summary."""
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "5s",
        "-s",
        str(PROJECT / "bench" / "report.lua"),
        url,
    ]
    env = {**os.environ, **(extra_env or {})}
    output = subprocess.run(
        command,
        env=env,
        check=True,
        text=True,
        capture_output=True,
        timeout=duration + 60,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    return json.loads(line.removeprefix("WRK_JSON "))


def drain(server: Gunicorn) -> None:
    """Wait until the requests wrk left queued are answered, so runs do not overlap."""
    fetch(server.base + "/healthz", timeout=120)


def measure(args, server: Gunicorn, paths: dict) -> dict:
    results = {}
    for name, path in paths.items():
        status = status_of(server.base + path)
        if status != 200:
            log(f"    {name:22} {path}: answers {status}, not measured")
            results[name] = {"path": path, "status": status}
            continue
        # Warm-up (caches, connections); then let the queue drain before measuring.
        wrk(args, server.base + path, 1, args.connections)
        drain(server)
        result = wrk(args, server.base + path, args.duration, args.connections)
        drain(server)
        result.update(path=path, status=status)
        results[name] = result
        log(
            f"    {name:22} {result['rps']:8.0f} req/s  p50 {result['p50_us'] / 1000:6.2f} ms"
            f"  p99 {result['p99_us'] / 1000:6.2f} ms  non-2xx {result['errors']['status']}"
        )
    return results


def ratios(results: dict) -> None:
    trivial = results.get("trivial view", {}).get("rps")
    static = results.get("static file", {}).get("rps")
    for result in results.values():
        if "rps" in result and trivial:
            result["vs_trivial"] = result["rps"] / trivial
            result["vs_static"] = result["rps"] / static if static else None


def measure_peer(args, work: Path, database_url: str) -> dict:
    """Serve the same published conference rows with Datasette and measure its JSON."""
    database = work / "peer.db"
    rows = export_rows(database_url, database)
    peer = Datasette(database, work / "datasette.log")
    try:
        path = peer.path
        wrk(args, peer.base + path, 1, args.connections)
        fetch(peer.base + path, timeout=120)
        result = wrk(args, peer.base + path, args.duration, args.connections)
    finally:
        peer.stop()
    result.update(path=path, rows=rows)
    log(
        f"    {'Datasette (peer)':22} {result['rps']:8.0f} req/s  p50 {result['p50_us'] / 1000:6.2f} ms"
        f"  p99 {result['p99_us'] / 1000:6.2f} ms  non-2xx {result['errors']['status']}"
        f"  ({rows} rows, {path})"
    )
    return result


def print_table(title: str, results: dict, queries: dict) -> None:
    log(f"\n{title}")
    log(
        "| endpoint | path | req/s | p50 ms | p99 ms | × trivial view | × static file | queries |"
    )
    log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results.items():
        q = (
            queries.get(r["path"], {}).get("queries", "–")
            if name not in BASELINES
            else ("0" if name == "trivial view" else "–")
        )
        if "rps" not in r:
            log(
                f"| {name} | `{r['path'][:40]}` | answers {r['status']} | | | | | {q} |"
            )
            continue
        log(
            f"| {name} | `{r['path'][:40]}` | {r['rps']:,.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} "
            f"| {r.get('vs_trivial', 0):.2f} | {r.get('vs_static') or 0:.2f} | {q} |"
        )


def load_run(args, server: Gunicorn, paths: dict) -> dict:
    """The bounded load run: a mix of every page at once, then malformed requests."""
    good = [p for name, p in paths.items() if status_of(server.base + p) == 200]
    log(
        f"\n== Load run: {args.load_duration:g} s, {args.load_connections} connections, {len(good)} paths in turn"
    )
    mixed = wrk(
        args,
        server.base + "/",
        args.load_duration,
        args.load_connections,
        {"WRK_PATHS": "|".join(good)},
    )
    log(
        f"    {mixed['requests']:,} requests, {mixed['rps']:,.0f} req/s, p99 {mixed['p99_us'] / 1000:.1f} ms, "
        f"errors {mixed['errors']}, classes {mixed['classes']}"
    )
    bad_duration = max(5, args.load_duration / 4)
    log(
        f"== Malformed requests: {bad_duration:g} s, {args.load_connections} connections"
    )
    malformed = wrk(
        args,
        server.base + "/",
        bad_duration,
        args.load_connections,
        {"WRK_PATHS": "|".join(MALFORMED)},
    )
    log(
        f"    {malformed['requests']:,} requests, classes {malformed['classes']}, errors {malformed['errors']}"
    )
    unknown_host = wrk(args, server.base + "/", 3, 8, {"WRK_HOST": "evil.example"})
    log(
        f"    unknown Host: {unknown_host['requests']:,} requests, classes {unknown_host['classes']}"
    )
    socket_errors = lambda r: sum(v for k, v in r["errors"].items() if k != "status")  # noqa: E731
    checks = {
        "load run: zero errors": socket_errors(mixed) == 0
        and mixed["errors"]["status"] == 0,
        "load run: zero 5xx": mixed["classes"]["5xx"] == 0,
        "malformed: every answer 4xx": malformed["classes"]["4xx"]
        == malformed["requests"]
        > 0
        and socket_errors(malformed) == 0,
        "unknown Host: every answer 4xx": unknown_host["classes"]["4xx"]
        == unknown_host["requests"]
        > 0,
    }
    return {
        "mixed": mixed,
        "malformed": malformed,
        "unknown_host": unknown_host,
        "checks": checks,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-server",
        default=os.environ.get(
            "BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432"
        ),
    )
    parser.add_argument(
        "--database-suffix",
        default=os.environ.get("BENCH_DATABASE_SUFFIX", ""),
        help="appended to the databases' names (ncb_prod_bench_<size><suffix>), so that "
        "two runs on one server do not share them",
    )
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL", ""),
        help="measure with Redis as the cache",
    )
    parser.add_argument(
        "--sizes",
        default="real,generated",
        help="real, generated, or both (comma-separated)",
    )
    parser.add_argument(
        "--editions", type=int, default=1000, help="editions in the generated archive"
    )
    parser.add_argument(
        "--duration", type=float, default=10, help="seconds per endpoint"
    )
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--modes", default="cached,uncached", help="cached, uncached, or both"
    )
    parser.add_argument(
        "--endpoints",
        default="",
        help="measure only these endpoints (comma-separated names; the baselines always)",
    )
    parser.add_argument("--no-load", action="store_true", help="skip the load run")
    parser.add_argument("--load-duration", type=float, default=60)
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument(
        "--static-file", default="admin/css/base.css", help="the static file to fetch"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        parser.error("wrk is missing: run bench/install-tools")

    work = Path(tempfile.mkdtemp(prefix="ncb-prod-bench-"))
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {k: v for k, v in vars(args).items() if k != "database_server"},
        "sizes": {},
    }
    checks: dict[str, bool] = {}
    info: dict[str, bool] = {}
    report["load_average_before"] = os.getloadavg()
    servers: list[Gunicorn] = []
    try:
        for size in sizes:
            (work / size).mkdir()
            static_root = work / size / "static"
            database = f"ncb_prod_bench_{size}{args.database_suffix}"
            database_url = f"{args.database_server.rstrip('/')}/{database}"
            # The API's per-client request limits would turn a load generator into 429s.
            extra = {
                "DJANGO_API_THROTTLE_ANON": "off",
                "DJANGO_API_THROTTLE_USER": "off",
            }
            if args.redis_url:
                extra["REDIS_URL"] = args.redis_url
            env = app_environment(database_url, work / size, **extra)
            log(f"== {size}: preparing {database}")
            prepare_database(args, size, env)
            manage(env, "collectstatic", "--noinput")
            parameters = {
                **SIZE_PARAMETERS[size],
                **(
                    {"edition": str(FIRST_GENERATED_EDITION + args.editions // 2)}
                    if size == "generated"
                    else {}
                ),
                "static": static_path(static_root, args.static_file),
            }
            chosen = {e.strip() for e in args.endpoints.split(",") if e.strip()}
            paths = {
                name: path.format(**parameters)
                for name, path in ENDPOINTS.items()
                if not chosen or name in chosen or name in BASELINES
            }
            queries = json.loads(
                subprocess.run(
                    [PYTHON, "bench/query_counts.py", *paths.values()],
                    cwd=PROJECT,
                    env=env,
                    check=True,
                    text=True,
                    capture_output=True,
                ).stdout
            )
            size_report = report["sizes"][size] = {
                "paths": paths,
                "queries": queries,
                "modes": {},
            }
            for mode in modes:
                log(f"== {size}, {mode}: gunicorn, {args.workers} workers")
                server = Gunicorn(
                    {**env, "DJANGO_PAGE_CACHE": "1" if mode == "cached" else "0"},
                    work / f"gunicorn-{size}-{mode}.log",
                    workers=args.workers,
                )
                servers.append(server)
                results = measure(args, server, paths)
                ratios(results)
                memory = server.worker_peak_memory_kib()
                size_report["modes"][mode] = {
                    "results": results,
                    "worker_peak_memory_kib": memory,
                }
                print_table(
                    f"{size} ({mode}), worker peak memory {', '.join(f'{m / 1024:.0f} MiB' for m in memory)}",
                    results,
                    queries,
                )
                if mode == "cached" and size == sizes[-1] and not args.no_load:
                    report["load"] = load_run(args, server, paths)
                    checks.update(report["load"]["checks"])
                server.stop()
                if mode == "uncached":
                    size_report["peer"] = peer = measure_peer(
                        args, work / size, database_url
                    )
                    api = results.get("conference list API", {})
                    if peer.get("rps") and api.get("rps"):
                        ratio = api["rps"] / peer["rps"]
                        log(
                            f"    conference list API / Datasette: {ratio:.2f}× "
                            f"({api['rps']:,.0f} / {peer['rps']:,.0f} req/s)"
                        )
                        checks[
                            f"{size} uncached: conference list API ≥ {PEER_RATIO:g}× "
                            f"Datasette ({ratio:.2f}×)"
                        ] = ratio >= PEER_RATIO
                    else:
                        checks[f"{size} uncached: Datasette measured"] = False
                checks[
                    f"{size} {mode}: worker peak memory ≤ {WORKER_PEAK_MIB} MiB "
                    f"({', '.join(f'{m / 1024:.0f}' for m in memory)})"
                ] = bool(memory) and max(memory) <= WORKER_PEAK_MIB * 1024
                share = (
                    CACHED_SHARE_OF_TRIVIAL
                    if mode == "cached"
                    else COLD_SHARE_OF_TRIVIAL
                )
                for name, r in results.items():
                    if name in BASELINES:
                        continue
                    if "vs_trivial" not in r:
                        checks[f"{size} {mode}: {name} answers 200 ({r['status']})"] = (
                            False
                        )
                        continue
                    target_share = (
                        SEARCH_COLD_SHARE[size]
                        if mode == "uncached" and name in SEARCH_ENDPOINTS
                        else share
                    )
                    checks[
                        f"{size} {mode}: {name} ≥ {target_share:.0%} of the trivial view "
                        f"({r['vs_trivial']:.1%})"
                    ] = r["vs_trivial"] >= target_share
                    checks[f"{size} {mode}: {name} without errors"] = r[
                        "requests"
                    ] > 0 and not any(r["errors"].values())
                    if mode == "uncached":
                        spread = r["p99_us"] / max(r["p50_us"], 1)
                        checks[
                            f"{size} {mode}: {name} p99 ≤ {COLD_P99_OVER_P50:g}× p50 "
                            f"({spread:.1f}×)"
                        ] = spread <= COLD_P99_OVER_P50
        if {"real", "generated"} <= set(sizes):
            real, generated = report["sizes"]["real"], report["sizes"]["generated"]
            for name in real["paths"]:
                if name in BASELINES or name not in generated["paths"]:
                    continue
                a = real["queries"].get(real["paths"][name], {})
                b = generated["queries"].get(generated["paths"][name], {})
                if a.get("status") == 200 and b.get("status") == 200:
                    checks[
                        f"same query count at both sizes: {name} ({a['queries']}, {b['queries']})"
                    ] = a["queries"] == b["queries"]
            for mode in modes:
                for name in LIST_ENDPOINTS:
                    ra = real["modes"][mode]["results"].get(name, {})
                    rb = generated["modes"][mode]["results"].get(name, {})
                    if ra.get("requests") and rb.get("requests"):
                        ratio = rb["p50_us"] / max(ra["p50_us"], 1)
                        # Independent of size: within 50% (or half a millisecond) of the small archive.
                        (checks if mode == "cached" else info)[
                            f"{mode}: {name} p50 at {args.editions} editions / at 5 = {ratio:.2f}"
                        ] = (
                            rb["p50_us"] <= ra["p50_us"] * 1.5
                            or rb["p50_us"] - ra["p50_us"] < 500
                        )
    finally:
        for server in servers:
            server.stop()
    report["checks"] = checks
    report["uncached"] = info
    report["load_average_after"] = os.getloadavg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{report['when'].replace(':', '')}.json"
    out.write_text(json.dumps(report, indent=2))
    log(f"\nMachine: {report['machine']}")
    log(
        "Load average (1, 5, 15 min) before: {:.1f} {:.1f} {:.1f}, after: {:.1f} {:.1f} {:.1f}".format(
            *report["load_average_before"], *report["load_average_after"]
        )
    )
    log("\n== Targets (cached: as served; uncached: a cache miss, DJANGO_PAGE_CACHE=0)")
    for name, ok in checks.items():
        log(f"  {'PASS' if ok else 'FAIL'}  {name}")
    if info:
        log("\n== For information")
        for name, ok in info.items():
            log(f"  {'yes ' if ok else 'no  '}  {name}")
    log(f"\nResults: {out.relative_to(PROJECT)}; logs: {work}")
    return 0 if checks and all(checks.values()) else 1


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB RAM, Python {sys.version.split()[0]}, PostgreSQL on 127.0.0.1"


if __name__ == "__main__":
    sys.exit(main())
