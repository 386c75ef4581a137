/// A replacement of a byte range of the original file. Rules only ever produce these, on the
/// positions of syntax nodes: never a search over text.
public struct SourceEdit: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int
    public var replacement: String

    public init(start: Int, end: Int, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }

    public static func insert(_ text: String, at offset: Int) -> SourceEdit {
        SourceEdit(start: offset, end: offset, replacement: text)
    }

    /// Applies edits (in the order given where several insert at one offset). Overlapping
    /// replacements are refused: two rules must never rewrite the same bytes.
    public static func apply(_ edits: [SourceEdit], to source: [UInt8]) throws -> [UInt8] {
        let ordered = edits.enumerated().sorted { ($0.element.start, $0.element.end, $0.offset) < ($1.element.start, $1.element.end, $1.offset) }
        var result: [UInt8] = []
        result.reserveCapacity(source.count + 64)
        var cursor = 0
        for (_, edit) in ordered {
            guard edit.start >= cursor, edit.end >= edit.start, edit.end <= source.count else {
                throw FixesError.overlappingEdits(edit.start)
            }
            result.append(contentsOf: source[cursor..<edit.start])
            result.append(contentsOf: Array(edit.replacement.utf8))
            cursor = edit.end
        }
        result.append(contentsOf: source[cursor...])
        return result
    }
}
