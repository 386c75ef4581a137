#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus: every example of Grammars/python.peg and every source string
of the Python frontend's tests (one file each) into the folder given as argument."""
import ast
import hashlib
import os
import re
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
seeds = []
for line in open(os.path.join(root, "Grammars", "python.peg"), encoding="utf-8"):
    if line.startswith("# e.g. "):
        seeds.append(line[len("# e.g. "):].rstrip("\n").replace("\\n", "\n") + "\n")
tests = os.path.join(root, "Tests", "PythonFrontendTests")
for name in sorted(os.listdir(tests)):
    text = open(os.path.join(tests, name), encoding="utf-8").read()
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        try:
            # Swift's `\u{FEFF}` becomes Python's `\U0000FEFF`.
            python_literal = re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: "\\U" + m.group(1).rjust(8, "0"), literal)
            value = ast.literal_eval('"' + python_literal + '"')
        except Exception:
            continue
        if len(value) > 3:
            seeds.append(value)
for seed in seeds:
    data = seed.encode("utf-8", "surrogatepass")
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)
print(f"{len(seeds)} seeds in {out}")
