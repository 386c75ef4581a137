import Analysis
import CodeModel
import Foundation
import PythonFrontend
import TestSupport
import Testing

/// CPython's own `ast` is the oracle: whatever it accepts we accept, whatever it rejects we
/// reject, and the definitions (qualified name, start and end line, column) are the same.
struct DifferentialTests {
    static let standardLibrary = Corpora.cpythonStandardLibrary()

    @Test(.enabled(if: standardLibrary != nil, "skipped: python3 or its standard library is absent on this machine"),
          .timeLimit(.minutes(10)))
    func standardLibraryMatchesCPythonAST() throws {
        let (files, python) = try #require(Self.standardLibrary)
        let oracle = Corpora.packageRoot + "/Tests/Oracles/python_outline.py"
        let output = try run(python, [oracle], input: Data(files.joined(separator: "\n").utf8))
        var expected: [String: [String: Any]] = [:]
        for line in output.split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            expected[record["path"] as! String] = record
        }
        #expect(expected.count == files.count)

        var acceptanceMismatches: [String] = []
        var total = 0
        var matched = 0
        var missing: [String] = []
        for outcome in ParallelParser.parse(files) {
            guard case .parsed(let unit) = outcome else {
                Issue.record("unreadable: \(outcome)")
                continue
            }
            let record = try #require(expected[unit.path])
            let accepted = record["ok"] as! Bool
            if accepted != unit.isValid {
                acceptanceMismatches.append("\(unit.path): CPython \(accepted ? "accepts" : "rejects"), we \(unit.isValid ? "accept" : "reject") \(unit.diagnostics.prefix(2))")
            }
            let ours = Set(unit.definitions.map { definition in
                "\(definition.kind == .class ? "class" : "function") \(definition.qualifiedName) \(definition.span.start.line)-\(definition.span.end.line):\(definition.span.start.column)"
            })
            for entry in record["definitions"] as! [[Any]] {
                total += 1
                let key = "\(entry[0]) \(entry[1]) \(entry[2])-\(entry[3]):\(entry[4])"
                if ours.contains(key) { matched += 1 } else if missing.count < 20 { missing.append("\(unit.path): \(key)") }
            }
        }
        #expect(acceptanceMismatches.isEmpty, "\(acceptanceMismatches)")
        let rate = Double(matched) / Double(max(total, 1))
        print("standard library: \(files.count) files, \(matched)/\(total) definitions equal to CPython's ast (\(rate * 100)%)")
        #expect(total > 10_000)
        #expect(rate >= 0.999, "first differences: \(missing)")
    }

    /// Hand-picked edge cases, valid and invalid; CPython decides which is which.
    static let snippets: [String] = [
        // Tokenizer
        "x = 1 \\\n + 2\n", "x = 1 \\ \n", "x = '\\\n'\n", "x = '''a\n'''\n", "x = 'a\n'\n",
        "if x:\n\tif y:\n\t\tpass\n", "if x:\n        pass\n\tpass\n", "if x:\n  a\n b\n",
        "x = 0_0\n", "x = 00\n", "x = 0777\n", "x = 1__0\n", "x = 1_\n", "x = 0x\n", "x = 0b102\n", "x = 0o8\n",
        "x = 1e\n", "x = 1e+\n", "x = 1.e5j\n", "x = 1if 2else 3\n", "x = 0xfor\n", "x = 1abc\n",
        "x = (\n# comment\n1)\n", "x = [1,\n\n 2]\n", "x = {\n}\n", "\u{0C}\nx = 1\n", "x = 1;\n", "x = 1;;\n",
        "x = b'\u{E9}'\n", "x = 'a' b'b'\n", "x = f'a' 'b' rf'c'\n", "x = rb'\\'' Br'x'\n", "x = ur'x'\n", "x = bu'x'\n",
        "$\n", "x = `a`\n", "x = a <> b\n", "x = a != b\n", "x = !a\n", "x = a ?? b\n",
        "x = f'{a}' f'{{' f'}}'\n", "x = f'{'\n", "x = f'}'\n", "x = f'{}'\n", "x = f'{a!}'\n", "x = f'{a!z}'\n",
        "x = f'{a=}'\n", "x = f'{a = !r:10}'\n", "x = f'{a:{b}{c}}'\n", "x = f'{a:{b:{c}}}'\n", "x = f'{lambda: 1}'\n",
        "x = f'{(lambda: 1)()}'\n", "x = f'{a:=1}'\n", "x = f'{(a:=1)}'\n", "x = f'''{\na\n}'''\n", "x = f'\\N{EM DASH}'\n",
        "x = f'{yield}'\n", "x = f'{*a}'\n", "x = f'{*a,}'\n", "x = f'{a, b}'\n",
        // Statements
        "print 'x'\n", "print('x')\n", "exec 'x'\n", "print >>f, x\n", "x = yield\n", "x = yield = 1\n",
        "f() = 1\n", "a.b = 1\n", "a[0] = 1\n", "(a) = 1\n", "(a, b) = 1, 2\n", "[a, *b] = c\n", "*a, = b\n",
        "a, *b, *c = d\n", "a + 1 = 2\n", "-a = 1\n", "None = 1\n", "True = 1\n", "... = 1\n", "'a' = 1\n",
        "a if b else c = 1\n", "lambda: 1 = 2\n", "(yield) = 1\n", "x += 1\n", "x, y += 1\n", "f() += 1\n",
        "x: int\n", "x.y: int = 1\n", "(x): int = 1\n", "x, y: int\n", "[x]: int\n", "x: int = yield\n",
        "del x, y[0], z.a\n", "del (x, [y])\n", "del f()\n", "del x + 1\n", "del *x\n",
        "global x, y\n", "nonlocal x\n", "assert x\n", "assert (x, y)\n", "assert\n",
        "import a.b.c as d\n", "import a as b.c\n", "from . import (a, b)\n", "from . import (a, b,)\n",
        "from . import a, b,\n", "from .. import *\n", "from x import (*)\n", "from ... import x\n", "from .... import x\n",
        "import .a\n", "from x import\n", "raise\n", "raise x from y\n", "raise from y\n", "return\n", "return *a, b\n",
        "pass; pass\n", "break\n", "continue\n", "x = 1 if 2\n",
        // Compound statements
        "if x: pass\nelif y: pass\nelse: pass\n", "if x:\npass\n", "if x: pass\nelse if y: pass\n", "else: pass\n",
        "while x: pass\nelse: pass\n", "for x in y: pass\nelse: pass\n", "for x, in y: pass\n", "for f() in y: pass\n",
        "for x in *a, b: pass\n", "for in y: pass\n", "async for x in y: pass\n", "async def f():\n async for x in y: pass\n",
        "with a, b as c: pass\n", "with (a, b): pass\n", "with (a as b, c as d): pass\n", "with (a as b, c as d,): pass\n",
        "with (a, b) as c: pass\n", "with a as (b, c): pass\n", "with a as f(): pass\n", "with (yield): pass\n",
        "try: pass\nexcept: pass\n", "try: pass\nexcept E as e: pass\nelse: pass\nfinally: pass\n",
        "try: pass\nelse: pass\n", "try: pass\nexcept E, e: pass\n", "try: pass\nexcept (A, B): pass\n",
        "try: pass\nexcept* A: pass\n", "try: pass\nexcept*: pass\n", "try: pass\nexcept* A: pass\nexcept B: pass\n",
        "try: pass\nexcept E as e.x: pass\n", "try:\n pass\n", "finally: pass\n",
        "def f(): pass\n", "def f(a, /): pass\n", "def f(/): pass\n", "def f(a, /, /): pass\n", "def f(*, a): pass\n",
        "def f(*): pass\n", "def f(*, **k): pass\n", "def f(**k, a): pass\n", "def f(*a, *b): pass\n",
        "def f(a=1, b): pass\n", "def f(a=1, /, b): pass\n", "def f(a, b=1, *, c): pass\n", "def f(a, a): pass\n",
        "def f(a: int = 1, *b: str, c: 'x' = 2, **d: dict) -> None: pass\n", "def f(*a=1): pass\n", "def f(**a=1): pass\n",
        "def f((a, b)): pass\n", "def f(a,,b): pass\n", "def f(a b): pass\n", "def (): pass\n", "def f() -> : pass\n",
        "lambda a, /, b=1, *c, d, **e: 0\n", "lambda a: int: 0\n", "lambda (a): 0\n", "lambda *: 0\n",
        "class C: pass\n", "class C(): pass\n", "class C(A, B, metaclass=M, **kw): pass\n", "class C(x for x in y): pass\n",
        "class C(a=1, b): pass\n", "class: pass\n", "@d\nclass C: pass\n", "@d\nx = 1\n", "@a.b(c)[d]\ndef f(): pass\n",
        "@x := y\ndef f(): pass\n", "@(x := y)\ndef f(): pass\n", "@lambda f: f\ndef g(): pass\n",
        "async def f(): await x\n", "async def f(): return [await x async for y in z]\n", "async x = 1\n", "async with x: pass\n",
        // Expressions
        "f(a for a in b)\n", "f(a for a in b,)\n", "f(a for a in b, c)\n", "f(c, a for a in b)\n", "f(**a, *b)\n",
        "f(*a, **b, c)\n", "f(a=1, *b)\n", "f(a=1, b)\n", "f(a, b=1, **c, d=2)\n", "f(a=1, a=2)\n", "f(a.b=1)\n",
        "f(x=1=2)\n", "f(a := 1)\n", "f(a := 1 for b in c)\n", "f(a, *b,)\n", "f(,)\n", "f(a,,)\n",
        "x = a[1:2, ::3]\n", "x = a[:]\n", "x = a[::]\n", "x = a[]\n", "x = a[*b]\n", "x = a[b:=1]\n", "x = a[(b:=1)]\n",
        "x = a.1\n", "x = a.b.c.d\n", "x = a. b\n", "x = (a := 1)\n", "x = a := 1\n", "(a.b := 1)\n", "(a := b := 1)\n",
        "[x for x in y]\n", "[x for x in y if a if b for z in w]\n", "[x for x in a if b else c]\n", "[x for x in *a]\n",
        "[*a for a in b]\n", "{a: b for a, b in c}\n", "{**a for a in b}\n", "{*a, *b}\n", "{a: b, **c}\n", "{a: *b}\n",
        "(x for x in y)\n", "(*a, *b)\n", "(*a)\n", "x = *a\n", "x = *a, *b\n", "print(*a if b else c)\n",
        "x = not not a\n", "x = a not in b\n", "x = a is not b\n", "x = a not b\n", "x = a < b < c\n", "x = a ** -b ** c\n",
        "x = -a ** b\n", "x = ~~a\n", "x = a @ b\n", "x @= b\n", "x = a if b else c if d else e\n", "x = lambda: (yield)\n",
        "x = await a\n", "x = [i async for i in a]\n", "x = ...\n", "x = ....\n", "x = a . ... \n", "x = ()\n", "x = (,)\n",
        "x = (1,)\n", "x = [,]\n", "x = {,}\n", "x = yield from a\n", "x = (yield from)\n", "def f(): x = yield a, *b\n",
        "a and\n", "a and b or\n", "(a, b) := c\n", "x = [a, b] := c\n", "a.b += 1\n", "a[b] **= 1\n",
        // Pattern matching
        "match x:\n case 1: pass\n", "match x:\n case -1: pass\n case 1+2j: pass\n case -1-2j: pass\n",
        "match x:\n case 1+2: pass\n", "match x:\n case a.b: pass\n", "match x:\n case a | b: pass\n",
        "match x:\n case [a, *b, c]: pass\n", "match x:\n case [*a, *b]: pass\n", "match x:\n case (a,): pass\n",
        "match x:\n case {1: a, 'k': b, **c}: pass\n", "match x:\n case {**c, 1: a}: pass\n", "match x:\n case C(a, b=1): pass\n",
        "match x:\n case C(b=1, a): pass\n", "match x:\n case _ as y: pass\n", "match x:\n case y as _: pass\n",
        "match x:\n case f(): pass\n", "match x:\n case 1 if y: pass\n", "match x, y:\n case a, b: pass\n",
        "match *x, y:\n case _: pass\n", "match x:\n pass\n", "match x:\ncase 1: pass\n", "match = 1\n", "match.a = 1\n",
        "match(a)\n", "match [a]:\n case _: pass\n", "match -x:\n case _: pass\n", "case = 1\n", "_ = 1\n",
        "match x:\n case {a.b: 1}: pass\n", "match x:\n case 'a' 'b': pass\n", "match x:\n case f'a': pass\n",
        "match x:\n case None | True | False: pass\n", "match x:\n case (): pass\n case []: pass\n",
        "match x:\n case a if (b := c): pass\n", "match x:\n case [a, (b, c)] | {'k': [d]}: pass\n",
        // Oddities of CPython's tokenizer that stdlib files do not exercise
        "if True:\n    x = 1\n  # dedented comment\n    y = 2\n", "x = (1 +\n2)\n", "if x:\n\n    pass\n",
        "def f():\n    return \\\n        1\n", "x = [\n    1,\n  2,\n]\n", "x = 1\n    \n", "#!/usr/bin/env python\n",
    ]

    /// Where we knowingly differ from CPython's `ast.parse`, and why.
    static let knownDifferences: [(source: String, why: String)] = [
        ("x = '\\N{NO SUCH CHARACTER}'\n",
         "CPython decodes escapes while parsing and rejects unknown \\N{…} names; we do not carry Unicode's name table"),
        ("x = f\"{x[\"k\"]}\"\n",
         "3.12 syntax (PEP 701 reuses the quote inside a replacement field); a 3.11 oracle rejects it, we follow 3.12+"),
    ]

    @Test(.enabled(if: Corpora.python() != nil, "skipped: python3 is absent on this machine"))
    func knownDifferencesAreStillTheOnlyOnes() throws {
        let python = try #require(Corpora.python())
        let oracle = Corpora.packageRoot + "/Tests/Oracles/python_accepts.py"
        let input = try JSONSerialization.data(withJSONObject: Self.knownDifferences.map(\.source))
        let accepted = try #require(try JSONSerialization.jsonObject(with: Data(try run(python, [oracle], input: input).utf8)) as? [Bool])
        let version = try run(python, ["-c", "import sys; print(sys.version_info[1])"]).trimmingCharacters(in: .whitespacesAndNewlines)
        for ((source, why), cpython) in zip(Self.knownDifferences, accepted) {
            let ours = PythonFrontend().parse(source).isValid
            // A newer CPython agrees with us on 3.12 syntax; then that difference is gone.
            if why.hasPrefix("3.12"), let minor = Int(version), minor >= 12 { #expect(ours == cpython); continue }
            #expect(ours != cpython, "no longer a difference: \(source.debugDescription) — \(why)")
        }
    }

    @Test(.enabled(if: Corpora.python() != nil, "skipped: python3 is absent on this machine"))
    func edgeCasesMatchCPython() throws {
        let python = try #require(Corpora.python())
        let oracle = Corpora.packageRoot + "/Tests/Oracles/python_accepts.py"
        let input = try JSONSerialization.data(withJSONObject: Self.snippets)
        let output = try run(python, [oracle], input: input)
        let accepted = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Bool])
        #expect(accepted.count == Self.snippets.count)
        let frontend = PythonFrontend()
        var disagreements: [String] = []
        for (source, cpython) in zip(Self.snippets, accepted) {
            let unit = frontend.parse(source)
            if unit.isValid != cpython {
                disagreements.append("\(source.debugDescription): CPython \(cpython ? "accepts" : "rejects"); we say \(unit.diagnostics.map(\.message))")
            }
        }
        #expect(accepted.contains(false) && accepted.contains(true))
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(Self.snippets.count):\n\(disagreements.joined(separator: "\n"))")
    }
}
