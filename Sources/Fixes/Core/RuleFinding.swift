import CodeModel

/// One place a rule matched, with the edits that fix it (empty for a suggestion).
public struct RuleFinding: Sendable, Codable, Hashable {
    public var ruleID: String
    public var path: String
    /// 1-based; the column counts characters, as ruff reports it.
    public var line: Int
    public var column: Int
    public var endLine: Int
    /// Byte offset of the finding's start, the position a `↓` marks in examples.
    public var offset: Int
    public var message: String
    public var edits: [SourceEdit]
    /// For suggestions: the change to make by hand.
    public var sketch: String?
    /// The innermost function the finding sits in (qualified name), nil at file level.
    public var function: String?
    /// The line of that function's `def`/`func`, to match the risk model's function scores.
    public var functionLine: Int?

    public init(ruleID: String, path: String, line: Int, column: Int, endLine: Int, offset: Int, message: String,
                edits: [SourceEdit] = [], sketch: String? = nil) {
        self.ruleID = ruleID
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.offset = offset
        self.message = message
        self.edits = edits
        self.sketch = sketch
    }

    public var isFixable: Bool { !edits.isEmpty }

    /// A stable id for `prognosis feedback`: rule, path, function and the line within it, so edits
    /// elsewhere in the file do not change it.
    public var id: String {
        var hasher = FNV1a()
        hasher.add(ruleID); hasher.add(path); hasher.add(function ?? ""); hasher.add(String(line - (functionLine ?? 0)))
        return String(hasher.value, radix: 16).leftPadded(to: 16).prefix(12).description
    }
}

/// A tiny stable hash (Swift's `Hasher` is seeded per process).
struct FNV1a {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ text: String) {
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
