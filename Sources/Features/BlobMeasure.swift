import Foundation

/// The few totals of one blob the commit features compare before and after a change: the
/// difference is what the change did to the complexity of the functions it touched.
public struct BlobMeasure: Sendable, Hashable {
    public var cyclomatic: Int32
    public var cognitive: Int32
    public var functions: Int32
    public var codeLines: Int32

    public init(cyclomatic: Int32, cognitive: Int32, functions: Int32, codeLines: Int32) {
        self.cyclomatic = cyclomatic
        self.cognitive = cognitive
        self.functions = functions
        self.codeLines = codeLines
    }

    public var encoded: Data {
        var data = Data()
        for value in [cyclomatic, cognitive, functions, codeLines] {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }

    public init?(_ data: Data) {
        guard data.count == 16 else { return nil }
        let bytes = [UInt8](data)
        func value(_ at: Int) -> Int32 {
            Int32(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        self.init(cyclomatic: value(0), cognitive: value(4), functions: value(8), codeLines: value(12))
    }
}
