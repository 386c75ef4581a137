import ArgumentParser
import Foundation
import Reporting
import Store

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The story of a file or function, or the bug-introducing commits SZZ found.",
        discussion: """
            prognosis history FILE            every commit that changed FILE (through its renames)
            prognosis history FILE:FUNCTION   every commit that changed FUNCTION (its qualified name, e.g. Class.method)
            prognosis history --bug-introducing [--json]   each fix with the commits that introduced the lines it changed
            prognosis history --functions [--top N] [--json]   every function's record, most changed first
            Commits are labelled fix, not-fix, harmless (a fix of typos, docs, tests, …) or bot.
            """)

    @OptionGroup var repository: RepositoryOption

    @Argument(help: "FILE or FILE:FUNCTION (omit with --bug-introducing).")
    var target: String?

    @Flag(name: .customLong("bug-introducing"), help: "List SZZ's links from fixes to the commits that introduced the lines they changed.")
    var bugIntroducing = false

    @Flag(help: "List every function's record: changes, lines added and deleted, authors, first and last change, fixes.")
    var functions = false

    @Option(help: "With --functions: only the N most changed functions.")
    var top: Int?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if [bugIntroducing, functions, target != nil].filter({ $0 }).count != 1 {
            throw ValidationError("give one of FILE[:FUNCTION], --bug-introducing or --functions")
        }
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        if top != nil && !functions { throw ValidationError("--top goes with --functions") }
    }

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let store = try repository.openStore(repo)
            var out = BufferedOutput()
            if functions {
                var stats = try store.functionStats().sorted {
                    ($0.changes, $0.added + $0.deleted, $1.path, $1.function) > ($1.changes, $1.added + $1.deleted, $0.path, $0.function)
                }
                if let top { stats = Array(stats.prefix(top)) }
                if json {
                    out.writeRaw(JSONText.rawBytesEscaped(Array(try Self.encoder.encode(stats))) + [0x0A])
                } else {
                    out.write("changes  +added  -deleted  authors  fixes  first       last        function\n")
                    for stat in stats {
                        out.write(Self.pad(stat.changes, 7) + "  " + Self.pad(stat.added, 6) + "  " + Self.pad(stat.deleted, 8) + "  "
                                  + Self.pad(stat.authors, 7) + "  " + Self.pad(stat.fixes, 5) + "  " + Self.day(stat.firstChange)
                                  + "  " + Self.day(stat.lastChange) + "  " + stat.path + ":" + stat.function + "\n")
                    }
                }
            } else if bugIntroducing {
                let links = try store.bugIntroductions()
                if json {
                    out.writeRaw(JSONText.rawBytesEscaped(Array(try Self.encoder.encode(links))) + [0x0A])
                } else {
                    for link in links {
                        out.write("\(link.fix.prefix(12)) fixes lines of \(link.introducing.prefix(12)) in \(link.path): "
                                  + link.lines.map(String.init).joined(separator: ",") + "\n")
                    }
                    out.write("\(Set(links.map(\.fix)).count) fix(es), \(Set(links.map(\.introducing)).count) bug-introducing commit(s), \(links.reduce(0) { $0 + $1.lines.count }) line(s)\n")
                }
            } else if let target {
                var path = target
                var function: String?
                if let colon = target.lastIndex(of: ":"), !target[target.index(after: colon)...].isEmpty {
                    path = String(target[..<colon])
                    function = String(target[target.index(after: colon)...])
                }
                let relative = repository.relativePath(path, in: repo)
                let events = try store.history(path: relative, function: function)
                guard !events.isEmpty else { throw HistoryCommandError.nothingStored(relative, function: function) }
                if json {
                    out.writeRaw(JSONText.rawBytesEscaped(Array(try Self.encoder.encode(events))) + [0x0A])
                } else {
                    for event in events {
                        let counts = "+\(event.added.map(String.init) ?? "-") -\(event.deleted.map(String.init) ?? "-")"
                        out.write("\(event.commit.prefix(12)) \(Self.day(event.time)) \(event.verdict.padding(toLength: 8, withPad: " ", startingAt: 0)) \(counts.padding(toLength: 10, withPad: " ", startingAt: 0)) \(event.author): \(event.summary)\n")
                        if !event.fixedBy.isEmpty {
                            out.write("             introduced lines later fixed by " + event.fixedBy.map { String($0.prefix(12)) }.joined(separator: ", ") + "\n")
                        }
                    }
                    let authors = Set(events.map(\.author)).count
                    let fixes = events.filter { $0.verdict == "fix" }.count
                    let added = events.reduce(0) { $0 + ($1.added ?? 0) }, deleted = events.reduce(0) { $0 + ($1.deleted ?? 0) }
                    let buggy = events.filter { !$0.fixedBy.isEmpty }.count
                    var summary = "\(events.count) change(s), +\(added) -\(deleted) lines, \(authors) author(s), \(fixes) fix(es), \(buggy) bug-introducing"
                    if let first = events.first, let last = events.last {
                        summary += ", first \(Self.day(first.time)), last \(Self.day(last.time))"
                    }
                    out.write(summary + "\n")
                }
            }
            out.flush()
        }
    }

    static func day(_ time: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(time)).formatted(.iso8601.year().month().day())
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}

enum HistoryCommandError: Error, LocalizedError {
    case nothingStored(String, function: String?)

    var errorDescription: String? {
        switch self {
        case .nothingStored(let path, let function?):
            return "no stored change to \(function) in \(path): functions are named as `history --functions` lists them (Class.method, Type.method(label:)); run 'prognosis scan' if the history is new"
        case .nothingStored(let path, nil):
            return "no stored change to \(path): is it a path of this repository's history (relative to the current folder)? run 'prognosis scan' if the history is new"
        }
    }
}
