import CodeModel
import Foundation
import SwiftFrontend
import SwiftParser
import SwiftSyntax
import TestSupport
import Testing

struct SwiftFrontendTests {
    static let sample = """
        import Foundation
        import struct NIOCore.ByteBuffer

        /// A type.
        public struct Stack<Element> {
            private var items: [Element] = []

            var count: Int { items.count }

            var top: Element? {
                get { items.last }
                set { if let newValue { items.append(newValue) } }
            }

            let onPush: (Element) -> Void = { element in
                print(element)
            }

            @inlinable
            public mutating func push(_ item: Element, times count: Int = 1) async throws {
                for _ in 0..<count { items.append(item) }
            }

            init(items: [Element]) { self.items = items }

            subscript(index: Int) -> Element { items[index] }
        }

        extension Stack: CustomStringConvertible {
            var description: String { "\\(count)" }
            func describe(_ x: Int...) -> String {
                func helper() -> String { "h" }
                return helper()
            }
        }

        final class Box { deinit { print("bye") } }
        """

    @Test func definitionsHaveSwiftQualifiedNames() throws {
        let unit = SwiftFrontend().parse(Self.sample, path: "Stack.swift")
        #expect(unit.isValid, "\(unit.diagnostics)")
        let names = unit.definitions.map { "\($0.kind.rawValue) \($0.qualifiedName)" }
        #expect(names == [
            "struct Stack",
            "accessor Stack.count.get",
            "accessor Stack.top.get",
            "accessor Stack.top.set",
            "closure Stack.onPush",
            "method Stack.push(_:times:)",
            "initializer Stack.init(items:)",
            "subscript Stack.subscript(_:)",
            "extension Stack",
            "accessor Stack.description.get",
            "method Stack.describe(_:)",
            "function Stack.describe(_:).helper()",
            "class Box",
            "deinitializer Box.deinit",
        ])
        let push = try #require(unit.definitions.first { $0.name == "push" })
        #expect(push.isAsync)
        #expect(push.decorators == ["inlinable"])
        #expect(push.decoratorsStart == CodeModel.SourceLocation(line: 19, column: 5))
        #expect(push.span.start == CodeModel.SourceLocation(line: 20, column: 5))
        #expect(push.span.end == CodeModel.SourceLocation(line: 22, column: 6))
        #expect(push.parameters.map(\.name) == ["item", "count"])
        #expect(push.parameters.map(\.label) == ["_", "times"])
        #expect(push.parameters[1].hasDefault)
        let describe = try #require(unit.definitions.first { $0.name == "describe" })
        #expect(describe.parameters.first?.kind == .variadic)
        #expect(unit.imports.map(\.module) == ["Foundation", "NIOCore"])
        #expect(unit.imports[1].names.map(\.name) == ["ByteBuffer"])
        #expect(unit.comments.map(\.text) == ["A type."])
        #expect(unit.lineCount == 37)
    }

    @Test func controlFlowMapsOntoSharedKinds() {
        let source = """
            func f(_ x: Int?) throws -> Int {
                guard let x else { throw E.bad }
                if x > 1 && x < 5 || x == 9 { return 1 } else if case 0 = x { return 2 } else { return 3 }
                switch x { case 1: break; default: break }
                do { try g() } catch { return x > 0 ? 1 : 2 }
                repeat { } while false
                return [1].map { $0 }.count
            }
            """
        let unit = SwiftFrontend().parse(source, path: "f.swift")
        #expect(unit.isValid)
        let kinds = unit.syntax.nodes.map(\.kind)
        for expected: CodeModel.SyntaxKind in [.guard, .raise, .if, .booleanAnd, .booleanOr, .elseIf, .case, .else, .match,
                                      .try, .catch, .ternary, .while, .lambda, .call, .return, .break] {
            #expect(kinds.contains(expected), "\(expected)")
        }
        // Siblings, as Python's elif and except are.
        let ifIndex = kinds.firstIndex(of: .if)!
        #expect(unit.syntax.nodes[ifIndex].subtreeEnd < Int32(kinds.firstIndex(of: .elseIf)!) + 1)
    }

    @Test func syntaxErrorsAreReportedAndDefinitionsRecovered() {
        let unit = SwiftFrontend().parse("func a() {\n  let x = \n}\nfunc b() { }\n", path: "bad.swift")
        #expect(!unit.isValid)
        #expect(unit.diagnostics.first?.location.line == 3 || unit.diagnostics.first?.location.line == 2)
        #expect(unit.definitions.map(\.name) == ["a", "b"])
    }

    @Test func invalidUTF8AndDeepNestingDoNotCrash() {
        var bytes = Array("func f() { let s = \"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\" }\n".utf8)
        let unit = SwiftFrontend().parse(bytes, path: "bytes.swift")
        #expect(unit.diagnostics.contains { $0.message.contains("UTF-8") })
        #expect(unit.definitions.map(\.name) == ["f"])

        let deep = "func g() {" + String(repeating: "if x {", count: 3000) + String(repeating: "}", count: 3000) + "}"
        let nested = SwiftFrontend().parse(deep, path: "deep.swift")
        #expect(nested.definitions.count == 1)
    }

    /// An independent walk with swift-syntax's own positions: every function-like declaration
    /// with a body starts (after its attributes) and ends where we say, over a real corpus.
    static let corpus = Corpora.swiftPackageSources(["apple/swift-nio"])

    @Test(.enabled(if: corpus != nil, "skipped: swift-nio is not in /opt/swift-packages"), .timeLimit(.minutes(10)))
    func spansAgreeWithSwiftSyntaxPositions() throws {
        let files = try #require(Self.corpus)
        var total = 0
        var mismatches: [String] = []
        for path in files {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let unit = SwiftFrontend().parse(bytes, path: path)
            let tree = bytes.withUnsafeBufferPointer { Parser.parse(source: $0) }
            let oracle = SpanOracle(converter: SourceLocationConverter(fileName: path, tree: tree))
            oracle.walk(tree)
            let ours = Set(unit.definitions.filter { $0.kind.isFunctionLike && $0.kind != .accessor && $0.kind != .closure }
                .map { "\($0.span.start.line):\($0.span.start.column)-\($0.span.end.line):\($0.span.end.column)" })
            for span in oracle.spans {
                total += 1
                if !ours.contains(span), mismatches.count < 10 { mismatches.append("\(path) \(span)") }
            }
        }
        print("swift-nio: \(total) function spans compared with swift-syntax's positions")
        #expect(total > 5_000)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}

/// Functions, initializers, deinitializers and subscripts with bodies, from the first token
/// after their attributes to the end of the declaration.
final class SpanOracle: SyntaxVisitor {
    let converter: SourceLocationConverter
    var spans: [String] = []

    init(converter: SourceLocationConverter) {
        self.converter = converter
        super.init(viewMode: .sourceAccurate)
    }

    func record(_ node: some DeclSyntaxProtocol, attributes: AttributeListSyntax) {
        let start = attributes.isEmpty ? node.positionAfterSkippingLeadingTrivia
            : attributes.endPositionBeforeTrailingTrivia
        var startToken = node.firstToken(viewMode: .sourceAccurate)
        while let token = startToken, token.positionAfterSkippingLeadingTrivia < start {
            startToken = token.nextToken(viewMode: .sourceAccurate)
        }
        guard let first = startToken else { return }
        let a = converter.location(for: first.positionAfterSkippingLeadingTrivia)
        let b = converter.location(for: node.endPositionBeforeTrailingTrivia)
        spans.append("\(a.line):\(a.column)-\(b.line):\(b.column)")
    }

    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
        if node.body != nil { record(node, attributes: node.attributes) }
        return .visitChildren
    }

    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        if node.body != nil { record(node, attributes: node.attributes) }
        return .visitChildren
    }

    override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind {
        if node.body != nil { record(node, attributes: node.attributes) }
        return .visitChildren
    }

    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind {
        if node.accessorBlock != nil { record(node, attributes: node.attributes) }
        return .visitChildren
    }
}

