/// Turns a file's bytes into the UTF-8 text the lexer reads, as CPython's tokenizer does before
/// tokenizing: a UTF-8 BOM is dropped, a PEP 263 `coding` declaration on line 1 or 2 selects the
/// codec, and text that cannot be decoded is a syntax error (CPython rejects such files too).
struct DecodedSource {
    var bytes: [UInt8]
    /// Set when the file cannot be decoded; the bytes are then a lossy UTF-8 rendering.
    var error: (message: String, line: Int)?
}

enum SourceDecoding {
    static func decode(_ raw: [UInt8]) -> DecodedSource {
        var bytes = raw
        var hasBOM = false
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes.removeFirst(3)
            hasBOM = true
        }
        guard let declared = declaredEncoding(bytes) else {
            return validatedUTF8(bytes)
        }
        let normal = normalName(declared.name)
        if hasBOM && normal != "utf-8" {
            return DecodedSource(bytes: lossy(bytes), error: ("encoding problem: \(declared.name) with BOM", 0))
        }
        switch codecKey(normal) {
        case "utf_8", "utf8", "u8", "utf", "cp65001", "utf8_ucs2", "utf8_ucs4":
            return validatedUTF8(bytes)
        case "ascii", "us_ascii", "646", "us":
            if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
                return DecodedSource(bytes: lossy(bytes),
                                     error: ("(unicode error) 'ascii' codec can't decode byte at offset \(bad)", line(of: bad, in: bytes)))
            }
            return DecodedSource(bytes: bytes, error: nil)
        case "iso_8859_1", "iso8859_1", "latin_1", "latin1", "latin", "l1", "8859", "cp819", "iso_ir_100", "iso_latin_1":
            return transcode(bytes) { UInt16($0) }
        case "cp1252", "windows_1252":
            return transcode(bytes) { SingleByteCodecs.windowsCP1252[Int($0) - 0x80] }
        case "koi8_r":
            return transcode(bytes) { SingleByteCodecs.koi8R[Int($0) - 0x80] }
        case "cp1251", "windows_1251":
            return transcode(bytes) { SingleByteCodecs.windowsCP1251[Int($0) - 0x80] }
        case "iso8859_15", "iso_8859_15", "latin9", "l9":
            return transcode(bytes) { SingleByteCodecs.latin9[Int($0) - 0x80] }
        case "iso8859_2", "iso_8859_2", "latin2", "l2":
            return transcode(bytes) { SingleByteCodecs.latin2[Int($0) - 0x80] }
        default:
            return DecodedSource(bytes: lossy(bytes), error: ("unknown encoding: \(declared.name)", 0))
        }
    }

    /// CPython's rule: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` on line 1, or on line 2 when line 1
    /// is blank or a comment.
    static func declaredEncoding(_ bytes: [UInt8]) -> (name: String, line: Int)? {
        var lineStart = 0
        for lineNumber in 1...2 {
            guard lineStart < bytes.count else { return nil }
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let line = bytes[lineStart..<end]
            if let name = codingName(in: line) { return (name, lineNumber) }
            // Line 2 is looked at only when line 1 holds nothing but a comment or whitespace.
            let firstNonBlank = line.first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0C }
            if firstNonBlank != nil && firstNonBlank != UInt8(ascii: "#") { return nil }
            lineStart = end
            if lineStart < bytes.count, bytes[lineStart] == 0x0D { lineStart += 1 }
            if lineStart < bytes.count, bytes[lineStart] == 0x0A { lineStart += 1 }
        }
        return nil
    }

    private static func codingName(in line: ArraySlice<UInt8>) -> String? {
        var index = line.startIndex
        while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 || line[index] == 0x0C { index += 1 }
        guard index < line.endIndex, line[index] == UInt8(ascii: "#") else { return nil }
        let pattern = Array("coding".utf8)
        var at = index + 1
        while at + pattern.count < line.endIndex {
            if line[at..<(at + pattern.count)].elementsEqual(pattern),
               line[at + pattern.count] == UInt8(ascii: ":") || line[at + pattern.count] == UInt8(ascii: "=") {
                var nameStart = at + pattern.count + 1
                while nameStart < line.endIndex, line[nameStart] == 0x20 || line[nameStart] == 0x09 { nameStart += 1 }
                var nameEnd = nameStart
                while nameEnd < line.endIndex, isCodingNameByte(line[nameEnd]) { nameEnd += 1 }
                if nameEnd > nameStart { return String(decoding: line[nameStart..<nameEnd], as: UTF8.self) }
            }
            at += 1
        }
        return nil
    }

    private static func isCodingNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// CPython's `get_normal_name`: only the UTF-8 and Latin-1 spellings are normalised.
    static func normalName(_ name: String) -> String {
        let buffer = String(name.prefix(12).lowercased().map { $0 == "_" ? "-" : $0 })
        if buffer == "utf-8" || buffer.hasPrefix("utf-8-") { return "utf-8" }
        for latin in ["latin-1", "iso-8859-1", "iso-latin-1"] where buffer == latin || buffer.hasPrefix(latin + "-") {
            return "iso-8859-1"
        }
        return name
    }

    /// Python's codec registry lookup key: lower case, `-` and spaces become `_`.
    private static func codecKey(_ name: String) -> String {
        String(name.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    private static func transcode(_ bytes: [UInt8], _ map: (UInt8) -> UInt16) -> DecodedSource {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for (offset, byte) in bytes.enumerated() {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar = map(byte)
            if scalar == 0xFFFF {
                return DecodedSource(bytes: lossy(bytes),
                                     error: ("(unicode error) can't decode byte 0x\(String(byte, radix: 16)) in position \(offset)", line(of: offset, in: bytes)))
            }
            out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        }
        return DecodedSource(bytes: out, error: nil)
    }

    private static func validatedUTF8(_ bytes: [UInt8]) -> DecodedSource {
        if let bad = firstInvalidUTF8(bytes) {
            let message = "(unicode error) 'utf-8' codec can't decode byte 0x\(String(bytes[bad], radix: 16)) in position \(bad)"
            return DecodedSource(bytes: lossy(bytes), error: (message, line(of: bad, in: bytes)))
        }
        return DecodedSource(bytes: bytes, error: nil)
    }

    /// Offset of the first byte that starts an invalid UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = 0
            let count = buffer.count
            while index < count {
                let byte = buffer[index]
                if byte < 0x80 { index += 1; continue }
                let length: Int
                let minimum: UInt32
                var scalar: UInt32
                switch byte {
                case 0xC2...0xDF: length = 2; scalar = UInt32(byte & 0x1F); minimum = 0x80
                case 0xE0...0xEF: length = 3; scalar = UInt32(byte & 0x0F); minimum = 0x800
                case 0xF0...0xF4: length = 4; scalar = UInt32(byte & 0x07); minimum = 0x10000
                default: return index
                }
                guard index + length <= count else { return index }
                for k in 1..<length {
                    let next = buffer[index + k]
                    guard next & 0xC0 == 0x80 else { return index }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
                if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
                index += length
            }
            return nil
        }
    }

    private static func lossy(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    private static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A { line += 1 }
        return line
    }
}
