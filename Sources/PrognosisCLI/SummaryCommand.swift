import ArgumentParser
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
            for file in try store.mostChangedFiles(limit: top) {
                say("  \(String(file.commits).leftPad(6))  +\(file.added)/-\(file.deleted)  \(file.path)")
            }
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
