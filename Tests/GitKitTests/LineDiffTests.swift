import Foundation
import GitKit
import TestSupport
import Testing

/// `LineDiff` must give exactly git's hunks: against `git diff --no-index -U0` (zero context,
/// so git trims the common tail as blame does) and against libgit2's xdiff (which does not),
/// with and without -w, on real files changed in the ways history changes them.
@Suite struct LineDiffTests {
    static let standardLibrary = Corpora.cpythonStandardLibrary()

    static func diff(_ old: String, _ new: String, _ options: LineDiffOptions = .git) -> [Hunk] {
        Array(old.utf8).withUnsafeBytes { a in Array(new.utf8).withUnsafeBytes { b in LineDiff.hunks(old: a, new: b, options: options) } }
    }

    @Test func simpleEdits() {
        #expect(Self.diff("a\nb\nc\n", "a\nc\n") == [Hunk(oldStart: 2, oldLines: 1, newStart: 1, newLines: 0)])
        #expect(Self.diff("a\nc\n", "a\nb\nc\n") == [Hunk(oldStart: 1, oldLines: 0, newStart: 2, newLines: 1)])
        #expect(Self.diff("a\nb\n", "a\nB\n") == [Hunk(oldStart: 2, oldLines: 1, newStart: 2, newLines: 1)])
        #expect(Self.diff("", "x\ny\n") == [Hunk(oldStart: 0, oldLines: 0, newStart: 1, newLines: 2)])
        #expect(Self.diff("x\ny\n", "") == [Hunk(oldStart: 1, oldLines: 2, newStart: 0, newLines: 0)])
        #expect(Self.diff("same\n", "same\n").isEmpty)
        // A last line losing its newline is a change, except to -w.
        #expect(Self.diff("a\nb\n", "a\nb") == [Hunk(oldStart: 2, oldLines: 1, newStart: 2, newLines: 1)])
        #expect(Self.diff("a\nb\n", "a\nb", .gitBlameIgnoringWhitespace).isEmpty)
        #expect(Self.diff("if x:\n    y()\n", "if x:\n\ty( )\r\n", .gitBlameIgnoringWhitespace).isEmpty)
        // git's isspace leaves out form feed, so -w still sees it.
        #expect(Self.diff("a\n", "\u{0C}a\n", .gitBlameIgnoringWhitespace).count == 1)
    }

