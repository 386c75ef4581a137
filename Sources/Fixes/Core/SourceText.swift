/// Byte offsets to lines and character columns, and the small text questions rules ask of the
/// bytes around a node (its text, its line's indentation). Positions come from the parsers.
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Offsets where each line starts.
    let lineStarts: [Int]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                starts.append(index + 1)
            } else if bytes[index] == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        lineStarts = starts
    }

    /// 1-based line of an offset.
    public func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// 1-based column in characters (what ruff reports).
    public func column(of offset: Int) -> Int {
        let start = lineStarts[line(of: offset) - 1]
        var characters = 0
        for index in start..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { characters += 1 }
        return characters + 1
    }

    public func lineStart(of offset: Int) -> Int { lineStarts[line(of: offset) - 1] }

    public func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(end, bytes.count)], as: UTF8.self)
    }

    /// The whitespace before the first character of `offset`'s line.
    public func indentation(ofLineAt offset: Int) -> String {
        var index = lineStart(of: offset)
        var result = ""
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 {
            result.append(Character(UnicodeScalar(bytes[index])))
            index += 1
        }
        return result
    }

    /// True when only spaces and tabs stand between the line's start and `offset`.
    public func startsLine(_ offset: Int) -> Bool {
        var index = lineStart(of: offset)
        while index < offset {
            if bytes[index] != 0x20 && bytes[index] != 0x09 { return false }
            index += 1
        }
        return true
    }

    /// The line ending the file uses ("\r\n" or "\n").
    public var newline: String {
        if let index = bytes.firstIndex(of: 0x0A), index > 0, bytes[index - 1] == 0x0D { return "\r\n" }
        return "\n"
    }

    /// The first byte at or after `offset` that is not a space or tab.
    public func skipBlanks(from offset: Int) -> Int {
        var index = offset
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        return index
    }
}
