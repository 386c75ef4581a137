/// Text from a repository (names, subjects, paths, file content in diagnostics) can carry
/// escape sequences that clear a terminal, retitle it or reset it. Every text output passes such
/// text through here, so it is printed as visible escapes instead of being obeyed. JSON output
/// does not need this: its writer escapes control characters already.
public enum TerminalText {
    /// One field on one line: every control character is escaped, newlines and tabs included.
    public static func line(_ text: String) -> String { escape(text, keepLayout: false) }

    /// Several lines (a commit message, a source excerpt): newlines and tabs are kept.
    public static func lines(_ text: String) -> String { escape(text, keepLayout: true) }

    /// True when the text needs no escaping; lets callers skip the copy.
    public static func isSafe(_ text: String, keepLayout: Bool = false) -> Bool {
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte >= 0xC2 {
            if byte >= 0xC2 { return !text.unicodeScalars.contains { needsEscape($0, keepLayout: keepLayout) } }
            if keepLayout && (byte == 0x0A || byte == 0x09) { continue }
            return false
        }
        return true
    }

    static func escape(_ text: String, keepLayout: Bool) -> String {
        if isSafe(text, keepLayout: keepLayout) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepLayout: keepLayout) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            if let byte = PathBytes.rawByte(scalar) {
                out += "\\x" + hex(UInt32(byte), width: 2)
                continue
            }
            switch scalar.value {
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x1B: out += "\\e"
            case 0x00...0xFF: out += "\\x" + hex(scalar.value, width: 2)
            default: out += "\\u{" + hex(scalar.value, width: 4) + "}"
            }
        }
        return out
    }

    /// C0 and C1 controls and DEL (terminals obey them), the bidirectional overrides and
    /// isolates (they make text read differently from its bytes), and raw name bytes.
    static func needsEscape(_ scalar: Unicode.Scalar, keepLayout: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return !keepLayout
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return PathBytes.rawByte(scalar) != nil
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
