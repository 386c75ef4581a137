import FixBranches
import Foundation
import Testing
import TestSupport

/// The dry run's diffs are git's: the same hunks and lines as `git diff --no-index -U3`.
struct UnifiedDiffTests {
    func gitDiff(_ old: String, _ new: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prognosis-udiff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try old.write(to: folder.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        try new.write(to: folder.appendingPathComponent("b"), atomically: true, encoding: .utf8)
        let result = try runStatus("git", ["diff", "--no-index", "--no-color", "-U3", "a", "b"], in: folder.path)
        // Everything from the first hunk on, without the function-name context git adds after `@@ … @@`.
        return result.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("@@") }.map { line in
            guard line.hasPrefix("@@"), let close = line.range(of: " @@", range: line.index(line.startIndex, offsetBy: 2)..<line.endIndex)
            else { return line }
            return String(line[..<close.upperBound])
        }.joined(separator: "\n")
    }

    @Test(arguments: [
        [5], [0], [39], [3, 9], [3, 20], [0, 39], [10, 11, 12],
    ])
    func hunksMatchGit(_ changed: [Int]) throws {
        let lines = (0..<40).map { "line \($0)" }
        var edited = lines
        for index in changed.reversed() {
            if index % 3 == 0 {
                edited[index] = "changed \(index)"
            } else if index % 3 == 1 {
                edited.insert("inserted before \(index)", at: index)
            } else {
                edited.remove(at: index)
            }
        }
        let old = lines.joined(separator: "\n") + "\n", new = edited.joined(separator: "\n") + "\n"
        let ours = UnifiedDiff.render(path: "f.py", old: Array(old.utf8), new: Array(new.utf8))
        let body = ours.components(separatedBy: "\n").drop { !$0.hasPrefix("@@") }.joined(separator: "\n")
        #expect(body == (try gitDiff(old, new)), "\(ours)")
        #expect(ours.hasPrefix("--- a/f.py\n+++ b/f.py\n"))
    }
}
