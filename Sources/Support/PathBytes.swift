#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File names are bytes to git and to the kernel, not text: two names that differ only in bytes
/// that are not UTF-8 are two files. Swift's `String` cannot hold such bytes, so each byte that
/// is not part of a well-formed UTF-8 sequence is carried as one private-use scalar,
/// U+10FF00 + byte (the idea of Python's `surrogateescape`, with scalars Swift allows). The
/// mapping is exact both ways: a name that really contains U+10FF80…U+10FFFF has those scalars'
/// own bytes carried the same way, so `bytes(string(b)) == b` for every `b`.
public enum PathBytes {
    static let escapeBase: UInt32 = 0x10FF00
    static let escapeRange: ClosedRange<UInt32> = 0x10FF80...0x10FFFF

    /// The lossless text form of a file name's bytes. Specialised for the two shapes names
    /// arrive in (a tree walk's arrays, C buffers): every path of every commit passes here.
    public static func string(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { string($0) }
    }

    public static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.isEmpty { return "" }
        if memchr(bytes.baseAddress!, 0xF4, bytes.count) == nil, let text = String(validating: bytes, as: UTF8.self) {
            return text
        }
        return escaping(Array(bytes))
    }

    /// The lossless text form of any collection of name bytes.
    public static func string<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        string(Array(bytes))
    }

    private static func escaping(_ bytes: [UInt8]) -> String {
        // 0xF4 leads every scalar from U+100000 up, the escapes included: without it (the
        // common case) well-formed UTF-8 is already the answer.
        let array = bytes
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < array.count {
            if let (scalar, length) = decodeScalar(array, at: index), !escapeRange.contains(scalar.value) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(array[index]))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// The lossless text form of a NUL-terminated name from C (libgit2, `readdir`).
    public static func string(cString: UnsafePointer<CChar>) -> String {
        var length = 0
        while cString[length] != 0 { length += 1 }
        return cString.withMemoryRebound(to: UInt8.self, capacity: length) {
            string(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// The exact bytes a text form stands for.
    public static func bytes(_ text: String) -> [UInt8] {
        if !text.utf8.contains(0xF4) { return Array(text.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if escapeRange.contains(scalar.value) {
                out.append(UInt8(scalar.value - escapeBase))
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        return out
    }

    /// The raw byte a scalar stands for, nil for an ordinary scalar.
    public static func rawByte(_ scalar: Unicode.Scalar) -> UInt8? {
        escapeRange.contains(scalar.value) ? UInt8(scalar.value - escapeBase) : nil
    }

    /// Calls `body` with the name as a NUL-terminated C string of its exact bytes, for `open`,
    /// `stat` and libgit2.
    public static func withCString<T>(_ text: String, _ body: (UnsafePointer<CChar>) throws -> T) rethrows -> T {
        var raw = bytes(text)
        raw.append(0)
        return try raw.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// One well-formed UTF-8 scalar at `index` (shortest form, no surrogates), or nil.
    private static func decodeScalar(_ b: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[index]
        let length: Int, minimum: UInt32
        var value: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard index + length <= b.count else { return nil }
        for offset in 1..<length {
            let next = b[index + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
