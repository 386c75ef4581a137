import CodeModel
import Fixes
import Foundation
import Support
import Testing
import TestSupport

/// ruff is the oracle of every rule it shares with us: over the CPython standard library our
/// findings and `ruff check --select CODE` must agree at the same line and column, both ways,
/// for at least 99% of findings per rule. PLW1514 is compared for `open` only, our rule's scope
/// (ruff also checks `tempfile`, `io.TextIOWrapper` and others).
struct RuffOracleTests {
    static func ruff() -> String? {
        let path = Corpora.packageRoot + "/.venv/bin/ruff"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static let standardLibrary = Corpora.cpythonStandardLibrary()

    @Test(.enabled(if: standardLibrary != nil, "skipped: python3 or its standard library is absent on this machine"),
          .enabled(if: ruff() != nil, "skipped: ruff is not in .venv (`make venv` installs it)"))
    func findingsAgreeWithRuffOverTheStandardLibrary() throws {
        let stdlib = try #require(Self.standardLibrary)
        let ruff = try #require(Self.ruff())
        let files = stdlib.files
        let engine = FixEngine(rules: RuleRegistry.all.filter { $0.description.ruffCode != nil })
        let results = WorkerPool.map(count: files.count, workers: ProcessInfo.processInfo.activeProcessorCount) {
            { index in engine.analyze(path: files[index], bytes: [UInt8](FileManager.default.contents(atPath: files[index]) ?? Data())) }
        }
        let skipped = Set(results.filter { $0.skipped != nil }.map(\.path))
        #expect(skipped.count < 20, "\(skipped.sorted())")
        #expect(results.allSatisfy { $0.rejectedEdits.isEmpty }, "every edit re-parses")
        // CPython itself compiles every edited file (each file with all its edits applied).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prognosis-stdlib-fixed-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var edited = 0
        for (number, result) in results.enumerated() where result.findings.contains(where: \.isFixable) {
            let bytes = [UInt8](FileManager.default.contents(atPath: result.path) ?? Data())
            let fixed = try SourceEdit.apply(result.findings.flatMap(\.edits), to: bytes)
            FileManager.default.createFile(atPath: folder.appendingPathComponent("f\(number).py").path, contents: Data(fixed))
            edited += 1
        }
        #expect(edited > 100)
        let compiled = try runStatus(stdlib.python, ["-c", """
            import ast, os, sys
            bad = []
            for name in os.listdir(sys.argv[1]):
                with open(os.path.join(sys.argv[1], name), "rb") as f:
                    try: compile(f.read(), name, "exec", dont_inherit=True)
                    except SyntaxError as e: bad.append(f"{name}: {e}")
            print("\\n".join(bad)); sys.exit(1 if bad else 0)
            """, folder.path])
        #expect(compiled.status == 0, "\(compiled.stdout)")

        let codes = Dictionary(uniqueKeysWithValues: RuleRegistry.all.compactMap { rule in rule.description.ruffCode.map { (rule.description.id, $0) } })
        struct Place: Hashable { var path: String; var line: Int; var column: Int }
        var ours: [String: Set<Place>] = [:]
        for finding in results.flatMap(\.findings) {
            ours[codes[finding.ruleID]!, default: []].insert(Place(path: finding.path, line: finding.line, column: finding.column))
        }
        let root = URL(fileURLWithPath: files[0]).deletingLastPathComponent().path
        let output = try runStatus(ruff, ["check", "--no-cache", "--preview", "--no-respect-gitignore", "--exclude", "site-packages",
                                          "--select", codes.values.sorted().joined(separator: ","), "--output-format", "json", root])
        let reported = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]], "\(output.stderr)")
        var theirs: [String: Set<Place>] = [:]
        for item in reported {
            guard let code = item["code"] as? String, codes.values.contains(code), let path = item["filename"] as? String,
                  !skipped.contains(path), let location = item["location"] as? [String: Any],
                  let line = location["row"] as? Int, let column = location["column"] as? Int else { continue }
            if code == "PLW1514", (item["message"] as? String)?.hasPrefix("`open`") != true { continue }
            theirs[code, default: []].insert(Place(path: path, line: line, column: column))
        }
        for code in Set(codes.values).sorted() {
            let a = ours[code] ?? [], b = theirs[code] ?? []
            let agreement = Double(a.intersection(b).count) / Double(max(1, a.union(b).count))
            #expect(agreement >= 0.99, "\(code): \(a.count) ours, \(b.count) ruff's; only ours \(a.subtracting(b).prefix(3)), only ruff's \(b.subtracting(a).prefix(3))")
            #expect(!b.isEmpty || code == "E711" || code == "E712", "\(code): ruff found nothing to compare")
        }
    }

    /// Every safe edit over the Swift sources of the mirrored packages re-parses.
    static let swiftSources = Corpora.swiftPackageSources(["apple/swift-nio", "vapor/vapor"])

    @Test(.enabled(if: swiftSources != nil, "skipped: the mirrored Swift packages (swift-nio, vapor) are absent on this machine"))
    func swiftEditsOverTheMirroredPackagesReparse() throws {
        let files = try #require(Self.swiftSources)
        let engine = FixEngine(rules: RuleRegistry.all.filter { $0.description.language == .swift })
        let results = WorkerPool.map(count: files.count, workers: ProcessInfo.processInfo.activeProcessorCount) {
            { index in engine.analyze(path: files[index], bytes: [UInt8](FileManager.default.contents(atPath: files[index]) ?? Data())) }
        }
        let edits = results.flatMap(\.findings).filter(\.isFixable)
        #expect(edits.count > 20)
        #expect(results.flatMap(\.rejectedEdits).isEmpty, "\(results.flatMap(\.rejectedEdits).prefix(3).map { "\($0.path):\($0.line)" })")
        // Each file with edits, all of them applied together, still parses.
        for result in results where result.findings.contains(where: \.isFixable) {
            let bytes = [UInt8](FileManager.default.contents(atPath: result.path) ?? Data())
            #expect(FixEngine.reparseFailure(language: .swift, path: result.path, bytes: bytes,
                                             edits: result.findings.flatMap(\.edits)) == nil, "\(result.path)")
        }
    }
}
