import Foundation
import GitKit
import History
import TestSupport
import Testing

/// `git diff-tree --numstat` is the oracle for every per-file count the miner produces.
@Suite struct NumstatTests {
    struct Row: Hashable, CustomStringConvertible {
        var added: String
        var deleted: String
        var path: String
        var description: String { "\(added)\t\(deleted)\t\(path)" }
    }

    /// Parses `git diff-tree -r -z --numstat`: `A\tD\tpath\0`, or for renames `A\tD\t\0old\0new\0`.
    static func parseNumstatZ(_ text: String) -> [Row] {
        var fields = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
        if fields.first?.range(of: "^[0-9a-f]{40}$", options: .regularExpression) != nil { fields.removeFirst() }
        var rows: [Row] = []
        var i = 0
        while i < fields.count {
            let field = fields[i].trimmingCharacters(in: .newlines)
            let parts = field.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if parts.count == 3 && parts[2].isEmpty {
                rows.append(Row(added: parts[0], deleted: parts[1], path: fields[i + 1] + " => " + fields[i + 2]))
                i += 3
            } else if parts.count == 3 {
                rows.append(Row(added: parts[0], deleted: parts[1], path: parts[2]))
                i += 1
            } else {
                i += 1
            }
        }
        return rows
    }

    static func ours(_ mined: MinedCommit, renames: Bool) -> [Row] {
        func text(_ n: Int?, _ binary: Bool) -> String { binary ? "-" : n.map(String.init) ?? "?" }
        var rows: [Row] = []
        let renamedOld = Set(mined.renames.map(\.oldPath)), renamedNew = Set(mined.renames.map(\.newPath))
        for change in mined.changes {
            if renames && (change.status == .deleted && renamedOld.contains(change.path)
                           || change.status == .added && renamedNew.contains(change.path)) { continue }
            rows.append(Row(added: text(change.added, change.isBinary), deleted: text(change.deleted, change.isBinary), path: change.path))
        }
        if renames {
            for r in mined.renames {
                rows.append(Row(added: text(r.added, r.isBinary), deleted: text(r.deleted, r.isBinary), path: r.oldPath + " => " + r.newPath))
            }
        }
        return rows
    }

