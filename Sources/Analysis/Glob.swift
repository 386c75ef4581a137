import Foundation

/// Path patterns as `.gitignore` writes them: `*` and `?` within one path segment, `**` for any
/// number of segments, and a pattern without a `/` matches a file or folder name at any depth.
/// A pattern naming a folder matches everything below it.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [String]
    private let anchored: Bool

    public init(_ pattern: String) {
        var trimmed = pattern
        if trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        self.pattern = pattern
        anchored = trimmed.dropLast().contains("/")
        if trimmed.hasPrefix("/") { trimmed.removeFirst() }
        if trimmed.hasSuffix("/") { trimmed.removeLast() }
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// `path` is relative to the repository root, with `/` separators.
    public func matches(_ path: String) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        if anchored { return Self.match(segments[...], parts[...]) }
        // Unanchored: the pattern may start at any folder.
        for start in parts.indices where Self.match(segments[...], parts[start...]) { return true }
        return false
    }

    /// True when the pattern consumes a prefix of `path` (so a folder matches its contents).
    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return true }
        if head == "**" {
            let rest = pattern.dropFirst()
            var index = path.startIndex
            while true {
                if match(rest, path[index...]) { return true }
                if index == path.endIndex { return false }
                index += 1
            }
        }
        guard let name = path.first, fnmatch(head, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
