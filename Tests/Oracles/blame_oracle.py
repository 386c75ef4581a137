#!/usr/bin/env python3
"""Compares `prognosis blame` with `git blame -w --porcelain`, line by line.

Usage: blame_oracle.py PROGNOSIS REPO [--rev REV] [--limit N] [--jobs N]

For every Swift and Python file at REV (default HEAD) it runs both and compares the commit of
each line. Prints one JSON object: files, lines, equal lines, and up to 20 differing lines.
The repository must have been scanned (`prognosis scan`) first.
"""
import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

TRACKED = (".py", ".pyi", ".swift")


def blame_by_line(repo, rev, path, check=True):
    """{final line number: commit} from `git blame -w --porcelain` (shared with szz_oracle.py)."""
    out = subprocess.run(["git", "-C", repo, "blame", "-w", "--porcelain", rev, "--", path],
                         capture_output=True, check=check).stdout.decode("utf-8", "replace")
    commits = {}
    for line in out.split("\n"):
        parts = line.split(" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and all(c in "0123456789abcdef" for c in parts[0]):
            commits[int(parts[2])] = parts[0]
    return commits


def git_blame(repo, rev, path):
    commits = blame_by_line(repo, rev, path)
    return [commits[n] for n in sorted(commits)]


def ours(prognosis, repo, rev, path):
    result = subprocess.run([prognosis, "blame", "--repo", repo, "--rev", rev, path], capture_output=True, cwd=repo)
    if result.returncode != 0:
        return None, result.stderr.decode("utf-8", "replace").strip()
    ids = []
    for line in result.stdout.decode("utf-8", "replace").split("\n"):
        if line:
            ids.append(line.split(" ", 1)[0].lstrip("^"))
    return ids, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prognosis")
    ap.add_argument("repo")
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    args.prognosis = os.path.abspath(args.prognosis)
    files = subprocess.run(["git", "-C", args.repo, "ls-tree", "-r", "--name-only", "-z", args.rev],
                           capture_output=True, check=True).stdout.decode().split("\0")
    files = [f for f in files if f.endswith(TRACKED)]
    if args.limit:
        files = files[:args.limit]

    def compare(path):
        theirs = git_blame(args.repo, args.rev, path)
        mine, error = ours(args.prognosis, args.repo, args.rev, path)
        if mine is None:
            return path, len(theirs), 0, [{"path": path, "error": error}]
        equal = 0
        diffs = []
        for n, commit in enumerate(theirs):
            if n < len(mine) and commit.startswith(mine[n]):
                equal += 1
            elif len(diffs) < 3:
                diffs.append({"path": path, "line": n + 1, "git": commit, "prognosis": mine[n] if n < len(mine) else None})
        return path, len(theirs), equal, diffs

    total = same = 0
    differences = []
    with ThreadPoolExecutor(args.jobs) as pool:
        for path, lines, equal, diffs in pool.map(compare, files):
            total += lines
            same += equal
            differences += diffs
    print(json.dumps({"files": len(files), "lines": total, "equal": same, "differences": differences[:20]}))


if __name__ == "__main__":
    sys.exit(main())
