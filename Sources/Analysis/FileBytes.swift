import Foundation
import Support

/// A whole file read straight into `[UInt8]`: the frontends take bytes, and going through
/// `FileManager.contents` meant a `Data` and then a copy of it for every file. Failures keep
/// the system's reason (permission, a directory, a vanished file) for the user's error line.
enum FileBytes {
    static func read(_ path: String) throws -> [UInt8] {
        // The type is checked before opening (a FIFO would block `open` itself) and again after
        // (the name may have been replaced in between); O_NONBLOCK keeps even that race from
        // hanging: it makes no difference to reading a regular file.
        let kind = FileKind.of(path)
        guard kind == .regular else {
            throw AnalysisError.unreadableBecause(path, kind == .missing ? String(cString: strerror(ENOENT)) : FileKind.describe(path))
        }
        let descriptor = PathBytes.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { throw AnalysisError.unreadableBecause(path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw AnalysisError.unreadableBecause(path, String(cString: strerror(errno)))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw AnalysisError.unreadableBecause(path, "not a regular file") }
        // One byte more than the size, so the read that finds the end needs no larger buffer.
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size) + 1)
        var filled = 0
        while true {
            // The size is a hint: a file that grew since `fstat` is read to its end.
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4_096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw AnalysisError.unreadableBecause(path, String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
