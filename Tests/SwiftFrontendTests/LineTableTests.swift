import CodeModel
import Testing

/// The hinted look-up a walk uses must answer exactly as the binary search, in any order.
@Suite struct LineTableTests {
    @Test func hintedLocationsEqualSearchedOnes() {
        for text in ["", "a", "a\n", "a\nbc\n\ndef", "x\r\ny\rz\n", "\n\n\n", "one\ntwo\nthree\n"] {
            for endAfterFinalNewline in [false, true] {
                let bytes = Array(text.utf8)
                let table = bytes.withUnsafeBufferPointer { LineTable($0, length: $0.count, endAfterFinalNewline: endAfterFinalNewline) }
                let offsets = Array(0...bytes.count)
                // Increasing, decreasing and jumping orders, one hint carried through each.
                for order in [offsets, offsets.reversed(), offsets.enumerated().map { offsets[($0.offset * 7) % offsets.count] }] {
                    var hint = 0
                    for offset in order {
                        let hinted = table.location(UInt32(offset), hint: &hint)
                        #expect(hinted == table.location(UInt32(offset)), "\(text.debugDescription) at \(offset)")
                    }
                }
            }
        }
    }

    /// The Swift frontend takes a file's line total from the table unless it saw a CR: without
    /// one, `count` must be the `\n`-counted total (plus a last line without a newline).
    @Test func countIsTheNewlineCountWithoutCarriageReturns() {
        for text in ["", "a", "a\n", "a\nbc\n\ndef", "\n\n\n", "one\ntwo\nthree\n", "x\r\ny\n", "x\ry", "tail\r"] {
            let bytes = Array(text.utf8)
            let table = bytes.withUnsafeBufferPointer { LineTable($0, length: $0.count, endAfterFinalNewline: true) }
            #expect(table.hasCarriageReturns == bytes.contains(0x0D), "\(text.debugDescription)")
            guard !table.hasCarriageReturns else { continue }
            let newlines = bytes.filter { $0 == 0x0A }.count
            let expected = newlines + (bytes.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
            #expect(table.count == expected, "\(text.debugDescription)")
        }
    }
}
