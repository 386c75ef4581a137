/// One example of a rule, SwiftLint's way: `↓` marks where each finding must start, and `fixed`
/// is the source once every safe edit is applied (nil: the rule only suggests, nothing changes).
/// The examples are the rule's tests and its documentation (`prognosis rules ID`).
public struct RuleExample: Sendable {
    public static let marker = "↓"

    public var source: String
    public var fixed: String?

    public init(_ source: String, fixed: String? = nil) {
        self.source = source
        self.fixed = fixed
    }

    /// The source without markers, and the byte offsets the markers stood at.
    public var unmarked: (source: [UInt8], marks: [Int]) {
        var bytes: [UInt8] = []
        var marks: [Int] = []
        let marker = Array(Self.marker.utf8)
        let all = Array(source.utf8)
        var index = 0
        while index < all.count {
            if index + marker.count <= all.count && Array(all[index..<(index + marker.count)]) == marker {
                marks.append(bytes.count)
                index += marker.count
            } else {
                bytes.append(all[index])
                index += 1
            }
        }
        return (bytes, marks)
    }
}
