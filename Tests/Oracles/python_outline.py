#!/usr/bin/env python3
"""The independent oracle for the Python frontend: CPython's own `ast`.

For every file named on stdin (one path per line) prints one JSON line:
{"path", "ok", "error": [line, message] | null,
 "definitions": [[kind, qualifiedName, startLine, endLine, startColumn], ...]}
Columns are 1-based UTF-8 byte offsets (CPython's col_offset + 1), as Prognosis reports them.
Qualified names follow __qualname__: `Class.method`, `outer.<locals>.inner`.
"""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")


def definitions(tree):
    out = []

    def visit(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                kind = "class" if isinstance(child, ast.ClassDef) else "function"
                qual = prefix + child.name
                out.append([kind, qual, child.lineno, child.end_lineno, child.col_offset + 1])
                inner = qual + (".<locals>." if kind == "function" else ".")
                visit(child, inner)
            else:
                visit(child, prefix)

    visit(tree, "")
    return out


def main():
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        with open(path, "rb") as f:
            source = f.read()
        record = {"path": path, "ok": True, "error": None, "definitions": []}
        try:
            tree = ast.parse(source, filename=path)
            record["definitions"] = definitions(tree)
        except (SyntaxError, ValueError, UnicodeError) as e:
            record["ok"] = False
            record["error"] = [getattr(e, "lineno", None) or 0, str(e)]
        print(json.dumps(record), flush=False)


if __name__ == "__main__":
    main()
