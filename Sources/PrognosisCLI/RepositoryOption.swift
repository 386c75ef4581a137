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

extension RepositoryOption {
    /// A path given on the command line (relative to the current folder) as a path inside the
    /// repository, which is how history names files.
    func relativePath(_ path: String, in repository: Repository) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        guard let root = repository.workDirectory.map({ URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path })
        else { return path }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : path
    }
}

/// Paths listed one per line in a file, or on standard input for `-`; blank lines are skipped.
func readPathList(_ source: String?) throws -> [String] {
    guard let source else { return [] }
    let data: Data
    if source == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
        guard let contents = FileManager.default.contents(atPath: source) else {
            throw PathListError.unreadable(source)
        }
        data = contents
    }
    return String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        .filter { !$0.isEmpty }
}

enum PathListError: Error, LocalizedError {
    case unreadable(String)

    var errorDescription: String? {
        switch self {
        case .unreadable(let path): return "cannot read the path list \(path) (--files-from)"
        }
    }
}
