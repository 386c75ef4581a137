import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct StagedDiffTests {
    @Test func stagedDiffEqualsGitDiffCachedNumstat() throws {
        let repo = try makeBranchyRepository()
        try repo.write("app/feature.py", "def feature():\n    return 44\n\n# more\n")
        try repo.write("new_module.py", "x = 1\ny = 2\n")
        try repo.write("unstaged.py", "not staged\n")
        try repo.git(["add", "app/feature.py", "new_module.py"])
        try repo.git(["rm", "-q", "--cached", "side.py"])
        try repo.write("app/feature.py", "work tree only change\n")

        let r = try Repository(discovering: repo.path)
        let diff = try r.stagedDiff()
        var ours: [String] = []
        for i in 0..<diff.count {
            let d = diff.delta(at: i)
            let s = try diff.stats(at: i)
            ours.append("\(s.added)\t\(s.deleted)\t\(d.status == .deleted ? d.oldPath : d.newPath)")
        }
        let git = try repo.git(["diff", "--cached", "--numstat", "--no-renames"]).split(separator: "\n").map(String.init)
        #expect(git.count == 3)
        #expect(ours == git)
    }

    @Test func stagedDiffOnUnbornBranch() throws {
        let repo = try TestRepository()
        try repo.write("first.py", "a\nb\n")
        try repo.git(["add", "first.py"])
        let diff = try Repository(discovering: repo.path).stagedDiff()
        #expect(diff.count == 1)
        #expect(try diff.stats(at: 0).added == 2)
    }

    @Test func stagedRenameIsDetected() throws {
        let repo = try makeBranchyRepository()
        try repo.git(["mv", "side.py", "renamed_side.py"])
        let diff = try Repository(discovering: repo.path).stagedDiff()
        #expect(diff.count == 2)
        try diff.findRenames()
        #expect(diff.count == 1)
        let delta = diff.delta(at: 0)
        #expect(delta.status == .renamed)
        #expect(delta.oldPath == "side.py" && delta.newPath == "renamed_side.py")
        #expect(delta.similarity == 100)
        #expect(try repo.git(["diff", "--cached", "--name-status", "-M"]).hasPrefix("R100\tside.py\trenamed_side.py"))
    }
}
