import Foundation
import GitKit
import History
import Store

/// `git blame -s -l` served from the stored line origins: `<id> <n>) <line>`, a root or shallow
/// boundary commit's id as `^` and its first 39 digits (as git marks the boundary), and, when
/// some line came from another path, that path after the id as git shows it.
public struct BlameFormatter {
    public init() {}

    public enum Failure: Error, LocalizedError {
        case notTracked(String)
        case mismatch(String, stored: Int, actual: Int)

        public var errorDescription: String? {
            switch self {
            case .notTracked(let path):
                return "\(path) has no stored line origins at that revision (only Swift and Python files are tracked; is it there, and was its content in the clone?)"
            case .mismatch(let path, let stored, let actual):
                return "the stored origins of \(path) have \(stored) lines but the file has \(actual): rescan after deleting the store"
            }
        }
    }

    /// The origins of each line of `path` at `revision` (resolved commit ids and paths).
    public func origins(path: String, at revision: OID, store: Store) throws -> [(commit: OID, path: String, boundary: Bool)] {
        guard let origins = try store.origins(ofPath: path, at: revision) else { throw Failure.notTracked(path) }
        let ids = Set(origins.map { Int64($0.commit) })
        let commits = try store.commitOIDs(ids)
        let boundaries = try store.boundaryCommits(ids)
        let paths = try store.pathNames()
        return origins.map { origin in
            let id = Int64(origin.commit)
            return (commits[id] ?? OID(bytes: [UInt8](repeating: 0, count: 20))!, paths[Int64(origin.path)] ?? path, boundaries.contains(id))
        }
    }

    public func render(path: String, at revision: OID, store: Store, repository: Repository,
                       write: (String) -> Void) throws {
        let lines = try origins(path: path, at: revision, store: store)
        let content = try repository.commit(revision).tree().entry(atPath: path).map { try repository.blob($0.oid).bytes } ?? []
        let texts = Self.lines(content)
        guard texts.count == lines.count else { throw Failure.mismatch(path, stored: lines.count, actual: texts.count) }
        let showName = lines.contains { $0.path != path }
        let nameWidth = lines.map { $0.path.count }.max() ?? 0
        let digits = String(lines.count).count
        for (index, line) in lines.enumerated() {
            var row = line.boundary ? "^" + String(line.commit.hex.prefix(39)) : line.commit.hex
            if showName { row += " " + line.path.padding(toLength: max(nameWidth, line.path.count), withPad: " ", startingAt: 0) }
            let number = String(index + 1)
            row += " " + String(repeating: " ", count: digits - number.count) + number + ") "
            write(row + texts[index] + "\n")
        }
    }

    /// Lines as git counts them, without their newline.
    static func lines(_ bytes: [UInt8]) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var result: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            result.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }
}
