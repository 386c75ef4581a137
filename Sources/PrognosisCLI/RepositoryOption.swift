import ArgumentParser
import Foundation
import GitKit
import Store
import Support

/// `--repo`, shared by every subcommand that reads a repository.
struct RepositoryOption: ParsableArguments {
    @Option(name: .long, help: "A folder inside the repository (default: the current folder).")
    var repo: String = "."

    /// Absolute, so an error names the folder the user meant, not ".".
    var path: String { URL(fileURLWithPath: repo).standardizedFileURL.path }

    func open() throws -> Repository { try Repository(discovering: path) }

    func openStore(_ repository: Repository) throws -> Store {
        // Readers never write: they work on a store the user cannot write.
        try Store(readingAt: StoreLocation(gitCommonDirectory: repository.commonDirectory))
    }
}

extension RepositoryOption {
    /// A path given on the command line (relative to the current folder) as a path inside the
    /// repository, which is how history names files.
    func relativePath(_ argument: String, in repository: Repository) -> String {
        let path = exactArgument(argument)
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
    // Names as their exact bytes: a list from `git ls-files -z | tr` may hold names that are not UTF-8.
    return data.split(separator: 0x0A).map { line in PathBytes.string(line.last == 0x0D ? line.dropLast() : line) }
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

/// A path argument as its exact bytes. Swift decodes `argv` as UTF-8 with repairs, so a file
/// name that is not UTF-8 arrives with U+FFFD in place of its bytes; the raw `argv` entry that
/// repairs to the same text is the name the user typed.
func exactArgument(_ argument: String) -> String {
    guard argument.unicodeScalars.contains("\u{FFFD}") else { return argument }
    for index in 0..<Int(CommandLine.argc) {
        guard let raw = CommandLine.unsafeArgv[index], String(cString: raw) == argument else { continue }
        return PathBytes.string(cString: raw)
    }
    return argument
}