    /// A change that can slide: without the heuristic it ends as low as it can; with it, it
    /// goes where the blank lines and indentation make the better split (as git places it).
    @Test func indentHeuristicChoosesTheSplit() {
        let old = "    b()\n\n\nif a:\nif a:\nclass C:\n"
        let new = "    b()\n\n\nif a:\n\n\nif a:\nif a:\nclass C:\n"
        #expect(Self.diff(old, new) == [Hunk(oldStart: 3, oldLines: 0, newStart: 4, newLines: 3)])
        #expect(Self.diff(old, new, LineDiffOptions(indentHeuristic: false))
            == [Hunk(oldStart: 4, oldLines: 0, newStart: 5, newLines: 3)])
    }

    /// A line repeated in a long common tail looks "too common" to xdiff's cleanup unless the
    /// tail is trimmed first, as git does for zero-context diffs (blame): then the line is kept,
    /// matched, and splits the change in four. libgit2, which does not trim, sees one hunk.
    @Test func trimmedTailChangesTheResultAsInGit() throws {
        let repeated = "    return " + String(repeating: "x", count: 190)
        var old: [String] = [], new: [String] = []
        for i in 0..<4 {
            old += (0..<5).map { "old_\(i)_\($0)()" } + [repeated]
            new += (0..<5).map { "new_\(i)_\($0)()" } + [repeated]
        }
        let tail = Array(repeating: repeated, count: 20)
        let a = (old + tail).joined(separator: "\n") + "\n", b = (new + tail).joined(separator: "\n") + "\n"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linediff-tail-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(a.utf8).write(to: URL(fileURLWithPath: directory + "/a.py"))
        try Data(b.utf8).write(to: URL(fileURLWithPath: directory + "/b.py"))
        let git = try Self.gitHunks(directory + "/a.py", directory + "/b.py", ignoringWhitespace: true)
        #expect(git.count == 4)
        #expect(Self.diff(a, b, .gitBlameIgnoringWhitespace) == git)
        let untrimmed = Self.diff(a, b, LineDiffOptions(ignoreWhitespace: true, trimCommonTail: false))
        #expect(untrimmed.count == 1)
        let libgit2 = try Array(a.utf8).withUnsafeBytes { x in
            try Array(b.utf8).withUnsafeBytes { y in try Repository.libgit2Hunks(old: x, new: y, ignoringWhitespace: true) }
        }
        #expect(untrimmed == libgit2)
    }

    /// Deterministic edits of the kinds history makes: lines deleted, inserted, duplicated
    /// (so changes can slide), blocks moved and re-indented, whitespace and line ends changed.
    static func mutate(_ lines: [String], seed: UInt64) -> [String] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(max(bound, 1)))
        }
        var result = lines
        for _ in 0..<(1 + next(6)) {
            guard !result.isEmpty else { break }
            let at = next(result.count)
            switch next(8) {
            case 0: result.removeSubrange(at..<min(result.count, at + 1 + next(8)))
            case 1: result.insert("    inserted_\(next(1000)) = \(next(9))", at: at)
            case 2: result.insert(contentsOf: result[at..<min(result.count, at + 1 + next(4))], at: next(result.count))
            case 3:
                let block = Array(result[at..<min(result.count, at + 2 + next(10))])
                result.removeSubrange(at..<at + block.count)
                result.insert(contentsOf: block, at: next(result.count + 1))
            case 4:
                for index in at..<min(result.count, at + 1 + next(12)) { result[index] = "    " + result[index] }
            case 5: result[at] = result[at] + (next(2) == 0 ? "  " : "\r")
            case 6: result.insert("", at: at)
            default: result[at] = "changed_\(next(100))"
            }
        }
        return result
    }

    /// git's own hunks for two files: `git diff --no-index -U0`.
    static func gitHunks(_ old: String, _ new: String, ignoringWhitespace: Bool) throws -> [Hunk] {
        let result = try runStatus("git", ["-c", "core.quotepath=off", "diff", "--no-index", "--no-color", "-U0"]
                                   + (ignoringWhitespace ? ["-w"] : []) + ["--", old, new])
        guard result.status <= 1 else { throw TestFailure("git diff failed: \(result.stderr)") }
        var hunks: [Hunk] = []
        // Split on bytes: a CR before the newline would make "\r\n" one Character.
        for raw in result.stdout.utf8.split(separator: UInt8(ascii: "\n")) where raw.starts(with: Array("@@ ".utf8)) {
            let fields = String(decoding: raw, as: UTF8.self).split(separator: " ")
            func range(_ field: Substring) -> (Int, Int) {
                let parts = field.dropFirst().split(separator: ",")
                return (Int(parts[0])!, parts.count > 1 ? Int(parts[1])! : 1)
            }
            let (oldStart, oldLines) = range(fields[1])
            let (newStart, newLines) = range(fields[2])
            hunks.append(Hunk(oldStart: oldStart, oldLines: oldLines, newStart: newStart, newLines: newLines))
        }
        return hunks
    }

    @Test(.enabled(if: standardLibrary != nil, "skipped: needs python3's standard library"), .timeLimit(.minutes(10)))
    func equalsGitAndLibgit2OnEditedStandardLibraryFiles() throws {
        let files = try #require(Self.standardLibrary).files
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("linediff-\(getpid())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var pairs = 0, equalGit = 0, equalLibgit2 = 0, libgit2Pairs = 0
        var differences: [String] = []
        // Every 40th file, three edits of each, and each against the next file (unrelated
        // content: large edits, where xdiff's cost heuristics decide).
        for (n, path) in files.enumerated() where n % 20 == 0 {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            var versions = (1...3).map { Self.mutate(lines, seed: UInt64(n * 3 + $0)).joined(separator: "\n") }
            if n + 1 < files.count, let other = FileManager.default.contents(atPath: files[n + 1]),
               let otherText = String(data: other, encoding: .utf8) {
                versions.append(otherText)
            }
            let oldPath = directory + "/old.py"
            try data.write(to: URL(fileURLWithPath: oldPath))
            for (v, version) in versions.enumerated() {
                let newPath = directory + "/new\(v).py"
                try Data(version.utf8).write(to: URL(fileURLWithPath: newPath))
                for blind in [false, true] {
                    pairs += 1
                    let ours = data.withUnsafeBytes { a in
                        Array(version.utf8).withUnsafeBytes { b in
                            LineDiff.hunks(old: a, new: b, options: blind ? .gitBlameIgnoringWhitespace : LineDiffOptions(trimCommonTail: true))
                        }
                    }
                    let theirs = try Self.gitHunks(oldPath, newPath, ignoringWhitespace: blind)
                    if ours == theirs {
                        equalGit += 1
                    } else if differences.count < 5 {
                        differences.append("git: \(path) edit \(v) -w=\(blind): ours \(ours), git \(theirs)")
                    }
                    // libgit2: no tail trimming, C's isspace, indent heuristic only with -w.
                    if blind && (data.contains(0x0B) || data.contains(0x0C)) { continue }
                    libgit2Pairs += 1
                    let untrimmed = data.withUnsafeBytes { a in
                        Array(version.utf8).withUnsafeBytes { b in
                            (LineDiff.hunks(old: a, new: b, options: LineDiffOptions(ignoreWhitespace: blind, indentHeuristic: blind,
                                                                                     trimCommonTail: false)),
                             try? Repository.libgit2Hunks(old: a, new: b, ignoringWhitespace: blind))
                        }
                    }
                    if untrimmed.0 == untrimmed.1 {
                        equalLibgit2 += 1
                    } else if differences.count < 5 {
                        differences.append("libgit2: \(path) edit \(v) -w=\(blind)")
                    }
                }
            }
        }
        print("LineDiff: \(equalGit)/\(pairs) pairs equal to git diff -U0, \(equalLibgit2)/\(libgit2Pairs) to libgit2")
        #expect(pairs > 300)
        #expect(equalGit == pairs, "\(differences)")
        #expect(equalLibgit2 == libgit2Pairs, "\(differences)")
    }
}
