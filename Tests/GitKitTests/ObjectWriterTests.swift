import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct ObjectWriterTests {
    /// Everything a user could lose: the index file, every work-tree file, HEAD and the refs.
    func snapshot(_ repo: TestRepository) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let fm = FileManager.default
        let root = URL(fileURLWithPath: repo.path)
        let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker {
            let rel = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if rel.hasPrefix(".git/objects") || rel.hasPrefix(".git/logs") { continue }
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files[rel] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func writingABranchLeavesIndexWorkTreeAndHeadUntouched() throws {
        let repo = try makeBranchyRepository()
        // Work in progress the user must not lose: a staged edit and an unstaged one.
        try repo.write("app/feature.py", "staged edit\n")
        try repo.git(["add", "app/feature.py"])
        try repo.write("side.py", "unstaged edit\n")
        let before = try snapshot(repo)
        let statusBefore = try repo.git(["--no-optional-locks", "status", "--porcelain=v2", "--branch"])

        let r = try Repository(discovering: repo.path)
        let head = try r.resolveCommit("HEAD")
        let base = try r.commit(head)
        let writer = ObjectWriter(repository: r)
        let tree = try writer.writeTree(base: try base.tree(), changes: [
            "app/feature.py": Array("def feature():\n    return 0\n".utf8),
            "fixes/new/deep.py": Array("pass\n".utf8),
            "side.py": nil,
        ])
        let sig = Signature(name: "Prognosis", email: "prognosis@localhost", time: 1_700_000_000, offsetMinutes: 60)
        let commit = try writer.writeCommit(tree: tree, parents: [head], message: "prognosis: fix", author: sig, committer: sig)
        try writer.createBranch(named: "prognosis/fix-1", at: commit)

        let after = try snapshot(repo).filter { $0.key != ".git/refs/heads/prognosis/fix-1" }
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        #expect(changed.isEmpty, "changed: \(changed.sorted())")
        #expect(try repo.git(["--no-optional-locks", "status", "--porcelain=v2", "--branch"]) == statusBefore)
        #expect(try repo.git(["rev-parse", "prognosis/fix-1"]).trimmingCharacters(in: .whitespacesAndNewlines) == commit.hex)
        #expect(try repo.git(["show", "prognosis/fix-1:app/feature.py"]) == "def feature():\n    return 0\n")
        #expect(try repo.git(["show", "prognosis/fix-1:fixes/new/deep.py"]) == "pass\n")
        let files = try repo.git(["ls-tree", "-r", "--name-only", "prognosis/fix-1"])
        #expect(!files.contains("side.py"))
        let fsck = try runStatus("git", ["fsck", "--strict"], in: repo.path)
        #expect(fsck.status == 0, "\(fsck.stderr)")
    }

    @Test func existingBranchIsNeverMoved() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        let feature = try r.resolveCommit("feature")
        #expect(throws: GitError.referenceExists("refs/heads/feature")) {
            try ObjectWriter(repository: r).createBranch(named: "feature", at: try r.resolveCommit("HEAD"))
        }
        #expect(try r.resolveCommit("feature") == feature)
    }
}
