import CodeModel
import ArgumentParser
import Configuration
import Fixes
import FixBranches
import Foundation
import Support

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Run the fix rules over files on disk and list the findings (no ranking, no branches).",
        discussion: "Every edit is re-parsed; edits that would not parse are reported and dropped. Exit codes: 0 no findings, 1 findings, 64 unknown rule.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Files or directories.") var paths: [String] = []
    @Option(name: .customLong("rule"), help: "Only this rule (id or ruff code); repeatable.") var rules: [String] = []
    @Option(help: "text or json.") var format: Format = .text
    @Option(name: .shortAndLong, help: "Parallel workers.") var jobs = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one file or directory") }
    }

    func run() throws {
        var total = 0
        try reportingErrors {
            var selection = FixSelection()
            selection.rules = rules
            let engine = FixEngine(rules: try selection.enabledRules(ProjectConfiguration()))
            var files: [String] = []
            for path in paths.map(exactArgument) {
                let kind = FileKind.of(path)
                if kind == .missing { throw ValidationError("no such file or folder: \(path)") }
                if kind == .directory {
                    files += try DirectoryWalk.files(under: path) { name, _ in name.hasPrefix(".") || name == "site-packages" }
                        .filter { Language(path: $0) != nil }.sorted().map { path + "/" + $0 }
                } else {
                    files.append(path)
                }
            }
            let list = files
            let results = WorkerPool.map(count: list.count, workers: jobs) {
                { index in
                    guard let data = FileManager.default.contents(atPath: list[index]) else {
                        return FixEngine.FileResult(path: list[index], skipped: "unreadable")
                    }
                    return engine.analyze(path: list[index], bytes: [UInt8](data))
                }
            }
            total = results.reduce(0) { $0 + $1.findings.count }
            if format == .json {
                let object: [String: Any] = [
                    "schemaVersion": 1, "files": list.count,
                    "findings": results.flatMap(\.findings).map(FixPlanFormatter.findingObject),
                    "rejectedEdits": results.flatMap(\.rejectedEdits).map(FixPlanFormatter.findingObject),
                    "edits": results.flatMap(\.findings).filter(\.isFixable).count,
                    "skipped": results.compactMap { r in r.skipped.map { ["path": r.path, "reason": $0] } },
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                for finding in results.flatMap(\.findings) {
                    say("\(finding.path):\(finding.line):\(finding.column): \(finding.ruleID): \(finding.message)\(finding.isFixable ? " [fixable]" : "")")
                }
                say("\(total) findings in \(list.count) files")
            }
        }
        if total > 0 { throw ExitCode(1) }
    }
}
