import ArgumentParser
import Foundation
import GitKit
import Store

/// `--repo`, shared by every subcommand that reads a repository.
struct RepositoryOption: ParsableArguments {
    @Option(name: .long, help: "A folder inside the repository (default: the current folder).")
    var repo: String = "."

    /// Absolute, so an error names the folder the user meant, not ".".
    var path: String { URL(fileURLWithPath: repo).standardizedFileURL.path }

    func open() throws -> Repository { try Repository(discovering: path) }

    func openStore(_ repository: Repository) throws -> Store {
        try Store(location: StoreLocation(gitCommonDirectory: repository.commonDirectory), create: false)
    }
}
