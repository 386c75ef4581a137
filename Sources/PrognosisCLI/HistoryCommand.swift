import ArgumentParser
import Foundation
import Store

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The story of a file or function, or the bug-introducing commits SZZ found.",
        discussion: """
            prognosis history FILE            every commit that changed FILE (through its renames)
            prognosis history FILE:FUNCTION   every commit that changed FUNCTION (its qualified name, e.g. Class.method)
            prognosis history --bug-introducing [--json]   each fix with the commits that introduced the lines it changed
            Commits are labelled fix, not-fix, harmless (a fix of typos, docs, tests, …) or bot.
            """)

    @OptionGroup var repository: RepositoryOption

    @Argument(help: "FILE or FILE:FUNCTION (omit with --bug-introducing).")
    var target: String?

    @Flag(name: .customLong("bug-introducing"), help: "List SZZ's links from fixes to the commits that introduced the lines they changed.")
    var bugIntroducing = false

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if bugIntroducing == (target != nil) {
            throw ValidationError("give either FILE[:FUNCTION] or --bug-introducing")
        }
    }

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let store = try repository.openStore(repo)
            var out = BufferedOutput()
            if bugIntroducing {
                let links = try store.bugIntroductions()
                if json {
                    out.write(String(decoding: try Self.encoder.encode(links), as: UTF8.self) + "\n")
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
                let events = try store.history(path: repository.relativePath(path, in: repo), function: function)
                if json {
                    out.write(String(decoding: try Self.encoder.encode(events), as: UTF8.self) + "\n")
                } else {
                    for event in events {
                        let date = Date(timeIntervalSince1970: TimeInterval(event.time)).formatted(.iso8601.year().month().day())
                        let counts = "+\(event.added.map(String.init) ?? "-") -\(event.deleted.map(String.init) ?? "-")"
                        out.write("\(event.commit.prefix(12)) \(date) \(event.verdict.padding(toLength: 8, withPad: " ", startingAt: 0)) \(counts.padding(toLength: 10, withPad: " ", startingAt: 0)) \(event.author): \(event.summary)\n")
                    }
                    let authors = Set(events.map(\.author)).count
                    let fixes = events.filter { $0.verdict == "fix" }.count
                    out.write("\(events.count) change(s), \(authors) author(s), \(fixes) fix(es)\n")
                }
            }
            out.flush()
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()
}
