#!/usr/bin/env python3
"""Python-frontend benchmark: Prognosis's parser against CPython's `ast` and complexipy, same run.

Usage: Benchmarks/parse_bench.py [--bench BIN] [--complexipy BIN] [--runs N]

Corpus: this Python's standard library without site-packages (~1,790 files, 31 MB).
- CPython: `ast.parse` + `ast.walk` counting functions, one core, files read before the clock.
- Prognosis: `ParseBench` (Benchmarks/ParseBench) parses each file into the full SourceUnit and
  counts its functions, files read before the clock, with --jobs 1 and --jobs 2.
- complexipy (Rust, ruff's parser; computes cognitive complexity too), all cores, fresh cache.
Prints a Markdown table for Benchmarks/RESULTS.md; exits 1 if a figure misses its target.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

CPYTHON_PEER = r"""
import ast, sys, time, warnings
warnings.simplefilter("ignore")
paths = sys.stdin.read().split("\n")
sources = [open(p, "rb").read() for p in paths if p]
start = time.perf_counter()
functions = 0
for source in sources:
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        continue
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions += 1
print(f'{{"seconds": {time.perf_counter() - start}, "functions": {functions}}}')
"""


def stdlib_files():
    root = sysconfig.get_paths()["stdlib"]
    files = []
    for directory, folders, names in os.walk(root):
        if directory == root and "site-packages" in folders:
            folders.remove("site-packages")
        files.extend(os.path.join(directory, n) for n in names if n.endswith(".py"))
    return sorted(files)


def peak_rss_run(cmd, stdin_text):
    """Runs cmd with stdin; returns (stdout, wall seconds, peak RSS MB of that child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(stdin_text.encode())
    proc.stdin.close()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {cmd[0]}: {proc.stderr.read().decode(errors='replace')}")
    return out.decode(), wall, usage.ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", default=os.path.join(HERE, "..", ".build", "release", "ParseBench"))
    parser.add_argument("--prognosis", default=os.path.join(HERE, "..", ".build", "release", "prognosis"))
    parser.add_argument("--complexipy", default=shutil.which("complexipy") or os.path.join(HERE, "..", ".venv", "bin", "complexipy"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    files = stdlib_files()
    listing = "\n".join(files) + "\n"
    size = sum(os.path.getsize(f) for f in files)
    print(f"corpus: {len(files)} files, {size / 1e6:.1f} MB ({sysconfig.get_paths()['stdlib']})", file=sys.stderr)

    cpython, ours1, ours2, cx, rss, outline = [], [], [], [], [], []
    functions = {}
    for run in range(args.runs):
        out, _, _ = peak_rss_run([sys.executable, "-c", CPYTHON_PEER], listing)
        record = json.loads(out)
        cpython.append(record["seconds"])
        functions["cpython"] = record["functions"]
        for jobs, bucket in ((1, ours1), (2, ours2)):
            out, _, peak = peak_rss_run([args.bench, "--jobs", str(jobs)], listing)
            record = json.loads(out)
            bucket.append(record["seconds"])
            functions["prognosis"] = record["functions"]
            rss.append(peak)
        # End to end, as a user runs it: read, parse, JSON for every file, 2 cores.
        start = time.perf_counter()
        subprocess.run([args.prognosis, "outline", "--format", "json", *files], check=True, stdout=subprocess.DEVNULL)
        outline.append(time.perf_counter() - start)
        if os.path.exists(args.complexipy):
            with tempfile.TemporaryDirectory() as cache:
                start = time.perf_counter()
                subprocess.run([args.complexipy, "-q", "--cache-dir", cache, *files],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                cx.append(time.perf_counter() - start)
        print(f"run {run + 1}: cpython {cpython[-1]:.2f} s, ours {ours1[-1]:.3f} s (1 core) "
              f"{ours2[-1]:.3f} s (2 cores), complexipy {cx[-1] if cx else float('nan'):.2f} s", file=sys.stderr)

    median = statistics.median
    speedup = median(cpython) / median(ours1)
    rows = [
        ("files / bytes", f"{len(files)} / {size / 1e6:.1f} MB", ""),
        ("functions found (ours / CPython's ast)", f"{functions['prognosis']} / {functions['cpython']}", ""),
        ("CPython `ast.parse` + `ast.walk`, 1 core", f"{median(cpython):.2f} s", ""),
        ("Prognosis parse + walk, 1 core", f"{median(ours1):.3f} s", f"{speedup:.1f}× CPython (target ≥ 4×)"),
        ("Prognosis parse + walk, 2 cores", f"{median(ours2):.3f} s", ""),
        ("Prognosis throughput, 1 core", f"{size / 1e6 / median(ours1):.0f} MB/s", ""),
        ("peak memory (Prognosis, incl. all sources read)", f"{max(rss):.0f} MB", "target < 200 MB"),
    ]
    ok = speedup >= 4 and max(rss) < 200
    if cx:
        ratio = median(cx) / median(ours2)
        rows.append(("complexipy, all cores (fresh cache)", f"{median(cx):.2f} s",
                     f"Prognosis 2 cores {ratio:.1f}× faster (target ≥ 1×)"))
        rows.append(("`prognosis outline --format json`, end to end, 2 cores", f"{median(outline):.2f} s",
                     f"{median(cx) / median(outline):.1f}× faster than complexipy"))
        ok = ok and ratio >= 1
    print("| measure | value | ratio / target |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
