#!/usr/bin/env python3
"""Oracle: reads a JSON list of sources on stdin, prints a JSON list saying which `ast.parse` accepts."""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")
result = []
for source in json.load(sys.stdin):
    try:
        ast.parse(source.encode("utf-8", "surrogateescape"))
        result.append(True)
    except (SyntaxError, ValueError, UnicodeError, MemoryError, RecursionError):
        result.append(False)
print(json.dumps(result))