/// The byte-level comment scanner against swift-syntax's own trivia: every comment piece of
/// every token, with its span and text, over real packages.
struct CommentScannerTests {
    static let corpus = Corpora.swiftPackageSources(["apple/swift-nio", "vapor/vapor"])

    static func triviaComments(_ bytes: [UInt8], path: String) -> [String] {
        let tree = bytes.withUnsafeBufferPointer { Parser.parse(source: $0) }
        let converter = SourceLocationConverter(fileName: path, tree: tree)
        var result: [String] = []
        func collect(_ trivia: Trivia, at start: AbsolutePosition) {
            var position = start
            for piece in trivia {
                let length = piece.sourceLength
                var text: Substring?
                switch piece {
                case .lineComment(let t), .docLineComment(let t): text = t.drop { $0 == "/" }
                case .blockComment(let t), .docBlockComment(let t): text = t.dropFirst(2).dropLast(2).drop { $0 == "*" }
                default: break
                }
                if let text {
                    let a = converter.location(for: position), b = converter.location(for: position + length)
                    let trimmed = text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }
                    result.append("\(a.line):\(a.column)-\(b.line):\(b.column) \(String(trimmed.reversed()))")
                }
                position += length
            }
        }
        for token in tree.tokens(viewMode: .sourceAccurate) {
            collect(token.leadingTrivia, at: token.position)
            collect(token.trailingTrivia, at: token.endPositionBeforeTrailingTrivia)
        }
        return result
    }

    static func scanned(_ bytes: [UInt8], path: String) -> [String] {
        SwiftFrontend().parse(bytes, path: path).comments.map {
            "\($0.span.start.line):\($0.span.start.column)-\($0.span.end.line):\($0.span.end.column) \($0.text)"
        }
    }

    @Test(arguments: [
        "let a = 1 // one\n/* two /* nested */ still */ let b = 2\n",
        "let s = \"// not a comment\" // a comment\n",
        "let s = \"\"\"\n  /* not */ \\(f(\"//\")) // not\n  \"\"\" // yes\n",
        "let r = #\"raw \" // not\"# /* yes */\n",
        "let i = \"\\(a /* inside */ + \"x\")\" // after\n",
        "#!/usr/bin/env swift\n// first\nprint(1)\n",
        "let x = a / b // divide\nlet y = #/ab// c/# // regex\n",
        "/// doc\n/** block doc */\nfunc f() {}\n",
    ])
    func scannerMatchesTrivia(_ source: String) {
        let bytes = Array(source.utf8)
        #expect(Self.scanned(bytes, path: "t.swift") == Self.triviaComments(bytes, path: "t.swift"))
    }

    @Test(.enabled(if: corpus != nil, "skipped: swift-nio or vapor is not in /opt/swift-packages"), .timeLimit(.minutes(10)))
    func scannerMatchesTriviaOverRealPackages() throws {
        let files = try #require(Self.corpus)
        var comments = 0
        var differing: [String] = []
        for path in files {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let theirs = Self.triviaComments(bytes, path: path)
            comments += theirs.count
            if Self.scanned(bytes, path: path) != theirs { differing.append(path) }
        }
        print("comment scanner: \(files.count) files, \(comments) comments compared with swift-syntax's trivia")
        #expect(comments > 20_000)
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}

