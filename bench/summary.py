#!/usr/bin/env python3
"""Print a results file of bench/bench.py as the Markdown the README carries.

python bench/summary.py [bench/results/bench-….json]   (default: the latest)
"""

import json
import sys
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
SIZES = {"real": "5", "generated": "1,000"}


def cell(result: dict) -> tuple[str, str, str]:
    if not result.get("requests"):
        return f"answers {result.get('status', '?')}", "", ""
    return (
        f"{result['rps']:,.0f}",
        f"{result['p50_us'] / 1000:.1f} / {result['p99_us'] / 1000:.0f}",
        f"{result['vs_trivial']:.2f}",
    )


def main() -> None:
    path = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else sorted(RESULTS.glob("*.json"))[-1]
    )
    report = json.loads(path.read_text())
    sizes = [s for s in SIZES if s in report["sizes"]]
    first = report["sizes"][sizes[0]]
    print(
        f"Measured {report['when']} on {report['machine']}; load average before/after"
    )
    print(
        "{:.1f} / {:.1f} (1 min).".format(
            report["load_average_before"][0], report["load_average_after"][0]
        )
    )
    print()
    print(
        "| endpoint | editions | as served: req/s | p50 / p99 ms | × trivial "
        "| cache miss: req/s | p50 / p99 ms | × trivial | queries |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in first["paths"]:
        for size in sizes:
            data = report["sizes"][size]
            modes = data["modes"]
            served = cell(modes.get("cached", {}).get("results", {}).get(name, {}))
            miss = cell(modes.get("uncached", {}).get("results", {}).get(name, {}))
            queries = data["queries"].get(data["paths"][name], {}).get("queries", "–")
            if name == "static file":
                queries = "–"
            print(
                f"| {name} | {SIZES[size]} | {' | '.join(served)} | {' | '.join(miss)} "
                f"| {queries} |"
            )
    print()
    memory = [
        f"{SIZES[size]} editions {mode}: "
        + ", ".join(f"{kib / 1024:.0f}" for kib in data["worker_peak_memory_kib"])
        for size in sizes
        for mode, data in report["sizes"][size]["modes"].items()
    ]
    print("Peak memory per worker (MiB): " + "; ".join(memory) + ".")
    for size in sizes:
        peer = report["sizes"][size].get("peer")
        api = (
            report["sizes"][size]["modes"]
            .get("uncached", {})
            .get("results", {})
            .get("conference list API", {})
        )
        if peer and peer.get("rps") and api.get("rps"):
            print(
                f"Datasette, the same {peer['rows']:,} rows as JSON ({SIZES[size]} "
                f"editions): {peer['rps']:,.0f} req/s, p50 {peer['p50_us'] / 1000:.1f} ms; "
                f"the cold conference list API: {api['rps']:,.0f} req/s, "
                f"{api['rps'] / peer['rps']:.2f}×."
            )
    load = report.get("load")
    if load:
        mixed, bad, host = load["mixed"], load["malformed"], load["unknown_host"]
        print()
        print(
            f"Load run ({report['settings']['load_duration']:g} s, "
            f"{report['settings']['load_connections']} connections, every endpoint in "
            f"turn): {mixed['requests']:,} requests, {mixed['rps']:,.0f} req/s, p99 "
            f"{mixed['p99_us'] / 1000:.0f} ms, {sum(mixed['errors'].values())} errors, "
            f"{mixed['classes']['5xx']} 5xx. Malformed requests: {bad['requests']:,}, "
            f"{bad['classes']['4xx']:,} answered 4xx, {bad['classes']['5xx']} 5xx; "
            f"unknown hosts: {host['requests']:,}, {host['classes']['4xx']:,} answered 400."
        )
    print()
    for name, ok in report["checks"].items():
        print(f"- {'PASS' if ok else 'FAIL'} {name}")


if __name__ == "__main__":
    main()
