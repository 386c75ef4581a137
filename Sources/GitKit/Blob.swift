import CGit2
import Foundation

/// A blob object. Owns its `git_blob` handle; content is read without copying until asked.
public final class Blob {
    let pointer: OpaquePointer
    /// Blobs live in their repository's object cache: it must outlive them.
    let repository: Repository

    init(_ pointer: OpaquePointer, repository: Repository) {
        self.pointer = pointer
        self.repository = repository
    }
    deinit { git_blob_free(pointer) }

    public var oid: OID { OID(git_blob_id(pointer)) }
    public var size: Int { Int(git_blob_rawsize(pointer)) }

    /// git's rule, which `git diff` and `git log --numstat` use: a NUL byte in the first
    /// 8,000 bytes makes a file binary.
    public var isBinary: Bool {
        withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, 0, min(bytes.count, 8000)) != nil
        }
    }

    /// Runs `body` over the blob's bytes, which stay valid only for the call.
    public func withUnsafeBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let count = size
        guard count > 0, let base = git_blob_rawcontent(pointer) else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the content.
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Number of lines as git counts them for an added or deleted file: newline characters,
    /// plus one for a last line without a newline.
    public var lineCount: Int {
        withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else { return 0 }
            var count = 0
            var cursor = base
            var remaining = bytes.count
            while remaining > 0, let hit = memchr(cursor, 0x0A, remaining) {
                count += 1
                let advance = UnsafeRawPointer(hit) - cursor + 1
                cursor = UnsafeRawPointer(hit) + 1
                remaining -= advance
            }
            if bytes[bytes.count - 1] != 0x0A { count += 1 }
            return count
        }
    }
}
