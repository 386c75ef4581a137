import Foundation
import Support
import Testing

/// File names are bytes: the text form must give back exactly the bytes it came from, for
/// every byte sequence, and must keep names apart that differ only in non-UTF-8 bytes.
@Suite struct PathBytesTests {
    @Test(arguments: [
        [UInt8]("plain/ascii.py".utf8), [UInt8]("caf\u{e9}/na\u{ef}ve.py".utf8),
        [0x78, 0xFF, 0x2E, 0x70, 0x79], [0x78, 0xFE, 0x2E, 0x70, 0x79], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80],
        [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x8F, 0xBE, 0x80, 0xFF],
        [0x80, 0x80, 0x80], [],
    ] as [[UInt8]])
    func roundTripsExactly(_ bytes: [UInt8]) {
        let text = PathBytes.string(bytes)
        #expect(PathBytes.bytes(text) == bytes)
        // Well-formed UTF-8 outside the escape range is carried as itself.
        let escaped = text.unicodeScalars.contains { PathBytes.rawByte($0) != nil }
        #expect(escaped == (String(validating: bytes, as: UTF8.self) == nil
                            || bytes.starts(with: [0xF4, 0x8F, 0xBF]) || bytes.starts(with: [0xF4, 0x8F, 0xBE])))
    }

    @Test func everyTwoByteSequenceRoundTrips() {
        // Distinct byte strings stay distinct scalar sequences: no two names merge. (Swift's
        // `==` on strings is canonical equivalence, which git does not apply to names.)
        var seen: Set<[UInt32]> = []
        var mismatches = 0
        for a in 0...255 {
            for b in 0...255 {
                let bytes = [UInt8(a), UInt8(b)]
                let text = PathBytes.string(bytes)
                if PathBytes.bytes(text) != bytes { mismatches += 1 }
                seen.insert(text.unicodeScalars.map(\.value))
            }
        }
        #expect(mismatches == 0)
        #expect(seen.count == 65_536)
    }

    @Test func namesDifferingInInvalidBytesStayApart() {
        let ff = PathBytes.string([0x78, 0xFF, 0x2E, 0x70, 0x79])
        let fe = PathBytes.string([0x78, 0xFE, 0x2E, 0x70, 0x79])
        #expect(ff != fe)
        #expect(ff.hasSuffix(".py") && fe.hasPrefix("x"))
        #expect(PathBytes.withCString(ff) { strlen($0) } == 5)
    }
}

@Suite struct TerminalTextTests {
    @Test(arguments: [
        ("clear\u{1b}[2Jscreen", "clear\\e[2Jscreen"),
        ("title\u{1b}]0;pwned\u{07}", "title\\e]0;pwned\\x07"),
        ("reset\u{1b}c", "reset\\ec"),
        ("c1\u{9b}31m", "c1\\x9b31m"),
        ("del\u{7f}", "del\\x7f"),
        ("two\nlines\tand tab", "two\\nlines\\tand tab"),
        ("bidi \u{202e}evil", "bidi \\u{202e}evil"),
        ("caf\u{e9} \u{1F600} fine", "caf\u{e9} \u{1F600} fine"),
    ] as [(String, String)])
    func escapesWhatATerminalWouldObey(_ input: String, _ expected: String) {
        #expect(TerminalText.line(input) == expected)
        #expect(!TerminalText.line(input).unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func multiLineTextKeepsLayoutOnly() {
        #expect(TerminalText.lines("a\n\tb\u{1b}[31m") == "a\n\tb\\e[31m")
        #expect(TerminalText.isSafe("a\nb", keepLayout: true))
        #expect(!TerminalText.isSafe("a\nb"))
    }

    @Test func rawNameBytesShowAsHex() {
        #expect(TerminalText.line(PathBytes.string([0x78, 0xFF, 0x2E, 0x70, 0x79])) == "x\\xff.py")
    }
}
