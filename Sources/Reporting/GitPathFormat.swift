import Support

/// Paths printed as git prints them, so our output can be diffed against git's byte for byte.
public enum GitPathFormat {
    /// git's C-style quoting (with `core.quotePath` on, its default): a path with a double
    /// quote, backslash, control character or any non-ASCII byte is wrapped in quotes with
    /// those bytes escaped (`\t`, `\"`, `\303\251`).
    public static func quoted(_ path: String) -> String {
        let bytes = PathBytes.bytes(path)
        guard bytes.contains(where: needsQuoting) else { return path }
        var out = "\""
        for byte in bytes {
            switch byte {
            case 0x07: out += "\\a"
            case 0x08: out += "\\b"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0B: out += "\\v"
            case 0x0C: out += "\\f"
            case 0x0D: out += "\\r"
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            default:
                if needsQuoting(byte) {
                    let octal = String(byte, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                } else {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                }
            }
        }
        return out + "\""
    }

    private static func needsQuoting(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte >= 0x7F
    }

    /// A rename as `--numstat` shows it: the common leading folders and trailing part kept
    /// once, the differing middle as `{old => new}` (`src/{a.py => b.py}`).
    public static func rename(from old: String, to new: String) -> String {
        let a = PathBytes.bytes(old), b = PathBytes.bytes(new)
        if a.contains(where: needsQuoting) || b.contains(where: needsQuoting) {
            return quoted(old) + " => " + quoted(new)
        }
        // Common prefix, cut back to just after its last slash.
        var prefix = 0
        var i = 0
        while i < a.count && i < b.count && a[i] == b[i] {
            if a[i] == 0x2F { prefix = i + 1 }
            i += 1
        }
        // Common suffix, starting at a slash; it may reach one byte into the prefix to share
        // that prefix's final slash.
        var suffix = 0
        let slack = prefix > 0 ? 1 : 0
        var ia = a.count - 1, ib = b.count - 1
        while ia >= prefix - slack && ib >= prefix - slack && ia >= 0 && ib >= 0 && a[ia] == b[ib] {
            if a[ia] == 0x2F { suffix = a.count - ia }
            ia -= 1
            ib -= 1
        }
        let aMid = max(0, a.count - prefix - suffix)
        let bMid = max(0, b.count - prefix - suffix)
        func text(_ bytes: ArraySlice<UInt8>) -> String { PathBytes.string(bytes) }
        var out = ""
        if prefix + suffix > 0 { out += text(a[0..<prefix]) + "{" }
        out += text(a[prefix..<(prefix + aMid)]) + " => " + text(b[prefix..<(prefix + bMid)])
        if prefix + suffix > 0 { out += "}" + text(a[(a.count - suffix)...]) }
        return out
    }
}
