#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, asked before anything opens it: `open()` on a FIFO blocks until a writer
/// appears, and a device can be endless, so only regular files are ever read.
public enum FileKind: Equatable, Sendable {
    case missing, directory, regular, other

    /// Follows symbolic links, as opening the path would.
    public static func of(_ path: String) -> FileKind {
        var status = stat()
        guard PathBytes.withCString(path, { stat($0, &status) }) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regular
        default: return .other
        }
    }

    /// The name for an error line: "a FIFO", "a socket", …
    public static func describe(_ path: String) -> String {
        var status = stat()
        guard PathBytes.withCString(path, { stat($0, &status) }) == 0 else { return "missing" }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return "a directory"
        case S_IFREG: return "a regular file"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }
}
