import ArgumentParser
import Foundation
import GitKit
import Reporting

struct Blame: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print each line of a file with the commit that introduced it, in the layout of `git blame -s -l`.",
        discussion: "Served from the line origins `scan` stores (whitespace-blind and merge-aware, as `git blame -w`): no history is walked.")

    @OptionGroup var repository: RepositoryOption

    @Argument(help: "A Swift or Python file, relative to the current folder.")
    var path: String

    @Option(help: "The revision to blame at (it must have been scanned).")
    var rev = "HEAD"

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let revision = try repo.resolveCommit(rev)
            let store = try repository.openStore(repo)
            let file = repository.relativePath(path, in: repo)
            let content = try repo.commit(revision).tree().entry(atPath: file).map { try repo.blob($0.oid).bytes } ?? []
            // The layout and bytes of `git blame -s -l` when piped; on a terminal, control
            // characters in the file's lines are shown escaped.
            var out = BufferedOutput(escaping: isatty(STDOUT_FILENO) == 1)
            try BlameFormatter().render(path: file, origins: try store.resolvedOrigins(ofPath: file, at: revision),
                                        content: content) { out.write($0) }
            out.flush()
        }
    }
}
