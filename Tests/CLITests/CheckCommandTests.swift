import Foundation
import TestSupport
import Testing

@Suite struct CheckCommandTests {
    /// A small scanned history whose user is the test repository's author.
    func history() throws -> TestRepository {
        let repo = try TestRepository()
        for round in 0..<12 {
            try repo.write("app/core.py", (0...round).map { "def step_\($0)(x):\n    if x > \($0):\n        return x\n    return \($0)\n" }
                .joined(separator: "\n"))
            try repo.write("app/util\(round % 3).py", "def util(x):\n    return x * \(round)\n")
            try repo.commitAll(round % 4 == 3 ? "fix wrong step \(round)" : "add step \(round)")
        }
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        return repo
    }

    func stageChange(_ repo: TestRepository) throws {
        let core = try String(contentsOfFile: repo.path + "/app/core.py", encoding: .utf8)
        try repo.write("app/core.py", core.replacingOccurrences(of: "    return 4\n", with: "    if x < 0:\n        return -x\n    return 4\n"))
        try repo.write("app/new.py", "def fresh(a, b):\n    for i in range(a):\n        if i == b:\n            return i\n    return b\n")
        try repo.git(["add", "app/core.py", "app/new.py"])
    }

    @Test func thresholdsDecideTheExitCodeAndNothingIsWritten() throws {
        let repo = try history()
        try stageChange(repo)
        try repo.write("untracked.txt", "left alone\n")
        let index = try #require(FileManager.default.contents(atPath: repo.path + "/.git/index"))
        let status = try repo.git(["status", "--porcelain"])

        let blocked = try cli(["check", "--staged", "--fail-above", "0"], in: repo.path)
        #expect(blocked.status == 1, "\(blocked.stderr)")
        #expect(blocked.stdout.contains("BLOCKED"))
        #expect(blocked.stdout.contains("git commit --no-verify"))
        let lines = blocked.stdout.split(separator: "\n")
        #expect(lines.count <= 4 && lines.allSatisfy { $0.count <= 80 }, "\(blocked.stdout)")
        #expect(!blocked.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")

        let passes = try cli(["check", "--fail-above", "1"], in: repo.path)
        #expect(passes.status == 0, "\(passes.stderr)")
        #expect(passes.stdout.contains(": ok"))
        #expect(try cli(["check", "--staged", "--fail-above", "0", "--warn-only"], in: repo.path).status == 0)
        try repo.write(".prognosis.yml", "risk:\n  failAbove: 0.0\n")
        #expect(try cli(["check", "--staged"], in: repo.path).status == 1)
        try repo.write(".prognosis.yml", "risk:\n  failAbove: 2\n")
        let badConfig = try cli(["check", "--staged"], in: repo.path)
        #expect(badConfig.status == 2 && badConfig.stderr.contains("risk.failAbove"))
        try repo.remove(".prognosis.yml")

        let json = try cli(["check", "--staged", "--format", "json"], in: repo.path)
        let verdict = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(verdict["schemaVersion"] as? Int == 1)
        #expect((verdict["risk"] as? Double).map { $0 > 0 && $0 < 1 } == true)
        #expect((verdict["reasons"] as? [Any])?.isEmpty == false)
        #expect(try schemaErrors(json.stdout, schema: "Documentation/schemas/check-v1.schema.json") == "")

        // The gate read the index; it wrote neither it nor the work tree.
        #expect(FileManager.default.contents(atPath: repo.path + "/.git/index") == index)
        #expect(try repo.git(["status", "--porcelain"]) == status)
        #expect(try cli(["check"], in: NSTemporaryDirectory()).status == 2)
        #expect(try cli(["check", "--commit", "no-such-commit"], in: repo.path).status == 2)
    }

