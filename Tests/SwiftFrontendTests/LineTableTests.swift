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
}
