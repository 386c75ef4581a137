import Foundation

/// A streaming, pretty-printing JSON writer. Foundation's JSONEncoder spent 1.2 s of a 1.6 s
/// `outline --format json` over the standard library; writing bytes directly takes ~40 ms.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    /// One entry per open container: whether it already holds an element.
    private var hasElements: [Bool] = []
    private var afterKey = false

    public init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// A writer for a run of elements of a container `depth` levels deep, written apart (on
    /// another thread) and added with `append(elementsOf:)`; it starts as if the container
    /// were empty.
    public init(elementsAtDepth depth: Int, capacity: Int = 1 << 16) {
        self.init(capacity: capacity)
        hasElements = Array(repeating: false, count: depth)
    }

    /// Adds the elements `chunk` wrote (see `init(elementsAtDepth:)`) to the open container,
    /// with the comma that separates them from elements already there.
    public mutating func append(elementsOf chunk: JSONWriter) {
        guard chunk.hasElements.last == true, !hasElements.isEmpty else { return }
        if hasElements[hasElements.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElements[hasElements.count - 1] = true
        bytes.append(contentsOf: chunk.bytes)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func newlineAtEnd() { bytes.append(0x0A) }

    /// Comma, newline and indentation before an element, unless it is the value of a key.
    private mutating func element() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasElements.isEmpty else { return }
        if hasElements[hasElements.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasElements[hasElements.count - 1] = true
        newline(depth: hasElements.count)
    }

    private mutating func newline(depth: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    /// Decimal digits without a `String` in between (a metrics report is mostly numbers).
    private mutating func writeDigits(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    public mutating func beginObject() { element(); bytes.append(UInt8(ascii: "{")); hasElements.append(false) }
    public mutating func beginArray() { element(); bytes.append(UInt8(ascii: "[")); hasElements.append(false) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ bracket: UInt8) {
        let hadElements = hasElements.removeLast()
        if hadElements { newline(depth: hasElements.count) }
        bytes.append(bracket)
    }

    public mutating func key(_ name: String) {
        element()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
        afterKey = true
    }

    public mutating func value(_ string: String) { element(); writeString(string) }
    public mutating func value(_ number: Int) { element(); writeDigits(number) }
    public mutating func value(_ flag: Bool) { element(); bytes.append(contentsOf: (flag ? "true" : "false").utf8) }
    /// Three decimals: enough for a ratio, and the same text on every platform.
    public mutating func value(_ number: Double) { element(); bytes.append(contentsOf: String(format: "%.3f", number).utf8) }
    public mutating func null() { element(); bytes.append(contentsOf: "null".utf8) }
    public mutating func value(_ string: String?) { if let string { value(string) } else { null() } }
    public mutating func value(_ number: Int?) { if let number { value(number) } else { null() } }

    public mutating func field(_ name: String, _ string: String) { key(name); value(string) }
    public mutating func field(_ name: String, _ string: String?) { key(name); value(string) }
    public mutating func field(_ name: String, _ number: Int) { key(name); value(number) }
    public mutating func field(_ name: String, _ number: Int?) { key(name); value(number) }
    public mutating func field(_ name: String, _ flag: Bool) { key(name); value(flag) }
    public mutating func field(_ name: String, _ number: Double) { key(name); value(number) }
    public mutating func field(_ name: String, _ strings: [String]) {
        key(name)
        beginArray()
        for string in strings { value(string) }
        endArray()
    }

    /// RFC 8259 escaping: quote, backslash and control characters; everything else as UTF-8.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (names, paths) need no escaping: copied whole.
        let copied: Bool? = string.utf8.withContiguousStorageIfAvailable { utf8 in
            for byte in utf8 where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// How JSON carries a file name that is not UTF-8 (documented in the README): each byte that is
/// not part of well-formed UTF-8 is written as the escape `\udcXX` (XX its value), the lone
/// low surrogates of Python's `surrogateescape`, so `os.fsencode(json.loads(text))` gives the
/// exact bytes back. Valid names are plain UTF-8 as before.
public enum JSONText {
    /// JSON text with the raw-byte scalars of `PathBytes` rewritten as `\udcXX`. Applied once
    /// to a whole document (one `memchr` when there are none), not per string: a check per
    /// byte in the string writer cost 1.5% of `outline --format json`.
    public static func rawBytesEscaped(_ json: [UInt8]) -> [UInt8] {
        guard !json.isEmpty, json.withUnsafeBufferPointer({ memchr($0.baseAddress!, 0xF4, $0.count) }) != nil else { return json }
        // U+10FF80…U+10FFFF are F4 8F BE/BF xx; each becomes the six ASCII bytes `\udcXX`.
        let bytes = json
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var index = 0
        let hex = Array("0123456789abcdef".utf8)
        while index < bytes.count {
            if bytes[index] == 0xF4, index + 3 < bytes.count, bytes[index + 1] == 0x8F,
               bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                let raw = UInt8((UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)) - 0xF00)
                out.append(contentsOf: "\\udc".utf8)
                out.append(hex[Int(raw >> 4)])
                out.append(hex[Int(raw & 0xF)])
                index += 4
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