    @Test func everyCommitMatchesGitDiffTreeNumstat() throws {
        let repo = try makeBranchyRepository()
        let miner = try HistoryMiner(repositoryPath: repo.path)
        let commits = try repo.git(["rev-list", "--no-merges", "HEAD"]).split(separator: "\n").map(String.init)
        #expect(commits.count == 15)
        for hex in commits {
            let mined = try miner.mine(try #require(OID(hex: hex)))
            let git = Self.parseNumstatZ(try repo.git(["diff-tree", "-r", "-z", "--root", "--no-renames", "--numstat", hex]))
            #expect(Set(Self.ours(mined, renames: false)) == Set(git), "commit \(hex)")
            #expect(Self.ours(mined, renames: false).map(\.path) == git.map(\.path), "order, commit \(hex)")
        }
    }

    @Test func renamesMatchGitDiffTreeM() throws {
        let repo = try makeBranchyRepository()
        let miner = try HistoryMiner(repositoryPath: repo.path)
        var renamesSeen = 0
        for hex in try repo.git(["rev-list", "--no-merges", "HEAD"]).split(separator: "\n").map(String.init) {
            let mined = try miner.mine(try #require(OID(hex: hex)))
            renamesSeen += mined.renames.count
            let git = Self.parseNumstatZ(try repo.git(["diff-tree", "-r", "-z", "--root", "-M", "--numstat", hex]))
            #expect(Set(Self.ours(mined, renames: true)) == Set(git), "commit \(hex)")
        }
        #expect(renamesSeen == 2)
    }

    @Test func hunksAreExactChangedRegions() throws {
        let repo = try TestRepository()
        try repo.write("f.py", (1...10).map { "line \($0)\n" }.joined())
        try repo.commitAll("one")
        var lines = (1...10).map { "line \($0)\n" }
        lines[2] = "changed 3\n"
        lines.insert("inserted\n", at: 7)
        lines.remove(at: 9)
        try repo.write("f.py", lines.joined())
        let head = try repo.commitAll("two")
        let mined = try HistoryMiner(repositoryPath: repo.path).mine(try #require(OID(hex: head)))
        let hunks = try #require(mined.changes.first).hunks
        let git = try repo.git(["diff", "-U0", "HEAD~1", "HEAD"]).split(separator: "\n")
            .filter { $0.hasPrefix("@@") }.map(String.init)
        func header(_ h: Hunk) -> String {
            func side(_ start: Int, _ count: Int) -> String { count == 1 ? "\(start)" : "\(start),\(count)" }
            return "@@ -\(side(h.oldStart, h.oldLines)) +\(side(h.newStart, h.newLines)) @@"
        }
        #expect(hunks.count == 3)
        #expect(hunks.map(header) == git.map { $0.components(separatedBy: " @@").first! + " @@" })
    }

    @Test func mailmapIsAppliedToAuthors() throws {
        let repo = try TestRepository()
        try repo.write(".mailmap", "Real Name <real@example.com> <old@example.com>\n")
        let head = try repo.commitAll("one", author: ("Old Name", "old@example.com"))
        let mined = try HistoryMiner(repositoryPath: repo.path).mine(try #require(OID(hex: head)))
        #expect(mined.author.name == "Real Name")
        #expect(mined.author.email == "real@example.com")
        #expect(mined.committer.name == "Test Author")
    }

    @Test func mergesCarryParentsButNoDiff() throws {
        let repo = try makeBranchyRepository()
        let miner = try HistoryMiner(repositoryPath: repo.path)
        let merge = try repo.git(["rev-list", "--merges", "-1", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let mined = try miner.mine(try #require(OID(hex: merge)))
        #expect(mined.isMerge)
        #expect(mined.parents.count == 2)
        #expect(mined.changes.isEmpty)
    }
}

@Suite struct RenameDetectionTests {
    /// Moves at several similarity levels, duplicate file names and identical empty files in
    /// one commit: every pairing decision must be git's.
    @Test func pairingEqualsGitOnHardCases() throws {
        let repo = try TestRepository()
        func body(_ tag: String, _ lines: Int) -> String { (1...lines).map { "\(tag) line \($0) with some text\n" }.joined() }
        func edited(_ text: String, keep fraction: Double) -> String {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            let keep = Int(Double(lines.count) * fraction)
            return lines.enumerated().map { $0.offset < keep ? String($0.element) : "rewritten \($0.offset)" }
                .joined(separator: "\n") + "\n"
        }
        let files: [(String, String)] = [
            ("a/same.py", body("same", 40)), ("a/eighty.py", body("eighty", 40)), ("a/sixty.py", body("sixty", 40)),
            ("a/forty.py", body("forty", 40)), ("a/dup.py", body("dup-a", 30)), ("b/dup.py", body("dup-b", 30)),
            ("a/__init__.py", ""), ("b/__init__.py", ""), ("a/half.py", body("half", 20)), ("a/crlf.txt", body("crlf", 10)),
        ]
        for (path, text) in files { try repo.write(path, text) }
        try repo.commitAll("before")
        for (path, _) in files { try repo.remove(path) }
        try repo.write("moved/same.py", body("same", 40))
        try repo.write("moved/eighty.py", edited(body("eighty", 40), keep: 0.8))
        try repo.write("elsewhere/sixty_renamed.py", edited(body("sixty", 40), keep: 0.6))
        try repo.write("moved/forty.py", edited(body("forty", 40), keep: 0.4))
        try repo.write("c/dup.py", edited(body("dup-b", 30), keep: 0.9))
        try repo.write("d/dup.py", edited(body("dup-a", 30), keep: 0.7))
        try repo.write("c/__init__.py", "")
        try repo.write("d/__init__.py", "")
        try repo.write("z/half.py", edited(body("half", 20), keep: 0.55))
        try repo.write("moved/crlf.txt", body("crlf", 10).replacingOccurrences(of: "\n", with: "\r\n"))
        let head = try repo.commitAll("after")
        let mined = try HistoryMiner(repositoryPath: repo.path).mine(try #require(OID(hex: head)))
        let git = NumstatTests.parseNumstatZ(try repo.git(["diff-tree", "-r", "-z", "-M", "--numstat", head]))
        #expect(git.filter { $0.path.contains(" => ") }.count >= 6)
        #expect(Set(NumstatTests.ours(mined, renames: true)) == Set(git))
    }
}
