import Analysis
import ArgumentParser
import CodeModel
import Configuration
import Foundation
import GitKit
import Metrics
import Reporting

struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Measure the complexity, size and dependencies of Python and Swift code.",
        discussion: """
            Per function: cognitive complexity (COG), cyclomatic complexity (CC), deepest nesting \
            (NEST), code lines, parameters and exit points; per file: totals and maxima; per module: \
            fan-in, fan-out, instability and import cycles. Grammars/metrics.md defines every rule.

            Without --rev the work tree is read (PATHs default to the current folder). With --rev \
            the files of that revision are read from git's object database, never checked out, \
            and PATHs are folders or files relative to the repository root.

            .prognosis.yml at the repository root (or in the revision) sets include, exclude, \
            vendored and generated path patterns. A '# prognosis: ignore' or '// prognosis: ignore' \
            comment on a function's line or the line above leaves it out; 'prognosis: ignore-file' \
            leaves out a file.

            A file that cannot be read gets one line on stderr and exit code 1; files with syntax \
            errors are measured as far as they parse and named on stderr (exit 65 with --strict).
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @Argument(help: "Files or folders (default: the current folder, or the whole revision with --rev).")
    var paths: [String] = []

    @Option(name: .customLong("files-from"),
            help: "Also read paths from this file, one per line ('-': standard input). For thousands of paths this is faster than arguments, which the argument parser handles in quadratic time.")
    var filesFrom: String?

    @Option(help: "Measure this revision (a commit, branch or tag) instead of the work tree.")
    var rev: String?

    @Option(help: "The repository to read --rev from.")
    var repo = "."

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Option(help: "Rank functions by: \(MetricsReport.SortKey.allCases.map(\.rawValue).joined(separator: ", ")).")
    var sort: MetricsReport.SortKey = .cognitive

    @Option(help: "Show only the N highest-ranked functions (table default: 25; json and csv: all).")
    var top: Int?

    @Option(help: "Read every named file as this language, whatever its extension.")
    var language: Language?

    @Option(name: .shortAndLong, help: "Parallel workers.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Exit 65 when a file has a syntax error.")
    var strict = false

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var failed = false
        var syntaxErrors = false
        try reportingErrors {
            let paths = try self.paths.map(exactArgument) + readPathList(filesFrom)
            let inputs: [SourceInput]
            var skipped: SkippedFiles
            var revisionLabel: String?
            var repositoryPath: String?
            if let rev {
                let repository = try Repository(discovering: repo)
                let root = repository.workDirectory ?? repository.gitDirectory
                let fallback = try ProjectConfiguration.loadConfiguration(root: root)
                let listing = try SourceListing.revision(rev, repository: repository, prefixes: paths, fallback: fallback)
                inputs = listing.inputs
                skipped = listing.skipped
                revisionLabel = listing.commit.hex
                repositoryPath = repository.gitDirectory
            } else {
                let root = ProjectConfiguration.configurationRoot(from: FileManager.default.currentDirectoryPath)
                let configuration = try ProjectConfiguration.loadConfiguration(root: root)
                let listing = try SourceListing.workTree(paths.isEmpty ? ["."] : paths, root: root,
                                                         configuration: configuration, language: language)
                inputs = listing.inputs
                skipped = listing.skipped
            }
            let progress = Progress(total: inputs.count)
            let outcomes = MetricsRunner.run(inputs, repository: repositoryPath, workers: jobs)
            progress.finish()
            var files: [FileMetrics] = []
            var failures: [(path: String, message: String)] = []
            for outcome in outcomes {
                switch outcome {
                case .measured(let file):
                    files.append(file)
                    if !file.isValid, let first = file.diagnostics.first {
                        syntaxErrors = true
                        printError("prognosis: \(file.path):\(first.location.line):\(first.location.column): syntax error: \(first.message) (measured as far as it parses)")
                    }
                case .failed(let path, let message):
                    failures.append((path, message))
                    printError("prognosis: error: \(message.hasPrefix(path) ? message : "\(path): \(message)")")
                    failed = true
                case .skipped(_, let verdict):
                    skipped.count(verdict)
                }
            }
            let graph = DependencyGraph(files: files.map {
                DependencyGraph.FileImports(path: $0.path, language: $0.language, imports: $0.imports)
            })
            let report = MetricsReport(files: files, failures: failures, graph: graph, revision: revisionLabel,
                                       excluded: skipped.excluded, vendored: skipped.vendored, generated: skipped.generated)
            switch format {
            case .table:
                say(MetricsFormatter.table(report, sort: sort, top: top ?? 25))
            case .json:
                FileHandle.standardOutput.write(Data(MetricsFormatter.json(report, sort: sort, top: top)))
            case .csv:
                FileHandle.standardOutput.write(Data(MetricsFormatter.csv(report, sort: sort, top: top).utf8))
            }
            // Freeing a repository's worth of measurements object by object takes longer than
            // writing them out; the process ends here instead (exit flushes standard output).
            Foundation.exit(status(failed: failed, syntaxErrors: syntaxErrors).rawValue)
        }
    }

    func status(failed: Bool, syntaxErrors: Bool) -> ExitStatus {
        if failed { return .failure }
        if strict && syntaxErrors { return .syntaxErrors }
        return .success
    }
}

extension MetricsReport.SortKey: ExpressibleByArgument {}

/// A one-line note on stderr for long runs, so a user at a terminal knows work is under way.
struct Progress {
    let started = Date()
    let shown: Bool

    init(total: Int) {
        shown = total > 2_000 && isatty(STDERR_FILENO) == 1
        if shown { printError("prognosis: measuring \(total) files…") }
    }

    func finish() {
        if shown { printError(String(format: "prognosis: measured in %.1f s", Date().timeIntervalSince(started))) }
    }
}
