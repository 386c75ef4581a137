#!/usr/bin/env python3
"""Gate and report benchmark (issue 14), release build, warm store, same run as its references.

- `prognosis check --staged` on a five-file change: median wall time over --runs, process start
  included (target: under 150 ms), and the scoring itself in process, as the check times its own
  phases (issue 13's target: one commit scored from a warm store in under 50 ms), beside `git diff --cached --numstat` on the same change (the
  floor any pre-commit hook pays: a process that reads the index) as the reference ratio.
- `prognosis report`: wall time (target: under 5 s) and the page's size (target: under 5 MB),
  beside `git log --numstat` over the same history as the reference ratio; and, with
  Chromium, when the page is interactive (the script's `data-ready-ms`; target: under 2 s).

Usage: Benchmarks/gate_report_bench.py [--repo PATH] [--prognosis BIN] [--runs N]

PATH is a clone whose history `prognosis scan` has stored (default: $PROGNOSIS_BENCH_REPO, else
/work/repos/scrapy). The staged change is made in a temporary `git worktree` (it shares the
store), which is removed afterwards; the clone's own work tree, index and branches are not
touched (the worktree's three benchmark commits stay in the store and the object database,
unreferenced).
Prints Markdown for Benchmarks/RESULTS.md and exits 1 if a figure misses its target.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def wall(cmd, cwd, runs, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed: {result.stderr.decode(errors='replace')}")
    return statistics.median(times)


def in_process(cmd, cwd, runs):
    """The check's own account of its milliseconds (PROGNOSIS_TIMINGS): the in-process total's
    median and each phase's values."""
    totals, phases = [], {}
    env = dict(os.environ, PROGNOSIS_TIMINGS="1")
    for _ in range(runs):
        result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
        found = re.search(r"timings: in process ([0-9.]+) ms; (.*)", result.stderr)
        if not found:
            sys.exit(f"no timings from {' '.join(cmd)}: {result.stderr}")
        totals.append(float(found.group(1)))
        for part in found.group(2).split(", "):
            name, _, value = part.rpartition(" ")
            phases.setdefault(name, []).append(float(value))
    return statistics.median(totals), phases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", default=os.environ.get("PROGNOSIS_BENCH_REPO", "/work/repos/scrapy"))
    parser.add_argument("--prognosis", default=os.path.join(HERE, "..", ".build", "release", "prognosis"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    prognosis = os.path.abspath(args.prognosis)
    repo = os.path.abspath(args.repo)
    commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True).stdout.strip()
    failed = False

    # The gate: five Python files changed in a throwaway worktree.
    tree = tempfile.mkdtemp(prefix="prognosis-gate-")
    os.rmdir(tree)
    subprocess.run(["git", "worktree", "add", "-q", "--detach", tree, "HEAD"], cwd=repo, check=True)
    try:
        files = [f for f in subprocess.run(["git", "ls-files", "*.py"], cwd=tree, capture_output=True, text=True)
                 .stdout.split() if not f.startswith(("tests/", "docs/"))][10:15]
        for name in files:
            with open(os.path.join(tree, name), "a", encoding="utf-8") as handle:
                handle.write("\n\ndef _bench_probe(a, b):\n    if a:\n        return b\n    return a\n")
        subprocess.run(["git", "add"] + files, cwd=tree, check=True)
        subprocess.run([prognosis, "check", "--staged", "--warn-only"], cwd=tree, capture_output=True)  # warm the page cache
        check = wall([prognosis, "check", "--staged", "--warn-only"], tree, args.runs)
        scoring, phases = in_process([prognosis, "check", "--staged", "--warn-only"], tree, args.runs)
        start_only = wall([prognosis, "--version"], tree, args.runs)
        # The first check after HEAD moves replays the history and keeps HEAD's state.
        replay_env = dict(os.environ, PROGNOSIS_GATE_REPLAY="1")
        replay = wall([prognosis, "check", "--staged", "--warn-only"], tree, 3, env=replay_env)
        git = wall(["git", "diff", "--cached", "--numstat"], tree, args.runs)
        # The usual case in a hook: the check right after a commit (which moved HEAD). It scans
        # the new commit and moves HEAD's stored state forward over it.
        after = []
        for round in range(3):
            env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
                       GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com")
            subprocess.run(["git", "commit", "-q", "--no-verify", "-m", f"bench {round}"], cwd=tree, check=True, env=env)
            for name in files:
                with open(os.path.join(tree, name), "a", encoding="utf-8") as handle:
                    handle.write(f"\n\ndef _bench_more_{round}(a):\n    return a\n")
            subprocess.run(["git", "add"] + files, cwd=tree, check=True)
            after.append(wall([prognosis, "check", "--staged", "--warn-only"], tree, 1))
        after_commit = statistics.median(after)
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=repo)
    print(f"### `check --staged`, five-file change, {os.path.basename(repo)} ({commits} commits), median of {args.runs}\n")
    print("| command | wall | ratio |\n|---|---|---|")
    print(f"| `prognosis check --staged` | {check * 1000:.0f} ms | {check / git:.0f}× |")
    print(f"| `git diff --cached --numstat` (reference) | {git * 1000:.0f} ms | 1× |")
    print(f"| `check` right after a commit (scans it, moves the stored state forward; median of 3) | {after_commit * 1000:.0f} ms | {after_commit / git:.0f}× |")
    print(f"| `check` with no usable state (replays the history, keeps HEAD's state; median of 3) | {replay * 1000:.0f} ms | {replay / git:.0f}× |")
    print(f"\nScoring the staged commit in process (from the command's start to its verdict, process start "
          f"excluded; `PROGNOSIS_TIMINGS=1`), median of {args.runs}: **{scoring:.1f} ms** (target: under 50 ms). "
          f"Process start and exit alone (`prognosis --version`): {start_only * 1000:.0f} ms.\n")
    print("| phase | median |\n|---|---|")
    for phase, values in phases.items():
        print(f"| {phase} | {statistics.median(values):.1f} ms |")
    if scoring >= 50:
        print(f"\nMISSED: scoring one commit takes {scoring:.1f} ms in process (target under 50 ms)")
        failed = True
    if check >= 0.150:
        print(f"\nMISSED: check --staged takes {check * 1000:.0f} ms (target under 150 ms)")
        failed = True

    # The report.
    out = tempfile.mkdtemp(prefix="prognosis-report-")
    page = os.path.join(out, "report.html")
    runs = max(1, min(3, args.runs))
    report = wall([prognosis, "report", "--no-record", "--out", page], repo, runs)
    log = wall(["git", "log", "--numstat", "-M", "--format=%H"], repo, runs)
    size = os.path.getsize(page) / 1e6
    print(f"\n### `report`, {os.path.basename(repo)}, median of {runs}\n")
    print("| measure | value | target |\n|---|---|---|")
    print(f"| `prognosis report` wall | {report:.2f} s ({report / log:.1f}× `git log --numstat -M`: {log:.2f} s) | under 5 s |")
    print(f"| HTML size | {size:.1f} MB | under 5 MB |")
    failed |= report >= 5 or size >= 5
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser:
        ready = []
        for run in range(3):
            profile = tempfile.mkdtemp(prefix="prognosis-chromium-")
            dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                                  "--virtual-time-budget=10000", "--dump-dom", f"file://{page}"],
                                 capture_output=True, text=True, timeout=120).stdout
            shutil.rmtree(profile, ignore_errors=True)
            found = re.search(r'data-ready-ms="(\d+)"', dom)
            if found:
                ready.append(int(found.group(1)))
        if ready:
            print(f"| interactive in headless Chromium (median of {len(ready)}) | {statistics.median(ready):.0f} ms | under 2 s |")
            failed |= statistics.median(ready) >= 2000
    else:
        print("| interactive in Chromium | not measured: no chromium | under 2 s |")
    shutil.rmtree(out, ignore_errors=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
