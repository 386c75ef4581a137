import Analysis
import CodeModel
import Foundation
@testable import PythonFrontend
import Testing

/// Broken and hostile input: the parser reports and goes on, and never crashes.
struct RecoveryTests {
    let frontend = PythonFrontend()

    @Test func definitionsAroundAnErrorAreRecovered() {
        let unit = frontend.parse("""
            def before():
                return 1

            def broken(:
                def nested():
                    pass
                return 2

            class Kept:
                def method(self):
                    x = = 1
                    return x
                def after(self):
                    pass

            def last(): pass
            """)
        #expect(!unit.isValid)
        // CPython stops at the first error; we report each, and the unclosed `(` twice (lexer and parser).
        #expect(Set(unit.diagnostics.map(\.location.line)) == [4, 11])
        #expect(unit.definitions.map(\.qualifiedName) == [
            "before", "broken", "broken.<locals>.nested", "Kept", "Kept.method", "Kept.after", "last",
        ])
        let method = unit.definitions[4]
        #expect(method.span.start.line == 10 && method.span.end.line == 12)
    }

    @Test func anUnclosedBracketDoesNotSwallowTheFile() {
        let unit = frontend.parse("""
            def f():
                x = call(1, 2
                return x

            def g():
                pass
            """)
        #expect(unit.diagnostics.contains { $0.message == "'(' was never closed" && $0.location == SourceLocation(line: 2, column: 13) })
        #expect(unit.definitions.map(\.name) == ["f", "g"])
    }

    @Test func python2FilesAreRejectedClearly() {
        let unit = frontend.parse("""
            import sys
            print "hello", sys.argv
            exec "code"
            def f(x, (a, b)):
                pass
            """)
        #expect(unit.diagnostics.map(\.message) == [
            "Missing parentheses in call to 'print'. Did you mean print(...)?",
            "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
            "Function parameters cannot be parenthesized",
        ])
        #expect(unit.definitions.map(\.name) == ["f"])
    }

    /// 10,000 nested parentheses: CPython's tokenizer stops at 200; we must give a diagnostic
    /// and return, not overflow the stack. Runs on a thread with the default 8 MB stack, as the
    /// CLI's workers have more.
    @Test(arguments: ["(", "[", "{", "-", "not ", "lambda: ", "f(", "x if y else ", "a[", "a(b", "[f(-(not {a: lambda: g[",
                      "f\"{"])
    func pathologicalNestingGivesADiagnostic(opener: String) {
        let source = "x = " + String(repeating: opener, count: 10_000) + "1"
        let unit = onThread(stackSize: 8 << 20) { frontend.parse(source) }
        #expect(!unit.isValid)
        #expect(unit.diagnostics.contains { $0.message.contains("too many") || $0.message.contains("never closed") })
    }

    /// Found by the fuzzer: each statement that hit the depth limit used to leave the depth
    /// counter lower than it found it, so after a few such lines the limit no longer held.
    @Test func theDepthLimitHoldsAfterManyLinesThatHitIt() {
        let line = "x = " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "\n"
        let source = String(repeating: line, count: 20)
            + "x = " + String(repeating: "[", count: 10_000) + "\n"
        let unit = onThread(stackSize: 8 << 20) { frontend.parse(source) }
        #expect(unit.diagnostics.filter { $0.message.hasPrefix("too many nested expressions") }.count >= 20)
    }

    @Test func deeplyNestedBlocksGiveADiagnostic() {
        var source = ""
        for level in 0..<500 { source += String(repeating: " ", count: level) + "if x:\n" }
        source += String(repeating: " ", count: 500) + "pass\n"
        let text = source
        let unit = onThread(stackSize: 8 << 20) { frontend.parse(text) }
        #expect(unit.diagnostics.contains { $0.message == "too many levels of indentation" })
    }

    @Test func binaryAndHugeInputsDoNotCrash() {
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let unit = frontend.parse(noise, path: "noise.bin")
        #expect(!unit.isValid)
        let huge = String(repeating: "def f():\n    return [x for x in range(10) if x]\n", count: 50_000)
        let parsed = frontend.parse(huge)
        #expect(parsed.isValid)
        #expect(parsed.definitions.count == 50_000)
    }

    @Test func everyPrefixOfAValidFileParsesWithoutCrashing() {
        let source = Array("""
            @d
            class C(B, metaclass=M):
                async def m(self, a, /, *b, c=1, **d) -> int:
                    match x:
                        case [1, *r] | {"k": v} if f'{v!r:>{w}}':
                            return (yield from g()) or lambda y: y
                    try:
                        pass
                    except* E as e:
                        raise E from e
            """.utf8)
        for end in 0...source.count {
            let unit = frontend.parse(Array(source[0..<end]), path: "prefix.py")
            #expect(unit.lineCount >= 0)
        }
    }

    func onThread<T: Sendable>(stackSize: Int, _ body: @escaping @Sendable () -> T) -> T {
        let box = Box<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        done.wait()
        return box.value!
    }
}

final class Box<T>: @unchecked Sendable {
    var value: T?
}
