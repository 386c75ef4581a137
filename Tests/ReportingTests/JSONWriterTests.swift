import Foundation
import Reporting
import Testing

/// The JSON writer behind every `--format json`: numbers written digit by digit and files
/// written in parallel chunks must give exactly the bytes of the plain, one-writer path.
@Suite struct JSONWriterTests {
    @Test func integersAreWrittenAsSwiftPrintsThem() {
        for number in [0, 7, -7, 10, 99, 100, -100, 123_456_789, Int.max, Int.min] {
            var writer = JSONWriter()
            writer.value(number)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(number))
        }
    }

    /// An array of objects written whole, and the same array written as chunks (some empty,
    /// as `--top` leaves files out) joined with `append(elementsOf:)`.
    @Test func chunksJoinToTheSameBytes() throws {
        func element(_ index: Int, _ writer: inout JSONWriter) {
            writer.beginObject()
            writer.field("name", "f\(index)\n\"quoted\"")
            writer.field("line", index * 10)
            writer.key("list")
            writer.beginArray()
            for value in 0..<(index % 3) { writer.value(value) }
            writer.endArray()
            writer.endObject()
        }
        for split in [[0, 10], [0, 3, 3, 10], [0, 0, 5, 5, 10, 10], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]] {
            var whole = JSONWriter()
            var joined = JSONWriter()
            for writer in [0, 1] {
                var w = writer == 0 ? whole : joined
                w.beginObject()
                w.field("version", 1)
                w.key("items")
                w.beginArray()
                if writer == 0 {
                    for index in 0..<10 { element(index, &w) }
                } else {
                    for (start, end) in zip(split, split.dropFirst()) {
                        var chunk = JSONWriter(elementsAtDepth: 2)
                        for index in start..<end { element(index, &chunk) }
                        w.append(elementsOf: chunk)
                    }
                }
                w.endArray()
                w.key("empty")
                w.beginArray()
                w.append(elementsOf: JSONWriter(elementsAtDepth: 2))
                w.endArray()
                w.endObject()
                if writer == 0 { whole = w } else { joined = w }
            }
            #expect(joined.bytes == whole.bytes, "split \(split)")
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(joined.bytes)) as? [String: Any])
            #expect((parsed["items"] as? [[String: Any]])?.count == 10)
            #expect((parsed["empty"] as? [Any])?.isEmpty == true)
        }
    }
}
