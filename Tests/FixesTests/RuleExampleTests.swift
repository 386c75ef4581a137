import CodeModel
import Fixes
import Foundation
import Testing
import TestSupport

/// Every rule's examples are its tests: the `↓` marks are exactly where findings start, the
/// safe edits turn the source into `fixed`, suggestions change nothing, and non-triggering
/// examples find nothing.
struct RuleExampleTests {
    static let rules = RuleRegistry.all.map { $0.description.id }

    func run(_ id: String, _ source: [UInt8]) -> FixEngine.FileResult {
        let rule = RuleRegistry.rule(id)!
        let path = rule.description.language == .python ? "example.py" : "Example.swift"
        return FixEngine(rules: [rule]).analyze(path: path, bytes: source)
    }

    @Test(arguments: rules)
    func triggeringExamplesFindTheMarkedPlacesAndRewriteToFixed(_ id: String) throws {
        let description = RuleRegistry.rule(id)!.description
        #expect(!description.triggering.isEmpty && !description.nonTriggering.isEmpty)
        for example in description.triggering {
            let (source, marks) = example.unmarked
            let result = run(id, source)
            #expect(result.skipped == nil, "\(id): \(result.skipped ?? "")")
            #expect(result.findings.map(\.offset) == marks, "\(id): findings at \(result.findings.map(\.offset)), marks at \(marks) in\n\(example.source)")
            #expect(result.rejectedEdits.isEmpty, "\(id): \(result.rejectedEdits.map { $0.sketch ?? "" })")
            let edits = result.findings.flatMap(\.edits)
            if let fixed = example.fixed {
                #expect(description.safety == .safe)
                let rewritten = try SourceEdit.apply(edits, to: source)
                #expect(String(decoding: rewritten, as: UTF8.self) == fixed, "\(id)")
            } else {
                #expect(edits.isEmpty, "\(id): a suggestion-only example produced edits")
                #expect(result.findings.allSatisfy { $0.sketch != nil }, "\(id): a finding without edits needs a sketch")
            }
        }
        for example in description.nonTriggering {
            let (source, marks) = example.unmarked
            #expect(marks.isEmpty)
            let result = run(id, source)
            #expect(result.findings.isEmpty, "\(id) fired on a non-triggering example at \(result.findings.map(\.line)):\n\(example.source)")
        }
    }

    /// The rewritten Python examples are accepted by CPython's own compiler, not only ours.
    @Test(.enabled(if: Corpora.python() != nil, "skipped: python3 is absent on this machine"))
    func rewrittenPythonExamplesCompileWithCPython() throws {
        let python = try #require(Corpora.python())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prognosis-fix-examples-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for rule in RuleRegistry.all where rule.description.language == .python {
            for (index, example) in rule.description.triggering.enumerated() {
                guard let fixed = example.fixed else { continue }
                let path = folder.appendingPathComponent("\(rule.description.id.replacingOccurrences(of: "-", with: "_"))_\(index).py").path
                try fixed.write(toFile: path, atomically: true, encoding: .utf8)
                paths.append(path)
            }
        }
        #expect(paths.count >= 6)
        let result = try runStatus(python, ["-m", "py_compile"] + paths)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func rewrittenSwiftExamplesParseWithoutErrors() throws {
        var checked = 0
        for rule in RuleRegistry.all where rule.description.language == .swift {
            for example in rule.description.triggering {
                guard let fixed = example.fixed else { continue }
                #expect(FixEngine.parseFailure(language: .swift, path: "Fixed.swift", bytes: Array(fixed.utf8)) == nil, "\(fixed)")
                checked += 1
            }
        }
        #expect(checked >= 5)
    }

    @Test func theRegistryHasEnoughRulesOfEachLanguageWithUniqueIds() {
        let all = RuleRegistry.all.map(\.description)
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(all.filter { $0.language == .python }.count >= 8)
        #expect(all.filter { $0.language == .swift }.count >= 6)
        #expect(RuleRegistry.rule("E722")?.description.id == "bare-except")
    }

    @Test func suppressionCommentsSilenceOneRuleOrAllOnTheirLine() {
        let source = Array("""
        try:
            pass
        except:  # prognosis: ignore[bare-except]
            pass
        try:
            pass
        except:  # prognosis: ignore[E722]
            x == None  # prognosis: ignore
        try:
            pass
        except:  # prognosis: ignore[none-comparison]
            pass

        """.utf8)
        let result = FixEngine().analyze(path: "s.py", bytes: source)
        #expect(result.findings.map(\.line) == [11])
        #expect(result.suppressed == 3)
        let swift = Array("func f() throws {\n    let a = try! g() // prognosis:ignore force-try\n    let b = try! g()\n}\n".utf8)
        #expect(FixEngine().analyze(path: "S.swift", bytes: swift).findings.map(\.line) == [3])
    }

    @Test func editsThatWouldNotParseAreDroppedAndCounted() throws {
        // Overlapping edits are refused outright.
        #expect(throws: FixesError.self) {
            try SourceEdit.apply([SourceEdit(start: 0, end: 3, replacement: "a"), SourceEdit(start: 2, end: 4, replacement: "b")],
                                 to: Array("abcdef".utf8))
        }
        #expect(FixEngine.reparseFailure(language: .python, path: "x.py", bytes: Array("x = 1\n".utf8),
                                         edits: [.insert("(", at: 4)]) != nil)
    }

    @Test func findingsKnowTheirFunctionAndHaveStableIds() {
        let one = FixEngine().analyze(path: "m.py", bytes: Array("def f(a=[]):\n    return a\n".utf8)).findings
        let two = FixEngine().analyze(path: "m.py", bytes: Array("import os\n\n\ndef f(a=[]):\n    return a\n".utf8)).findings
        #expect(one.first?.function == "f" && one.first?.functionLine == 1)
        #expect(one.map(\.id) == two.map(\.id))
    }
}
