/// Byte offsets of line starts (`\n`, `\r\n` and `\r` all end a line, as in CPython and
/// swift-syntax), to turn offsets into 1-based lines and UTF-8 columns. Shared by both
/// frontends: a binary search here is what swift-syntax's `SourceLocationConverter` does, without
/// its walk over every token to build the table.
public struct LineTable: Sendable {
    private var starts: [UInt32] = [0]

    /// `endAfterFinalNewline`: an offset at the very end of a file that ends with a newline is
    /// on the (empty) line after it, as swift-syntax places it; otherwise, as the Python
    /// frontend reports end-of-file errors, it is past the end of the last line.
    public init(_ p: UnsafeBufferPointer<UInt8>, length: Int, endAfterFinalNewline: Bool = false) {
        starts.reserveCapacity(length / 32 + 1)
        var i = 0
        var sawCarriageReturn = false
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i < length {
                // Eight bytes at a time while none of them is a CR or LF (most of any line).
                while i + 8 <= length {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if Self.hasByte(word, 0x0A) || Self.hasByte(word, 0x0D) { break }
                    i += 8
                }
                guard i < length else { break }
                let c = p[i]
                if c == 0x0A {
                    starts.append(UInt32(i + 1))
                } else if c == 0x0D {
                    sawCarriageReturn = true
                    if i + 1 < length && p[i + 1] == 0x0A { i += 1 }
                    starts.append(UInt32(i + 1))
                }
                i += 1
            }
        }
        self.length = length
        hasCarriageReturns = sawCarriageReturn
        // An offset at the very end after a final newline is on the line after it.
        let finalNewline = length > 0 && starts.last == UInt32(length)
        endsWithNewline = finalNewline && endAfterFinalNewline
        if finalNewline { starts.removeLast() }
    }

    /// Whether any byte of `word` equals `byte` (the classic zero-byte test on `word ^ byte…`).
    @inline(__always) static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    private let length: Int
    private let endsWithNewline: Bool
    /// Without a CR, lines end exactly at `\n`s, so `count` is also the file's `\n`-counted
    /// line total (which tools like `wc -l` and lizard use) and nobody has to count again.
    public let hasCarriageReturns: Bool

    /// Lines in the file, counting a last line without a newline.
    public var count: Int { length == 0 ? 0 : starts.count }

    /// `location` for callers that ask in mostly increasing order (a walk over a file): `hint`
    /// holds the last line found, checked (with the next one) before any search.
    public func location(_ offset: UInt32, hint: inout Int) -> SourceLocation {
        if endsWithNewline && offset >= UInt32(length) { return SourceLocation(line: starts.count + 1, column: 1) }
        var line = hint
        if line < starts.count && starts[line] <= offset {
            // A few lines forward, then a search.
            var steps = 0
            while line + 1 < starts.count && starts[line + 1] <= offset && steps < 8 {
                line += 1
                steps += 1
            }
            if line + 1 >= starts.count || offset < starts[line + 1] {
                hint = line
                return SourceLocation(line: line + 1, column: Int(offset - starts[line]) + 1)
            }
        }
        let found = location(offset)
        hint = max(0, min(found.line - 1, starts.count - 1))
        return found
    }

    public func location(_ offset: UInt32) -> SourceLocation {
        if endsWithNewline && offset >= UInt32(length) { return SourceLocation(line: starts.count + 1, column: 1) }
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) >> 1
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: Int(offset - starts[low]) + 1)
    }
}
