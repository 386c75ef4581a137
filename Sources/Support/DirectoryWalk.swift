#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one walk over a work tree's folders. Names are read as bytes (`readdir`) and carried in
/// `PathBytes`' lossless form, so a file whose name is not UTF-8 is found and can be opened;
/// symbolic links to folders are not followed (a link cycle cannot trap the walk).
public enum DirectoryWalk {
    public enum Failure: Error, Equatable {
        case cannotOpen(path: String, reason: String)
    }

    /// Every entry below `root` that is not a folder (files, links, FIFOs: the reader decides),
    /// as paths relative to `root`, in no particular order. `skipFolder` sees each folder's name
    /// and relative path and can keep the walk out of it.
    public static func files(under root: String, skipFolder: (_ name: String, _ relative: String) -> Bool) throws -> [String] {
        var result: [String] = []
        var pending: [String] = [""]
        while let relative = pending.popLast() {
            let full = relative.isEmpty ? root : root + "/" + relative
            guard let directory = PathBytes.withCString(full, { opendir($0) }) else {
                if relative.isEmpty { throw Failure.cannotOpen(path: root, reason: String(cString: strerror(errno))) }
                continue  // a folder that vanished or is unreadable mid-walk: skipped, as `find` would
            }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    let length = bytes.firstIndex(of: 0) ?? bytes.count
                    return PathBytes.string(UnsafeBufferPointer(rebasing: bytes[0..<length]))
                }
                if name == "." || name == ".." { continue }
                let child = relative.isEmpty ? name : relative + "/" + name
                if isFolder(entry.pointee.d_type, path: full + "/" + name) {
                    if !skipFolder(name, child) { pending.append(child) }
                } else {
                    result.append(child)
                }
            }
        }
        return result
    }

    private static func isFolder(_ type: UInt8, path: String) -> Bool {
        if type == UInt8(DT_DIR) { return true }
        if type != UInt8(DT_UNKNOWN) { return false }
        var status = stat()
        return PathBytes.withCString(path) { lstat($0, &status) } == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
