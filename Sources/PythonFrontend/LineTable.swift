import CodeModel

/// Byte offsets of line starts (`\n`, `\r\n` and `\r` all end a line, as in CPython), to turn
/// offsets into 1-based lines and UTF-8 columns.
struct LineTable {
    private var starts: [UInt32] = [0]

    init(_ p: UnsafeBufferPointer<UInt8>, length: Int) {
        starts.reserveCapacity(length / 32 + 1)
        var i = 0
        while i < length {
            let c = p[i]
            if c == 0x0A {
                starts.append(UInt32(i + 1))
            } else if c == 0x0D {
                if i + 1 < length && p[i + 1] == 0x0A { i += 1 }
                starts.append(UInt32(i + 1))
            }
            i += 1
        }
        if length > 0, let last = starts.last, last == UInt32(length) { starts.removeLast() }
        self.length = length
    }

    private let length: Int

    /// Lines in the file, counting a last line without a newline.
    var count: Int { length == 0 ? 0 : starts.count }

    func location(_ offset: UInt32) -> SourceLocation {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) >> 1
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(line: low + 1, column: Int(offset - starts[low]) + 1)
    }
}
