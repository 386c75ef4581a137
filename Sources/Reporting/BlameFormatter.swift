import Foundation
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

    /// Renders `content` (the file at the blamed revision) beside each line's origin, as read
    /// from the store by `Store.resolvedOrigins`; nil origins: the file has none stored.
    public func render(path: String, origins: [ResolvedOrigin]?, content: [UInt8], write: (String) -> Void) throws {
        guard let lines = origins else { throw Failure.notTracked(path) }
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
