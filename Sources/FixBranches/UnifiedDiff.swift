import Foundation
import GitKit

/// `diff -u` of one file's edit, from the same line diff the history uses.
public enum UnifiedDiff {
    public static func render(path: String, old: [UInt8], new: [UInt8], context: Int = 3) -> String {
        let oldLines = lines(old), newLines = lines(new)
        let hunks = old.withUnsafeBytes { a in new.withUnsafeBytes { b in LineDiff.hunks(old: a, new: b, options: .git) } }
        guard !hunks.isEmpty else { return "" }
        var output = "--- a/\(path)\n+++ b/\(path)\n"
        // Merge hunks whose context would touch.
        var groups: [[Hunk]] = []
        for hunk in hunks {
            if let last = groups.last?.last, hunk.oldStart - (last.oldStart + last.oldLines) <= 2 * context {
                groups[groups.count - 1].append(hunk)
            } else {
                groups.append([hunk])
            }
        }
        for group in groups {
            let first = group[0], last = group[group.count - 1]
            // Hunk starts are 1-based; a zero-length side starts after the line it follows.
            let oldFrom = max(1, start(first.oldStart, first.oldLines) - context)
            let oldTo = min(oldLines.count, start(last.oldStart, last.oldLines) + max(last.oldLines, 0) - 1 + context)
            let newFrom = oldFrom + (start(first.newStart, first.newLines) - start(first.oldStart, first.oldLines))
            var body: [String] = []
            var oldLine = oldFrom, newLine = newFrom
            for hunk in group {
                let hunkOld = start(hunk.oldStart, hunk.oldLines)
                while oldLine < hunkOld { body.append(" " + oldLines[oldLine - 1]); oldLine += 1; newLine += 1 }
                for _ in 0..<hunk.oldLines { body.append("-" + oldLines[oldLine - 1]); oldLine += 1 }
                for _ in 0..<hunk.newLines { body.append("+" + newLines[newLine - 1]); newLine += 1 }
            }
            while oldLine <= oldTo { body.append(" " + oldLines[oldLine - 1]); oldLine += 1; newLine += 1 }
            let oldCount = body.filter { !$0.hasPrefix("+") }.count
            let newCount = body.filter { !$0.hasPrefix("-") }.count
            output += "@@ -\(oldFrom),\(oldCount) +\(newFrom),\(newCount) @@\n" + body.joined(separator: "\n") + "\n"
        }
        return output
    }

    static func start(_ line: Int, _ count: Int) -> Int { count == 0 ? line + 1 : line }

    static func lines(_ bytes: [UInt8]) -> [String] {
        var result = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        if result.last == "" { result.removeLast() }
        return result.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }
    }
}