    /// The staged change scores exactly as the same change does once committed and scanned:
    /// the gate computes the very features the model learnt from.
    @Test func stagedChangeScoresAsItsCommitWill() throws {
        let repo = try history()
        try stageChange(repo)
        let date = "1800000000 +0000"  // after the history's own clock
        let message = "add fresh and guard step 4"
        let environment = ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date]
        let staged = try runStatus(prognosis, ["check", "--staged", "--format", "json", "--message", message], in: repo.path,
                                   environment: environment)
        #expect(staged.status == 0, "\(staged.stderr)")
        // The first check replays the history and keeps HEAD's state; the second reads it.
        let again = try runStatus(prognosis, ["check", "--staged", "--format", "json", "--message", message], in: repo.path,
                                  environment: environment)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(staged.stdout.utf8)) as? [String: Any])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(first["scoredFrom"] as? String == "replay")
        #expect(second["scoredFrom"] as? String == "state")
        #expect(first["risk"] as? Double == second["risk"] as? Double)
        #expect(first["reasons"] as? NSArray == second["reasons"] as? NSArray)
        #expect(first["touched"] as? NSArray == second["touched"] as? NSArray)
        try repo.git(["commit", "-q", "-m", message], environment: environment)
        // HEAD is not scanned yet: the gate scans it and says so once.
        let committed = try cli(["check", "--commit", "HEAD", "--format", "json"], in: repo.path)
        #expect(committed.status == 0, "\(committed.stderr)")
        #expect(committed.stderr.components(separatedBy: "scanning 1 commit").count == 2, "\(committed.stderr)")
        let before = try #require(try JSONSerialization.jsonObject(with: Data(staged.stdout.utf8)) as? [String: Any])
        let after = try #require(try JSONSerialization.jsonObject(with: Data(committed.stdout.utf8)) as? [String: Any])
        #expect(before["risk"] as? Double != nil)
        #expect(before["risk"] as? Double == after["risk"] as? Double)
        let reasons = { (verdict: [String: Any]) in (verdict["reasons"] as? [[String: Any]] ?? []).map { "\($0["feature"]!) \($0["weight"]!)" } }
        #expect(reasons(before) == reasons(after))
        #expect(!reasons(before).isEmpty)
    }

    /// The stored state answers as the replay does (renames, deletions, tests), and moves
    /// forward over new commits exactly (the key also holds the stored models; the counts of
    /// commits, fixes and links must add up, or the gate replays).
    @Test func storedStateIsInvalidatedAndAgreesWithTheReplay() throws {
        let repo = try history()
        try stageChange(repo)
        func verdict(_ environment: [String: String] = [:]) throws -> [String: Any] {
            let result = try runStatus(prognosis, ["check", "--format", "json"], in: repo.path, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        #expect(try verdict()["scoredFrom"] as? String == "replay")
        #expect(try verdict()["scoredFrom"] as? String == "state")
        // A rename with an edit, a deletion and a test file: the state answers as the replay does.
        try repo.git(["mv", "app/util1.py", "app/helpers.py"])
        try repo.write("app/helpers.py", "def util(x):\n    return x * 2\n\n\ndef more(y):\n    return y\n")
        try repo.git(["rm", "-q", "app/util2.py"])
        try repo.write("tests/test_core.py", "def test_step():\n    assert True\n")
        try repo.git(["add", "-A"])
        let fromState = try verdict()
        let replayed = try verdict(["PROGNOSIS_GATE_REPLAY": "1"])
        #expect(fromState["scoredFrom"] as? String == "state")
        #expect(replayed["scoredFrom"] as? String == "replay")
        #expect(fromState["risk"] as? Double == replayed["risk"] as? Double)
        #expect(fromState["reasons"] as? NSArray == replayed["reasons"] as? NSArray)
        // New commits move HEAD, one of them a fix whose SZZ links make an older commit
        // bug-introducing: the stored state is moved forward over them, and agrees with a replay.
        try repo.git(["commit", "-q", "-m", "move helpers"])
        let core = try String(contentsOfFile: repo.path + "/app/core.py", encoding: .utf8)
        try repo.write("app/core.py", core.replacingOccurrences(of: "    if x > 2:\n        return x\n", with: "    if x >= 2:\n        return x + 1\n"))
        try repo.git(["commit", "-q", "-am", "fix wrong comparison in step 2"])
        // It rewrites lines of step 2, whose first commit the fix just traced a bug back to.
        let fixed = try String(contentsOfFile: repo.path + "/app/core.py", encoding: .utf8)
        try repo.write("app/core.py", fixed.replacingOccurrences(of: "    if x > 3:\n", with: "    if x > 3 and x < 9:\n")
            .replacingOccurrences(of: "    return 2\n", with: "    return 20\n"))
        try repo.write("app/extra.py", "def extra(a):\n    return a\n")
        try repo.git(["add", "-A"])
        let advanced = try verdict()
        #expect(advanced["scoredFrom"] as? String == "advanced state")
        let replayedAgain = try verdict(["PROGNOSIS_GATE_REPLAY": "1"])
        #expect(advanced["risk"] as? Double == replayedAgain["risk"] as? Double)
        #expect(advanced["reasons"] as? NSArray == replayedAgain["reasons"] as? NSArray)
        #expect(try verdict()["scoredFrom"] as? String == "state")
    }

    /// A new repository's first commit has nothing to be scored against: it passes, and says so,
    /// rather than fail (which would block it).
    @Test func firstCommitIsNotBlocked() throws {
        let repo = try TestRepository()
        try repo.write("m.py", "def f(x):\n    return x\n")
        try repo.git(["add", "m.py"])
        let first = try cli(["check", "--staged", "--fail-above", "0"], in: repo.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("first commit"))
        #expect(try cli(["hooks", "install"], in: repo.path).status == 0)
        let commit = try runStatus("git", ["commit", "-q", "-m", "start"], in: repo.path,
                                   environment: ["HOME": repo.path, "GIT_CONFIG_NOSYSTEM": "1"])
        #expect(commit.status == 0, "\(commit.stderr)")
        // --commit names a revision: on an unborn branch that is an error (2), as documented.
        let empty = try TestRepository()
        #expect(try cli(["check", "--commit", "HEAD"], in: empty.path).status == 2)
    }

    @Test func worksWithoutAStoreWithinItsBound() throws {
        let repo = try TestRepository()
        for round in 0..<5 {
            try repo.write("m.py", "def f(x):\n" + (0...round).map { "    x += \($0)\n" }.joined() + "    return x\n")
            try repo.commitAll("change \(round)")
        }
        try repo.write("m.py", "def f(x):\n    return -x\n")
        try repo.git(["add", "m.py"])
        let tooMany = try cli(["check", "--staged", "--scan-limit", "3"], in: repo.path)
        #expect(tooMany.status == 0)
        #expect(tooMany.stderr.contains("run `prognosis scan` once"))
        let first = try cli(["check", "--staged", "--fail-above", "1"], in: repo.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("scanning 5 commit(s)"))
        #expect(first.stdout.contains("staged change risk"))
        let second = try cli(["check", "--staged", "--fail-above", "1"], in: repo.path)
        #expect(!second.stderr.contains("scanning"), "scanned once")
    }
}
