import CodeModel

/// Which lines hold code: not blank, and not only a comment. Docstrings count as code.
public struct CodeLines: Sendable {
    /// Prefix sums: `counts[n]` is the number of code lines among lines 1...n.
    private let counts: [Int32]

    public init(source: [UInt8], comments: [Comment]) {
        var lineStarts: [Int] = [0]
        for (offset, byte) in source.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
        var inComment = [Bool](repeating: false, count: source.count)
        for comment in comments {
            let start = Self.offset(comment.span.start, lineStarts)
            let end = min(Self.offset(comment.span.end, lineStarts), source.count)
            if start < end { for offset in start..<end { inComment[offset] = true } }
        }
        var counts = [Int32](repeating: 0, count: lineStarts.count + 1)
        for line in 0..<lineStarts.count {
            let start = lineStarts[line]
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : source.count
            var hasCode = false
            var offset = start
            while offset < end {
                let byte = source[offset]
                if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && !inComment[offset] {
                    hasCode = true
                    break
                }
                offset += 1
            }
            counts[line + 1] = counts[line] + (hasCode ? 1 : 0)
        }
        self.counts = counts
    }

    static func offset(_ location: SourceLocation, _ lineStarts: [Int]) -> Int {
        let line = min(max(location.line, 1), lineStarts.count)
        return lineStarts[line - 1] + location.column - 1
    }

    /// Code lines among `first...last` (1-based, inclusive).
    public func count(from first: Int, through last: Int) -> Int {
        let upper = min(max(last, 0), counts.count - 1)
        let lower = min(max(first - 1, 0), upper)
        return Int(counts[upper] - counts[lower])
    }

    public var total: Int { Int(counts.last ?? 0) }
}
