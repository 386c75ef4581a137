import Foundation

/// Path patterns as `.gitignore` writes them: `*` and `?` within one path segment, `**` for any
/// number of segments, and a pattern without a `/` matches a file or folder name at any depth.
/// A pattern naming a folder matches everything below it.
public struct Glob: Sendable, Hashable {
    public let pattern: String
    private let segments: [Segment]
    private let anchored: Bool

    /// Most patterns are a literal name or `*.ext`: those are compared directly, and only the
    /// rest go through `fnmatch` (listing a large repository checks every path against every
    /// default pattern).
    private enum Segment: Sendable, Hashable {
        case anything, doubleStar
        case literal(String)
        case suffix(String)
        case prefix(String)
        case wildcard(String)

        init(_ text: String) {
            let special: (Character) -> Bool = { $0 == "*" || $0 == "?" || $0 == "[" || $0 == "\\" }
            if text == "**" {
                self = .doubleStar
            } else if text == "*" {
                self = .anything
            } else if !text.contains(where: special) {
                self = .literal(text)
            } else if text.hasPrefix("*"), !text.dropFirst().contains(where: special) {
                self = .suffix(String(text.dropFirst()))
            } else if text.hasSuffix("*"), !text.dropLast().contains(where: special) {
                self = .prefix(String(text.dropLast()))
            } else {
                self = .wildcard(text)
            }
        }

        func matches(_ name: Substring) -> Bool {
            switch self {
            case .anything, .doubleStar: return true
            case .literal(let text): return name == text
            case .suffix(let text): return name.hasSuffix(text)
            case .prefix(let text): return name.hasPrefix(text)
            case .wildcard(let text): return fnmatch(text, String(name), 0) == 0
            }
        }
    }

    public init(_ pattern: String) {
        var trimmed = pattern
        if trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        self.pattern = pattern
        anchored = trimmed.dropLast().contains("/")
        if trimmed.hasPrefix("/") { trimmed.removeFirst() }
        if trimmed.hasSuffix("/") { trimmed.removeLast() }
        segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map { Segment(String($0)) }
    }

    /// `path` is relative to the repository root, with `/` separators.
    public func matches(_ path: String) -> Bool {
        matches(components: Self.components(path))
    }

    /// A path split once for many patterns.
    public static func components(_ path: String) -> [Substring] { path.split(separator: "/") }

    public func matches(components parts: [Substring]) -> Bool {
        if anchored { return Self.match(segments, 0, parts, 0) }
        // Unanchored: the pattern may start at any folder.
        for start in parts.indices where Self.match(segments, 0, parts, start) { return true }
        return false
    }

    /// True when the pattern from `p` consumes a prefix of `path` from `i` (so a folder matches
    /// its contents).
    private static func match(_ pattern: [Segment], _ p: Int, _ path: [Substring], _ i: Int) -> Bool {
        guard p < pattern.count else { return true }
        if case .doubleStar = pattern[p] {
            var index = i
            while true {
                if match(pattern, p + 1, path, index) { return true }
                if index == path.count { return false }
                index += 1
            }
        }
        guard i < path.count, pattern[p].matches(path[i]) else { return false }
        return match(pattern, p + 1, path, i + 1)
    }
}
