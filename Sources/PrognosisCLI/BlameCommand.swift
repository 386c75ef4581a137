import ArgumentParser
import Foundation
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
            var out = BufferedOutput()
            try BlameFormatter().render(path: repository.relativePath(path, in: repo), at: revision, store: store,
                                        repository: repo) { out.write($0) }
            out.flush()
        }
    }
}
