import GitKit

/// A line a fix deleted or changed (numbered in the fix's first parent) and where it came from.
public struct SZZLink: Sendable, Hashable {
    public var path: String
    public var line: Int
    public var origin: LineOrigin

    public init(path: String, line: Int, origin: LineOrigin) {
        self.path = path
        self.line = line
        self.origin = origin
    }
}

/// SZZ's choice of lines: those a fix deleted or changed, seen whitespace-blind (so
/// re-indentation is no change), without blank lines and lines that hold only a comment.
public enum SZZ {
    /// Candidate lines (1-based, in the parent's version) per parent path.
    public static func candidateLines(hunks: [Hunk], parentBytes: UnsafeRawBufferPointer, outline: BlobOutline?) -> [Int] {
        let starts = FunctionAttribution.lineStarts(parentBytes)
        var lines: [Int] = []
        for hunk in hunks where hunk.oldLines > 0 {
            for line in hunk.oldStart..<(hunk.oldStart + hunk.oldLines) where line >= 1 && line <= starts.count {
                let start = starts[line - 1]
                let end = line < starts.count ? starts[line] : parentBytes.count
                var blank = true
                for index in start..<end where !(parentBytes[index] == 0x20 || parentBytes[index] == 0x09
                                                  || parentBytes[index] == 0x0A || parentBytes[index] == 0x0D
                                                  || parentBytes[index] == 0x0C) {
                    blank = false
                    break
                }
                if blank || outline?.isCommentLine(line) == true { continue }
                lines.append(line)
            }
        }
        return lines
    }

    /// Traces candidate lines to their origins in the parent's state.
    public static func links(path: String, lines: [Int], parentOrigins: [LineOrigin]?) -> [SZZLink] {
        guard let parentOrigins else { return [] }
        return lines.compactMap { line in
            line <= parentOrigins.count ? SZZLink(path: path, line: line, origin: parentOrigins[line - 1]) : nil
        }
    }
}
