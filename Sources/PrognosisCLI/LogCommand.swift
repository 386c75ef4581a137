import ArgumentParser
import Foundation
import Reporting
import Store

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print stored history in the layout of `git log --numstat --format=%H`, newest first.")

    @OptionGroup var repository: RepositoryOption

    @Option(help: "Show the history reachable from this revision.")
    var rev = "HEAD"

    @Flag(help: "Per-file added and deleted lines, as --numstat.")
    var numstat = false

    @Flag(name: .customLong("no-renames"), help: "Show renames as a deletion and an addition, as git's --no-renames.")
    var noRenames = false

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let tip = try repo.resolveCommit(rev)
            let store = try repository.openStore(repo)
            var out = BufferedOutput(escaping: false)  // git log's layout: paths are quoted as git quotes them
            let formatter = GitLogFormatter(numstat: numstat, renames: !noRenames)
            try formatter.render(from: tip, graph: try store.commitGraph(), changes: numstat ? try store.allChanges() : [:],
                                 renames: numstat && !noRenames ? try store.allRenames() : [:]) { out.write($0) }
            out.flush()
        }
    }
}
