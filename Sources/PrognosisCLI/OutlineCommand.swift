import Analysis
import ArgumentParser
import CodeModel
import Configuration
import Foundation
import Reporting

struct Outline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the classes, functions, imports and syntax errors of source files.",
        discussion: """
            Directories are searched for .py and .pyi files (.swift once the Swift frontend \
            lands). Syntax errors are reported \
            per file and do not stop the outline: every definition that can be recovered is listed. \
            Exits 0 when every file was read, 1 when a file could not be read, 65 with --strict \
            when a file has a syntax error.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Files or directories.")
    var paths: [String] = []

    @Option(name: .customLong("files-from"),
            help: "Also read paths from this file, one per line ('-': standard input); faster than thousands of arguments.")
    var filesFrom: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Read every file as this language (python), whatever its extension.")
    var language: Language?

    @Option(name: .shortAndLong, help: "Parallel workers.")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Exit 65 when any file has a syntax error.")
    var strict = false

    func validate() throws {
        if paths.isEmpty && filesFrom == nil { throw ValidationError("name at least one file or directory, or --files-from") }
    }

    func run() throws {
        var units: [SourceUnit] = []
        var unreadable = false
        try reportingErrors {
            // The same listing as `metrics`: `.prognosis.yml`'s exclusions and the vendored and
            // generated rules apply to folders walked; a file named explicitly is always read.
            let root = ProjectConfiguration.configurationRoot(from: FileManager.default.currentDirectoryPath)
            let configuration = try ProjectConfiguration.loadConfiguration(root: root)
            let listing = try SourceListing.workTree(try paths.map(exactArgument) + readPathList(filesFrom), root: root,
                                                     configuration: configuration, language: language)
            let files = listing.inputs.map { input -> String in
                if case .file(let path) = input.origin { return path }
                return input.path
            }
            for outcome in ParallelParser.parse(files, workers: jobs, language: language) {
                switch outcome {
                case .parsed(let unit):
                    units.append(unit)
                case .failed(_, let message):
                    printError("prognosis: error: \(message)")
                    unreadable = true
                }
            }
            switch format {
            case .json:
                FileHandle.standardOutput.write(Data(OutlineFormatter.jsonBytes(units)))
            case .text:
                say(units.map(OutlineFormatter.text).joined(separator: "\n\n"))
            }
        }
        if unreadable { throw ExitCode(ExitStatus.failure.rawValue) }
        if strict && units.contains(where: { !$0.isValid }) { throw ExitCode(ExitStatus.syntaxErrors.rawValue) }
    }
}

extension Language: ExpressibleByArgument {}