/// The definitions-only outline (history parses every blob with it) must find exactly what the
/// full frontend finds.
struct OutlineModeTests {
    static let corpus = Corpora.swiftPackageSources(["apple/swift-nio", "vapor/vapor"])

    static func key(_ unit: SourceUnit) -> [String] {
        unit.definitions.map {
            "\($0.kind) \($0.qualifiedName) \($0.span.start.line):\($0.span.start.column)-\($0.span.end.line):\($0.span.end.column) "
                + "\($0.decoratorsStart.map { "\($0.line):\($0.column)" } ?? "-") \($0.parameters.count)"
        }
    }

    @Test func nestedDeclarationsAreStillFound() {
        let source = """
            func outer() {
                let x = 1
                struct Local { func inner() {} }
                _ = { func inClosure() {} }
                print(x)
            }
            let top = 1
            if top > 0 { func conditional() {} }
            final class C { var f: () -> Void = { }; var g: Int { get { 1 } } }
            """
        let full = SwiftFrontend().parse(source, path: "t.swift")
        let outline = SwiftFrontend().outline(Array(source.utf8), path: "t.swift")
        #expect(Self.key(outline) == Self.key(full))
        #expect(full.definitions.map(\.qualifiedName).contains("outer().Local.inner()"), "\(full.definitions.map(\.qualifiedName))")
    }

    @Test(.enabled(if: corpus != nil, "skipped: swift-nio or vapor is not in /opt/swift-packages"), .timeLimit(.minutes(10)))
    func outlineFindsWhatTheFullFrontendFinds() throws {
        let files = try #require(Self.corpus)
        var definitions = 0
        var differing: [String] = []
        for path in files {
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let full = SwiftFrontend().parse(bytes, path: path)
            let outline = SwiftFrontend().outline(bytes, path: path)
            definitions += full.definitions.count
            if Self.key(outline) != Self.key(full) || outline.comments != full.comments {
                if differing.isEmpty {
                    print("first difference in \(path): outline-only \(Array(Set(Self.key(outline)).subtracting(Self.key(full)).prefix(3))), full-only \(Array(Set(Self.key(full)).subtracting(Self.key(outline)).prefix(3))), comments equal: \(outline.comments == full.comments)")
                }
                differing.append(path)
            }
        }
        print("outline mode: \(files.count) files, \(definitions) definitions compared with the full frontend")
        #expect(definitions > 10_000)
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}
