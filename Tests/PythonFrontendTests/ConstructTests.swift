import CodeModel
@testable import PythonFrontend
import Testing

/// One tiny source per construct, with the structure it must give.
struct ConstructTests {
    let frontend = PythonFrontend()

    func outline(_ source: String) -> [String] {
        let unit = frontend.parse(source)
        #expect(unit.diagnostics.isEmpty, "\(unit.diagnostics)")
        return unit.definitions.map { "\($0.kind.rawValue) \($0.qualifiedName) \($0.span.start.line)-\($0.span.end.line)" }
    }

    @Test func qualifiedNamesFollowQualname() {
        let source = """
            class A:
                def m(self):
                    def inner():
                        class Local:
                            def deep(self): pass
                        return Local
                    return inner
                class B:
                    async def n(self):
                        pass
            def f():
                pass
            """
        #expect(outline(source) == [
            "class A 1-10", "method A.m 2-7", "function A.m.<locals>.inner 3-6",
            "class A.m.<locals>.inner.<locals>.Local 4-5", "method A.m.<locals>.inner.<locals>.Local.deep 5-5",
            "class A.B 8-10", "method A.B.n 9-10", "function f 11-12",
        ])
    }

    @Test func spansStartAtTheKeywordAndEndAtTheLastStatement() {
        let unit = frontend.parse("""
            @decorator(
                arg)
            async def f(
                a,
            ):
                x = [
                    1,
                ]  # trailing comment

            # comment after the body
            """)
        let f = unit.definitions[0]
        #expect(f.decoratorsStart == SourceLocation(line: 1, column: 1))
        #expect(f.span.start == SourceLocation(line: 3, column: 1))
        #expect(f.span.end == SourceLocation(line: 8, column: 6))
        #expect(f.isAsync)
        #expect(f.decorators == ["decorator(\n    arg)"])
    }

    @Test func parametersOfEveryKind() {
        let unit = frontend.parse("def f(a, b: int = 1, /, c=2, *args: str, d, e=3, **kw): pass")
        let parameters = unit.definitions[0].parameters
        #expect(parameters.map(\.name) == ["a", "b", "c", "args", "d", "e", "kw"])
        #expect(parameters.map(\.kind) == [.positionalOnly, .positionalOnly, .regular, .variadic, .keywordOnly, .keywordOnly, .variadicKeyword])
        #expect(parameters.map(\.hasDefault) == [false, true, true, false, false, true, false])
        #expect(parameters[1].annotation == "int")
        #expect(parameters[3].annotation == "str")
    }

    @Test func importsAbsoluteRelativeAndAliased() {
        let unit = frontend.parse("""
            import os.path as p, sys
            from ..pkg.mod import (a as b, c,)
            from . import x
            from __future__ import annotations
            def f():
                from .local import *
            """)
        let imports = unit.imports.map { i in
            "\(String(repeating: ".", count: i.level))\(i.module)|\(i.alias ?? "")|" +
                i.names.map { $0.name + ($0.alias.map { ":" + $0 } ?? "") }.joined(separator: ",") + "|\(i.location.line)|\(i.scope ?? -1)"
        }
        #expect(imports == ["os.path|p||1|-1", "sys|||1|-1", "..pkg.mod||a:b,c|2|-1", ".||x|3|-1",
                            "__future__||annotations|4|-1", ".local||*|6|0"])
    }

    /// The syntax skeleton in pre-order as `kind(children)`, for compact expectations.
    func skeleton(_ source: String) -> String {
        let unit = frontend.parse(source)
        #expect(unit.diagnostics.isEmpty, "\(unit.diagnostics)")
        let tree = unit.syntax
        func render(_ index: Int) -> String {
            let node = tree.nodes[index]
            var label = "\(node.kind)"
            if node.kind == .call, node.name >= 0 { label += ":" + tree.names[Int(node.name)] }
            if node.count > 0 { label += "#\(node.count)" }
            let children = tree.children(of: index).map(render)
            return children.isEmpty ? label : label + "(" + children.joined(separator: " ") + ")"
        }
        return tree.roots.map(render).joined(separator: " ")
    }

    @Test(arguments: [
        ("if a:\n    pass\nelif b:\n    pass\nelse:\n    pass", "if elseIf else"),
        ("for x in y:\n    break\nelse:\n    continue", "for(break) else(continue)"),
        ("while a and b or c:\n    pass", "while#2(booleanOr#2(booleanAnd#2))"),
        ("x = a and b and c", "booleanAnd#3"),
        ("try:\n    f()\nexcept E:\n    raise\nfinally:\n    pass", "try(call:f#1) catch(raise) finally"),
        ("with a() as b:\n    return", "with#1(call:a#1 return)"),
        ("x = [i for i in y if i]", "comprehension#1(comprehensionFor comprehensionIf)"),
        ("x = a if b else c", "ternary"),
        ("x = obj.method(f(1))(2)", "call(call:method(call:f#1))"),
        ("f = lambda: g()", "lambda(call:g#1)"),
        ("match x:\n    case 1:\n        pass\n    case _:\n        pass", "match(case case)"),
        ("def f():\n    yield (await g())\n", "function(yield(await(call:g#1)))"),
        ("if (n := len(a)) > 1: del a[0]", "if#2(walrus(call:len#1) delete)"),
        ("assert x, msg\nglobal g", "assert global"),
        ("class C:\n    def m(self):\n        return self.m()", "class(function(return(call:m)))"),
    ] as [(String, String)])
    func skeletonOf(source: String, expected: String) {
        #expect(skeleton(source) == expected)
    }

    @Test func nodesKnowTheirDefinition() {
        let unit = frontend.parse("f()\ndef g():\n    h()\n")
        let calls = unit.syntax.nodes.filter { $0.kind == .call }
        #expect(calls.map(\.definition) == [-1, 0])
    }

    @Test(arguments: [
        "x = f'{a!r:>{width}.{precision}} {b=} {{}} {c:%Y-%m-%d}'",
        "x = f'{x[\"key\"]}' f\"{'nested' + f'{y}'}\"",
        "x = rf'\\d{n}' fR'{a}' u'text'\ny = Rb'raw' BR\"x\"",
        "x = f'''\n{a\n + b}\n'''",
        "x = f'\\N{BULLET} {a}'",
        "x = f\"{x[\"key\"]}\" f\"{f\"{f\"{1}\"}\"}\"",
        "x = f'{a:{b}}' f'{\"\\n\".join(c)}'",
        "x = 0x_FF + 0o17 + 0b1_0 + 1_000.000_1e-1_0j + .5 + 5. + 1e5",
        "x = 1if y else 2",
        "print(*a, sep='', **k)",
        "x = a[1:2:3, ::, :]",
        "async def f():\n    async for x in y:\n        pass\n    return [z async for z in w]",
        "with (yield):\n    pass",
        "x = (yield)",
        "def f[T, *Ts, **P](x: T) -> T: ...",
        "type X = int",
        "type = 5\nmatch = 1\ncase = 2\nmatch.x = 3\nmatch[1]: int = 2",
        "match(x)\nmatch (x):\n    case (1 | 2) as y:\n        pass",
        "try:\n    pass\nexcept* E:\n    pass",
        "a = b = c = *d, e",
        "x: list[int]",
        "lambda *, a: a",
        "@(lambda f: f)\ndef g(): pass",
        "if x:\r\n    pass\r\n",
        "if x:\r    pass\r",
        "\u{FEFF}x = 1",
        "\u{0C}x = 1\n\u{0C}def f():\n    pass",
        "if x:\n\tpass\n",
        "x = 1 \\\n    + 2",
        "élan = 1\ndef café(ü): pass",
        "",
        "# only a comment",
        "x = 1 # no newline at end",
    ])
    func acceptsValidSource(source: String) {
        let unit = frontend.parse(source)
        #expect(unit.diagnostics.isEmpty, "\(source.debugDescription): \(unit.diagnostics)")
    }

    @Test(arguments: [
        ("print 'hello'", "Missing parentheses in call to 'print'"),
        ("x = 0777", "leading zeros"),
        ("f() = 1", "cannot assign to function call"),
        ("a + 1 = 2", "cannot assign to expression"),
        ("def f(a=1, b): pass", "non-default argument follows default argument"),
        ("def f(*): pass", "named arguments must follow bare *"),
        ("f(a=1, b)", "positional argument follows keyword argument"),
        ("f(x for x in y, 1)", "Generator expression must be parenthesized"),
        ("x = b'caf\u{E9}'", "bytes can only contain ASCII literal characters"),
        ("x = 'a' b'b'", "cannot mix bytes and nonbytes literals"),
        ("x = f'{}'", "f-string: valid expression required"),
        ("x = f'{a!x}'", "invalid conversion character"),
        ("x = f'}'", "single '}' is not allowed"),
        ("x = 'unterminated", "unterminated string literal"),
        ("x = '''never closed", "unterminated triple-quoted string literal"),
        ("x = (1,\ny = 2", "was never closed"),
        ("x = (1]", "does not match"),
        ("x = )", "unmatched ')'"),
        ("if x:\npass", "expected an indented block after 'if' statement on line 1"),
        ("x = 1\r\ndef f():\r\nreturn", "expected an indented block after function definition on line 2"),
        ("if x:\n        a\n    b", "unindent does not match any outer indentation level"),
        ("if x:\n    a\n\tb", "inconsistent use of tabs and spaces"),
        ("  x = 1", "unexpected indent"),
        ("x = 1 +", "expected an expression"),
        ("€ = 2", "invalid character '€' (U+20AC)"),
        ("x = $", "invalid character"),
        ("x = a <> b", "'<>' is not Python 3"),
        ("try:\n    pass\nexcept A, B:\n    pass", "multiple exception types must be parenthesized"),
        ("try:\n    pass\n", "expected 'except' or 'finally' block"),
        ("x = 1_", "invalid decimal literal"),
        ("x = 0x", "invalid hexadecimal literal"),
        ("x = 5abc", "invalid decimal literal"),
        ("(x := 1) = 2", "cannot assign to named expression"),
        ("x = a if b", "expected 'else' after 'if' expression"),
        ("for x in range(3) pass", "expected ':'"),
        ("x, y: int = 1, 2", "only single target (not tuple) can be annotated"),
        ("del f()", "cannot delete function call"),
        ("x = 1\0", "null bytes"),
        ("match x:\n    case {a: 1}:\n        pass", "mapping pattern keys"),
        ("x = [*a for a in b]", "iterable unpacking cannot be used in comprehension"),
        ("x = {**a for a in b}", "dict unpacking cannot be used in dict comprehension"),
        ("x = f'{a:{b:{c}}}'", "f-string: expressions nested too deeply"),
        ("x = f'{*a}'", "f-string: cannot use starred expression here"),
        ("x = a[]", "expected a slice"),
    ] as [(String, String)])
    func rejectsInvalidSourceWithAClearMessage(source: String, message: String) {
        let unit = frontend.parse(source)
        #expect(!unit.isValid, "\(source.debugDescription) was accepted")
        #expect(unit.diagnostics.contains { $0.message.contains(message) },
                "\(source.debugDescription): \(unit.diagnostics.map(\.message))")
    }

    @Test func diagnosticsCarryLineAndColumn() {
        let unit = frontend.parse("x = 1\ny = (2 +\n    )\n")
        #expect(unit.diagnostics.first?.location.line == 3)
        let print2 = frontend.parse("def f():\n    print 'x'\n")
        #expect(print2.diagnostics.first?.location == SourceLocation(line: 2, column: 5))
    }

    @Test func encodingsFromCodingDeclarations() {
        // "café" in Latin-1, declared: decoded as CPython does.
        var latin1 = Array("# -*- coding: latin-1 -*-\nname = 'caf".utf8)
        latin1.append(0xE9)
        latin1 += Array("'\ndef g(): pass\n".utf8)
        let unit = frontend.parse(latin1, path: "latin1.py")
        #expect(unit.diagnostics.isEmpty)
        #expect(unit.definitions.map(\.name) == ["g"])

        let undeclared = frontend.parse(Array("x = 'caf".utf8) + [0xE9] + Array("'\n".utf8), path: "bad.py")
        #expect(undeclared.diagnostics.first?.message.contains("'utf-8' codec can't decode") == true)

        let unknown = frontend.parse("# coding: uft-8\nx = 1\n")
        #expect(unknown.diagnostics.first?.message == "unknown encoding: uft-8")

        let bomMismatch = frontend.parse([0xEF, 0xBB, 0xBF] + Array("# coding: latin-1\nx = 1\n".utf8), path: "b.py")
        #expect(bomMismatch.diagnostics.first?.message == "encoding problem: latin-1 with BOM")
    }

    @Test func columnsCountUTF8Bytes() {
        let unit = frontend.parse("if True:\n    é = 1; def_ = 2\nclass É: pass\n")
        #expect(unit.definitions[0].span.end == SourceLocation(line: 3, column: 15))
    }

    @Test func commentsAreKept() {
        let unit = frontend.parse("x = 1  # prognosis: ignore\n# type: ignore\n")
        #expect(unit.comments.map(\.text) == ["prognosis: ignore", "type: ignore"])
        #expect(unit.comments[0].span.start == SourceLocation(line: 1, column: 8))
    }
}
