import Foundation

/// A commit's `encoding` header names the encoding of its message and of the names in it, as
/// `git log` honours it (`git -c i18n.commitEncoding=ISO-8859-1 commit`). Without the header, or
/// for UTF-8, the bytes are UTF-8 (invalid sequences repaired, as git prints them).
enum TextEncoding {
    static func decode(_ bytes: UnsafeRawBufferPointer, encoding name: String?) -> String {
        if let name, let encoding = foundationEncoding(name),
           let text = String(data: Data(bytes), encoding: encoding) {
            return text
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode(_ cString: UnsafePointer<CChar>, encoding name: String?) -> String {
        guard name != nil else { return String(cString: cString) }
        return decode(UnsafeRawBufferPointer(start: cString, count: strlen(cString)), encoding: name)
    }

    /// The encodings Foundation can decode on every platform, by the names git users write.
    static func foundationEncoding(_ name: String) -> String.Encoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": return nil
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso-latin-1": return .isoLatin1
        case "iso-8859-2", "iso8859-2", "latin2", "latin-2": return .isoLatin2
        case "windows-1252", "cp1252": return .windowsCP1252
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "shift-jis", "sjis", "shiftjis", "cp932": return .shiftJIS
        case "euc-jp", "eucjp": return .japaneseEUC
        case "iso-2022-jp": return .iso2022JP
        case "utf-16", "utf16": return .utf16
        case "us-ascii", "ascii": return .ascii
        default: return nil
        }
    }
}
