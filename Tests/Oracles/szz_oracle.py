#!/usr/bin/env python3
"""Checks SZZ links against a straightforward `git blame -w` of each fix's first parent.

Usage: szz_oracle.py PROGNOSIS REPO [--limit N]

Reads `prognosis history --bug-introducing --json`; for each (fix, file) blames the file at
the fix's parent and counts the (fix, line) pairs whose introducing commit agrees.
Prints one JSON object. The repository must have been scanned first.
"""
import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from blame_oracle import blame_by_line  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("prognosis")
    ap.add_argument("repo")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    args.prognosis = os.path.abspath(args.prognosis)
    links = json.loads(subprocess.run([args.prognosis, "history", "--bug-introducing", "--json", "--repo", args.repo],
                                      capture_output=True, check=True).stdout)
    groups = {}
    for link in links:
        groups.setdefault((link["fix"], link["path"]), []).append(link)
    keys = sorted(groups)[: args.limit or None]
    total = equal = 0
    differences = []
    for fix, path in keys:
        commits = blame_by_line(args.repo, fix + "^", path, check=False)
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
