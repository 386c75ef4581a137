import CodeModel
import Foundation
import History

/// Compact binary forms of what the store keeps in BLOB columns: unsigned LEB128 varints.
struct ByteWriter {
    var bytes: [UInt8] = []
    var data: Data { Data(bytes) }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        varint(UInt64(utf8.count))
        bytes.append(contentsOf: utf8)
    }
}

struct ByteReader {
    let data: [UInt8]
    var offset = 0

    init(_ data: Data) { self.data = [UInt8](data) }

    var atEnd: Bool { offset >= data.count }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < data.count, shift < 64 else { throw StoreError.database("truncated value in the store") }
            let byte = data[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func signed() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func string() throws -> String {
        let count = Int(try varint())
        guard offset + count <= data.count else { throw StoreError.database("truncated text in the store") }
        defer { offset += count }
        return String(decoding: data[offset..<(offset + count)], as: UTF8.self)
    }
}

/// Line origins as runs: (commit, path, length) for each stretch of lines from one origin.
enum OriginCodec {
    static func encode(_ origins: [LineOrigin]) -> Data {
        var writer = ByteWriter()
        var index = 0
        while index < origins.count {
            var end = index + 1
            while end < origins.count && origins[end] == origins[index] { end += 1 }
            writer.varint(UInt64(UInt32(bitPattern: origins[index].commit)))
            writer.varint(UInt64(UInt32(bitPattern: origins[index].path)))
            writer.varint(UInt64(end - index))
            index = end
        }
        return writer.data
    }

    static func decode(_ data: Data) throws -> [LineOrigin] {
        var reader = ByteReader(data)
        var result: [LineOrigin] = []
        while !reader.atEnd {
            let commit = Int32(bitPattern: UInt32(truncatingIfNeeded: try reader.varint()))
            let path = Int32(bitPattern: UInt32(truncatingIfNeeded: try reader.varint()))
            let length = Int(try reader.varint())
            result.append(contentsOf: repeatElement(LineOrigin(commit: commit, path: path), count: length))
        }
        return result
    }
}

enum OutlineCodec {
    static func encode(_ outline: BlobOutline) -> Data {
        var writer = ByteWriter()
        writer.varint(UInt64(outline.functions.count))
        for function in outline.functions {
            writer.string(function.name)
            writer.string(function.kind.rawValue)
            writer.varint(UInt64(function.startLine))
            writer.varint(UInt64(function.endLine))
            writer.varint(function.bodyHash)
        }
        writer.varint(UInt64(outline.commentLines.count))
        var previous: Int32 = 0
        for line in outline.commentLines {
            writer.varint(UInt64(line - previous))
            previous = line
        }
        return writer.data
    }

    static func kind(_ text: String) throws -> Definition.Kind {
        guard let kind = Definition.Kind(rawValue: text) else { throw StoreError.database("unknown definition kind '\(text)' in the store") }
        return kind
    }

    static func decode(_ data: Data) throws -> BlobOutline {
        var reader = ByteReader(data)
        var functions: [BlobOutline.Function] = []
        for _ in 0..<(try reader.varint()) {
            functions.append(BlobOutline.Function(name: try reader.string(), kind: try Self.kind(reader.string()),
                                                  startLine: Int32(try reader.varint()), endLine: Int32(try reader.varint()),
                                                  bodyHash: try reader.varint()))
        }
        var lines: [Int32] = []
        var previous: Int32 = 0
        for _ in 0..<(try reader.varint()) {
            previous += Int32(try reader.varint())
            lines.append(previous)
        }
        return BlobOutline(functions: functions, commentLines: lines)
    }
}
