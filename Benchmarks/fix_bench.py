#!/usr/bin/env python3
"""Fix rules over real corpora, in one run (release build):

    python3 Benchmarks/fix_bench.py [--runs 3]

1. `prognosis lint --format json` over the CPython standard library and over the Swift sources
   of the mirrored packages (metrics_bench.py's corpus): findings and safe edits per rule, edits
   dropped because they would not re-parse (must be 0), and the time.
2. ruff (`ruff check --select …`, the peer and the oracle) over the same standard library: its
   time, and the agreement per shared rule at the same line and column, both ways.
3. CPython compiles every edited standard-library file (all of a file's edits applied).
"""
import argparse
import collections
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import metrics_bench  # noqa: E402

RUFF_CODES = {"mutable-default-argument": "B006", "bare-except": "E722", "none-comparison": "E711",
              "bool-comparison": "E712", "open-without-encoding": "PLW1514", "raise-without-from": "B904",
              "builtin-shadowing-parameter": "A002"}


def lint(prognosis, paths):
    start = time.perf_counter()
    out = subprocess.run([prognosis, "lint", "--format", "json", *paths], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(out.stderr)
    return time.perf_counter() - start, json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prognosis", default=os.path.join(ROOT, ".build", "release", "prognosis"))
    ap.add_argument("--ruff", default=os.path.join(ROOT, ".venv", "bin", "ruff"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--swift-corpus", default=os.path.join(ROOT, "Benchmarks", ".work", "swift-corpus"))
    args = ap.parse_args()
    stdlib = metrics_bench.stdlib_files()
    root = os.path.commonpath(stdlib)
    metrics_bench.swift_files(args.swift_corpus)

    ours_times, ruff_times = [], []
    for _ in range(args.runs):
        seconds, python = lint(args.prognosis, [root])
        ours_times.append(seconds)
        start = time.perf_counter()
        ruff = subprocess.run([args.ruff, "check", "--no-cache", "--preview", "--no-respect-gitignore", "--exclude", "site-packages",
                               "--select", ",".join(sorted(set(RUFF_CODES.values()))), "--output-format", "json", root],
                              capture_output=True, text=True)
        ruff_times.append(time.perf_counter() - start)
    swift_seconds, swift = lint(args.prognosis, [args.swift_corpus])

    for name, data in (("Python (CPython stdlib)", python), ("Swift (mirrored packages)", swift)):
        counts = collections.Counter(f["rule"] for f in data["findings"])
        edits = collections.Counter(f["rule"] for f in data["findings"] if f["fixable"])
        print(f"\n{name}: {data['files']} files, {len(data['findings'])} findings, {data['edits']} safe edits, "
              f"{len(data['rejectedEdits'])} edits dropped (would not re-parse), {len(data['skipped'])} files skipped")
        print("| rule | findings | safe edits |\n|---|---|---|")
        for rule, count in sorted(counts.items()):
            print(f"| {rule} | {count} | {edits[rule]} |")

    skipped = {s["path"] for s in python["skipped"]}
    ours, theirs = collections.defaultdict(set), collections.defaultdict(set)
    for f in python["findings"]:
        if f["rule"] in RUFF_CODES:
            ours[RUFF_CODES[f["rule"]]].add((f["path"], f["line"], f["column"]))
    for item in json.loads(ruff.stdout):
        code = item.get("code")
        if code not in RUFF_CODES.values() or item["filename"] in skipped:
            continue
        if code == "PLW1514" and not item["message"].startswith("`open`"):
            continue
        theirs[code].add((item["filename"], item["location"]["row"], item["location"]["column"]))
    print("\n| ruff code | ours | ruff | same place | agreement |\n|---|---|---|---|---|")
    for code in sorted(set(RUFF_CODES.values())):
        a, b = ours[code], theirs[code]
        print(f"| {code} | {len(a)} | {len(b)} | {len(a & b)} | {len(a & b) / max(1, len(a | b)):.4f} |")

    # CPython compiles each edited file.
    by_path = collections.defaultdict(list)
    for f in python["findings"]:
        if f["fixable"]:
            by_path[f["path"]].append(f)
    print(f"\n{len(by_path)} standard-library files have safe edits (FixesTests/RuffOracleTests compiles each with CPython).")
    m = statistics.median
    print(f"\n| measure | time |\n|---|---|\n| `prognosis lint` over the stdlib (9 Python rules) | {m(ours_times):.2f} s |")
    print(f"| `ruff check` over the stdlib (7 codes), the peer | {m(ruff_times):.2f} s (Prognosis takes {m(ours_times) / m(ruff_times):.1f}× as long) |")
    print(f"| `prognosis lint` over the Swift corpus (6 Swift rules) | {swift_seconds:.2f} s |")


if __name__ == "__main__":
    main()
