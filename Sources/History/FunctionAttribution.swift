import CodeModel
import GitKit

/// What history needs to know of one blob's code, from the frontends: its functions (spans
/// from the first decorator or attribute to the last line, and a hash of the body that ignores
/// whitespace) and the lines that hold only a comment. Cached in the store by blob id, so a
/// blob is parsed once ever.
public struct BlobOutline: Sendable, Hashable {
    public struct Function: Sendable, Hashable {
        public var name: String
        public var kind: Definition.Kind
        public var startLine: Int32
        public var endLine: Int32
        /// Hash of the lines after the header line, whitespace removed; 0 for a one-line body.
        public var bodyHash: UInt64

        public init(name: String, kind: Definition.Kind, startLine: Int32, endLine: Int32, bodyHash: UInt64) {
            self.name = name
            self.kind = kind
            self.startLine = startLine
            self.endLine = endLine
            self.bodyHash = bodyHash
        }
    }

    public var functions: [Function]
    /// Sorted, 1-based.
    public var commentLines: [Int32]

    public init(functions: [Function], commentLines: [Int32]) {
        self.functions = functions
        self.commentLines = commentLines
    }

    /// The innermost function whose span holds `line`.
    public func function(at line: Int) -> Function? {
        var best: Function?
        for function in functions where Int(function.startLine) <= line && line <= Int(function.endLine) {
            if best == nil || function.endLine - function.startLine <= best!.endLine - best!.startLine { best = function }
        }
        return best
    }

    public func isCommentLine(_ line: Int) -> Bool {
        var low = 0, high = commentLines.count
        while low < high {
            let mid = (low + high) / 2
            if Int(commentLines[mid]) < line { low = mid + 1 } else { high = mid }
        }
        return low < commentLines.count && Int(commentLines[low]) == line
    }
}

/// Lines one commit added and deleted inside one function of one file.
public struct FunctionChange: Sendable, Hashable {
    public var path: String
    public var name: String
    public var kind: Definition.Kind
    public var added: Int
    public var deleted: Int

    public init(path: String, name: String, kind: Definition.Kind, added: Int, deleted: Int) {
        self.path = path
        self.name = name
        self.kind = kind
        self.added = added
        self.deleted = deleted
    }
}

/// A function that a commit renamed (or moved into another type) without changing its body.
public struct FunctionRename: Sendable, Hashable {
    public var path: String
    public var oldName: String
    public var newName: String
}

/// Attributes a file's changed lines to the functions they fall in: deleted lines to the old
/// version's functions, added lines to the new version's (so a change to a decorator counts for
/// its function, and a moved function is seen on both sides under its name).
public enum FunctionAttribution {
    public static func attribute(path: String, old: BlobOutline?, new: BlobOutline?, hunks: [Hunk])
        -> (changes: [FunctionChange], renames: [FunctionRename]) {
        var byName: [String: FunctionChange] = [:]
        var order: [String] = []
        func count(_ function: BlobOutline.Function, added: Int, deleted: Int) {
            if byName[function.name] == nil {
                byName[function.name] = FunctionChange(path: path, name: function.name, kind: function.kind, added: 0, deleted: 0)
                order.append(function.name)
            }
            byName[function.name]!.added += added
            byName[function.name]!.deleted += deleted
        }
        for hunk in hunks {
            if let old {
                for line in hunk.oldStart..<(hunk.oldStart + hunk.oldLines) {
                    if let function = old.function(at: line) { count(function, added: 0, deleted: 1) }
                }
            }
            if let new {
                for line in hunk.newStart..<(hunk.newStart + hunk.newLines) {
                    if let function = new.function(at: line) { count(function, added: 1, deleted: 0) }
                }
            }
        }
        var renames: [FunctionRename] = []
        if let old, let new {
            let oldNames = Set(old.functions.map(\.name)), newNames = Set(new.functions.map(\.name))
            var vanished: [UInt64: String] = [:]
            for function in old.functions where !newNames.contains(function.name) && function.bodyHash != 0 {
                vanished[function.bodyHash] = function.name
            }
            for function in new.functions where !oldNames.contains(function.name) && function.bodyHash != 0 {
                if let oldName = vanished.removeValue(forKey: function.bodyHash) {
                    renames.append(FunctionRename(path: path, oldName: oldName, newName: function.name))
                }
            }
        }
        return (order.map { byName[$0]! }, renames)
    }

    /// FNV-1a over the non-whitespace bytes of lines `from...through` (1-based).
    public static func bodyHash(_ bytes: UnsafeRawBufferPointer, lineStarts: [Int], from: Int, through: Int) -> UInt64 {
        guard from <= through, from >= 1, from <= lineStarts.count else { return 0 }
        let start = lineStarts[from - 1]
        let end = through < lineStarts.count ? lineStarts[through] : bytes.count
        var hash: UInt64 = 0xcbf29ce484222325
        var any = false
        for index in start..<min(end, bytes.count) {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            hash = (hash ^ UInt64(byte)) &* 0x100000001b3
            any = true
        }
        return any ? hash : 0
    }

    /// Offsets where each line starts.
    public static func lineStarts(_ bytes: UnsafeRawBufferPointer) -> [Int] {
        var starts = [0]
        for index in 0..<bytes.count where bytes[index] == 0x0A && index + 1 < bytes.count { starts.append(index + 1) }
        return starts
    }
}
