#!/usr/bin/env python3
"""Checks SZZ links against a straightforward `git blame -w` of each fix's first parent.

Usage: szz_oracle.py PROGNOSIS REPO [--limit N]

Reads `prognosis history --bug-introducing --json`; for each (fix, file) blames the file at
the fix's parent and counts the (fix, line) pairs whose introducing commit agrees.
Prints one JSON object. The repository must have been scanned first.
"""
import argparse
import json
import subprocess


def blame(repo, rev, path):
    out = subprocess.run(["git", "-C", repo, "blame", "-w", "--porcelain", rev, "--", path],
                         capture_output=True).stdout.decode("utf-8", "replace")
    commits = {}
    for line in out.split("\n"):
        parts = line.split(" ")
        if len(parts) >= 3 and len(parts[0]) == 40 and all(c in "0123456789abcdef" for c in parts[0]):
            commits[int(parts[2])] = parts[0]
    return commits


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prognosis")
    ap.add_argument("repo")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    links = json.loads(subprocess.run([args.prognosis, "history", "--bug-introducing", "--json", "--repo", args.repo],
                                      capture_output=True, check=True).stdout)
    groups = {}
    for link in links:
        groups.setdefault((link["fix"], link["path"]), []).append(link)
    keys = sorted(groups)[: args.limit or None]
    total = equal = 0
    differences = []
    for fix, path in keys:
        commits = blame(args.repo, fix + "^", path)
        for link in groups[(fix, path)]:
            for line in link["lines"]:
                total += 1
                if commits.get(line) == link["introducing"]:
                    equal += 1
                elif len(differences) < 10:
                    differences.append({"fix": fix, "path": path, "line": line, "git": commits.get(line),
                                        "prognosis": link["introducing"]})
    print(json.dumps({"fixFiles": len(keys), "pairs": total, "equal": equal, "differences": differences}))


if __name__ == "__main__":
    main()
