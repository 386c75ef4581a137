import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The exclusive right to scan one repository. Built on `flock`, so the kernel releases it when
/// the holder exits in any way (SIGKILL included): no stale lock files to clean up by hand.
public final class ScanLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock; with `wait` false a held lock is `StoreError.locked` at once.
    public init(path: String, wait: Bool) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError.unwritable(path: path, message: String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw StoreError.locked(path: path, holder: holder?.isEmpty == false ? holder : nil)
        }
        descriptor = fd
        let note = "pid \(getpid()), since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Whether some process holds the lock now, asked without taking it (a shared lock on a
    /// read-only descriptor, so a reader that cannot write the store can ask too); nil when
    /// the lock file cannot be read.
    public static func isHeld(path: String) -> Bool? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return errno == ENOENT ? false : nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK ? true : nil
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
