import Analysis
import ArgumentParser
import Configuration
import Foundation

struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise the stored history: commits, authors, most-changed files.")

    @OptionGroup var repository: RepositoryOption

    @Option(help: "How many authors and files to list.")
    var top = 10

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let store = try repository.openStore(repo)
            let info = try store.info()
            say("Repository: \(repo.workDirectory ?? repo.gitDirectory)")
            say("Commits: \(info.commitCount)   Authors: \(info.authorCount)   File changes: \(info.fileChangeCount)")
            say("")
            say("Most active authors:")
            for author in try store.topAuthors(limit: top) {
                say("  \(String(author.commits).leftPad(6))  \(author.name) <\(author.email)>")
            }
            say("")
            say("Most-changed files (commits, +added/-deleted):")
            // What counts as code is decided by the one rule every command uses (CodeRule): as
            // of HEAD, vendored and generated files are left out of the ranking.
            let configuration = try ProjectConfiguration.load(repositoryPath: repository.path)
            let filter = try repo.headCommit().map { try CodeFilter(configuration: configuration, repository: repo, commit: $0) }
            var skipped = SkippedFiles()
            var shown = 0
            for file in try store.mostChangedFiles(limit: max(top * 20, 500)) where shown < top {
                let verdict = filter?.verdictReadingHeader(file.path) ?? CodeRule(configuration: configuration).verdict(path: file.path)
                guard verdict == .included else {
                    skipped.count(verdict)
                    continue
                }
                say("  \(String(file.commits).leftPad(6))  +\(file.added)/-\(file.deleted)  \(file.path)")
                shown += 1
            }
            let left = skipped.excluded + skipped.vendored + skipped.generated
            if left > 0 {
                say("  (left out above: \(skipped.excluded) excluded, \(skipped.vendored) vendored, \(skipped.generated) generated)")
            }
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
