import CGit2

/// A 20-byte object id as a plain value: cheap to hash, compare and send across tasks.
public struct OID: Hashable, Comparable, Sendable, CustomStringConvertible {
    // Three words rather than a byte tuple so hashing and equality stay a few instructions.
    public let a: UInt64
    public let b: UInt64
    public let c: UInt32

    public init(_ raw: git_oid) {
        var copy = raw
        (a, b, c) = withUnsafeBytes(of: &copy.id) { bytes in
            (bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
             bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
    }

    public init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// Parses a full 40-character hex id; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40 else { return nil }
        var raw = git_oid()
        guard git_oid_fromstrn(&raw, hex, 40) == 0 else { return nil }
        self.init(raw)
    }

    public var raw: git_oid {
        var raw = git_oid()
        withUnsafeMutableBytes(of: &raw.id) { bytes in
            bytes.storeBytes(of: a, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: b, toByteOffset: 8, as: UInt64.self)
            bytes.storeBytes(of: c, toByteOffset: 16, as: UInt32.self)
        }
        return raw
    }

    /// Full 40-character lower-case hex.
    public var hex: String {
        var raw = self.raw
        return withUnsafeBytes(of: &raw.id) { bytes in
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            var out = [UInt8](repeating: 0, count: 40)
            for i in 0..<20 {
                out[2 * i] = digits[Int(bytes[i] >> 4)]
                out[2 * i + 1] = digits[Int(bytes[i] & 0xF)]
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    public var description: String { hex }

    /// True for the all-zero id libgit2 uses for "no object" (e.g. the old side of an added file).
    public var isZero: Bool { a == 0 && b == 0 && c == 0 }

    public static func < (lhs: OID, rhs: OID) -> Bool { lhs.hex < rhs.hex }
}

extension OID {
    /// Runs `body` with a pointer to this id in libgit2's layout.
    @inline(__always)
    func withRaw<T>(_ body: (UnsafePointer<git_oid>) throws -> T) rethrows -> T {
        var raw = self.raw
        return try body(&raw)
    }
}

extension OID {
    /// The 20 raw bytes, the compact form stores keep.
    public var bytes: [UInt8] {
        var raw = self.raw
        return withUnsafeBytes(of: &raw.id) { Array($0) }
    }

    /// From 20 raw bytes; nil for any other length.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 20 else { return nil }
        // Contiguous storage (Data, [UInt8]) is copied in one go: reading a store's timeline
        // builds hundreds of thousands of ids, and the generic byte loop was a third of it.
        var raw = git_oid()
        let copied = bytes.withContiguousStorageIfAvailable { buffer in
            withUnsafeMutableBytes(of: &raw.id) { $0.copyMemory(from: UnsafeRawBufferPointer(buffer)) }
        }
        if copied != nil {
            self.init(raw)
            return
        }
        withUnsafeMutableBytes(of: &raw.id) { target in
            for (i, byte) in bytes.enumerated() { target[i] = byte }
        }
        self.init(raw)
    }
}
