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
