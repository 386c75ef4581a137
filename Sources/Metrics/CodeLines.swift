import Foundation
import CodeModel

/// Which lines hold code: not blank, and not only a comment. Docstrings count as code.
public struct CodeLines: Sendable {
    /// Prefix sums: `counts[n]` is the number of code lines among lines 1...n.
    private let counts: [Int32]

    public init(source: [UInt8], comments: [Comment]) {
        var lineStarts: [Int] = [0]
        lineStarts.reserveCapacity(source.count / 32 + 1)
        source.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let newline = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(newline)) + 1
                lineStarts.append(offset)
            }
        }
        // Comment byte ranges in order; a line has code if some byte outside them is not blank.
        var ranges = comments.map { comment in
            (start: Self.offset(comment.span.start, lineStarts), end: min(Self.offset(comment.span.end, lineStarts), source.count))
        }
        if !ranges.indices.dropFirst().allSatisfy({ ranges[$0 - 1].start <= ranges[$0].start }) {
            ranges.sort { $0.start < $1.start }
        }
        var counts = [Int32](repeating: 0, count: lineStarts.count + 1)
        var next = 0
        for line in 0..<lineStarts.count {
            let start = lineStarts[line]
            let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : source.count
            var hasCode = false
            var offset = start
            while offset < end {
                while next < ranges.count && ranges[next].end <= offset { next += 1 }
                if next < ranges.count && ranges[next].start <= offset {
                    offset = ranges[next].end
                    continue
                }
                let byte = source[offset]
                if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C {
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
