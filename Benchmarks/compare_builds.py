#!/usr/bin/env python3
"""Times two builds of Prognosis on the same inputs, interleaved, in one run: the check that a
change kept `make bench`'s figures (a ratio of this run's medians, so the machine's drift
between runs cancels out).

    python3 Benchmarks/compare_builds.py --old OLD/.build/release --new .build/release [--runs 5]

Each row runs the old and the new binary alternately `--runs` times and reports both medians
and new/old. Rows: a full scan of a real history (default: the local scrapy mirror, cloned
into Benchmarks/.work), the same with --no-code-analysis, line origins
alone (OriginBench), `metrics` and `outline` over the standard library, `metrics` over the
Swift corpus metrics_bench.py builds, and the Python parse alone (ParseBench).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, ".work")
sys.path.insert(0, HERE)
import metrics_bench  # noqa: E402  (the corpora are built the same way)


def timed(cmd, cwd=None):
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode not in (0, 1):
        sys.exit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr.decode(errors='replace')}")
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--old", required=True, help="folder with the old build's prognosis, OriginBench, ParseBench")
    ap.add_argument("--new", default=os.path.join(HERE, "..", ".build", "release"))
    ap.add_argument("--repo", default=os.environ.get("PROGNOSIS_BENCH_REPO", "/work/.mirror/scrapy+scrapy/repo"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", action="append", default=[],
                    help="only the rows whose name contains this text (repeatable), e.g. --only outline --only metrics")
    args = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    clone = os.path.join(WORK, "compare-history")
    if not os.path.isdir(clone):
        subprocess.run(["git", "clone", "-q", args.repo, clone], check=True)
    stdlib = metrics_bench.stdlib_files()
    swift = metrics_bench.swift_files(os.path.join(WORK, "swift-corpus"))
    lists = {}
    for name, files in (("stdlib", stdlib), ("swift", swift)):
        lists[name] = os.path.join(WORK, f"compare-{name}.txt")
        with open(lists[name], "w", encoding="utf-8") as f:
            f.write("\n".join(files) + "\n")

    def scan(build, *extra):
        def run():
            shutil.rmtree(os.path.join(clone, ".git", "prognosis"), ignore_errors=True)
            return timed([os.path.join(build, "prognosis"), "scan", "-q", *extra], cwd=clone)
        return run

    def command(build, *argv, cwd=None):
        return lambda: timed([os.path.join(build, argv[0]), *argv[1:]], cwd=cwd)

    rows = [
        ("scan, full history", lambda b: scan(b)),
        ("scan --no-code-analysis", lambda b: scan(b, "--no-code-analysis")),
        ("origins alone (OriginBench)", lambda b: command(b, "OriginBench", clone)),
        ("metrics, stdlib (json)", lambda b: command(b, "prognosis", "metrics", "--format", "json", "--files-from", lists["stdlib"])),
        ("outline, stdlib (json)", lambda b: command(b, "prognosis", "outline", "--format", "json", "--files-from", lists["stdlib"])),
        ("metrics, Swift corpus (json)", lambda b: command(b, "prognosis", "metrics", "--format", "json", "--files-from", lists["swift"])),
    ]
    print(f"history: {args.repo} ({subprocess.run(['git', '-C', clone, 'rev-list', '--count', 'HEAD'], capture_output=True, text=True).stdout.strip()} commits); "
          f"stdlib {len(stdlib)} files; Swift corpus {len(swift)} files; medians of {args.runs}, old and new interleaved")
    print("| measure | old | new | new/old |")
    print("|---|---|---|---|")
    if args.only:
        rows = [row for row in rows if any(text in row[0] for text in args.only)]
    for name, make in rows:
        old, new = [], []
        for _ in range(args.runs):
            old.append(make(args.old)())
            new.append(make(args.new)())
        o, n = statistics.median(old), statistics.median(new)
        print(f"| {name} | {o:.2f} s | {n:.2f} s | {n / o:.3f} |", flush=True)


if __name__ == "__main__":
    main()
