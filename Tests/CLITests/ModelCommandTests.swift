import Foundation
import TestSupport
import Testing

/// `train`, `predict` and `evaluate` through the real binary: their documented exit codes and
/// their JSON.
@Suite struct ModelCommandTests {
    @Test func exitCodesOnBadInput() throws {
        let repo = try TestRepository()
        try repo.write("a.py", "def f():\n    return 1\n")
        try repo.commitAll("one")
        // Not scanned: 7.
        #expect(try cli(["predict", "--level", "file"], in: repo.path).status == 7)
        #expect(try cli(["scan"], in: repo.path).status == 0)
        // Too little history to learn anything: 9, with the reason on stderr.
        let train = try cli(["train", "--level", "commit"], in: repo.path)
        #expect(train.status == 9)
        #expect(train.stderr.contains("too little history"))
        // Unknown revision: 3.
        #expect(try cli(["predict", "--at", "nope"], in: repo.path).status == 3)
        // A bad horizon is a usage error: 64.
        #expect(try cli(["evaluate", "--horizon", "soon"], in: repo.path).status == 64)
    }

    /// A blob-less partial clone: nothing at HEAD can be read, so `predict` says so and why
    /// (exit 1) instead of printing an empty ranking; the clone gains no object.
    @Test func partialCloneSaysWhatItCannotRead() throws {
        let origin = try TestRepository()
        try origin.write("pkg/a.py", "def f(x):\n    return x\n")
        try origin.commitAll("one")
        try origin.write("pkg/a.py", "def f(x):\n    return x + 1\n")
        try origin.commitAll("fix f")
        try origin.git(["config", "uploadpack.allowFilter", "true"])
        let clone = NSTemporaryDirectory() + "prognosis-partial-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try run("git", ["clone", "-q", "--filter=blob:none", "--no-checkout", "file://" + origin.path, clone])
        let missingBefore = try run("git", ["rev-list", "--objects", "--missing=print", "--all"], in: clone)
        #expect(try cli(["scan", "-q"], in: clone).status == 0)
        let predict = try cli(["predict", "--level", "function", "--model", "default"], in: clone)
        #expect(predict.status == 1)
        #expect(predict.stderr.contains("could be read") && predict.stderr.contains("git fetch"), "\(predict.stderr)")
        #expect(predict.stdout.isEmpty)
        #expect(try run("git", ["rev-list", "--objects", "--missing=print", "--all"], in: clone) == missingBefore)
    }

    /// On a history with planted risk, the commands run end to end and `predict --format json`
    /// gives the documented shape.
    @Test func trainPredictEvaluate() throws {
        let repo = try TestRepository()
        var day = 1_600_000_000
        // Two days apart: the oldest commits are past the 90 days a label needs to mature.
        func commit(_ message: String) throws {
            day += 2 * 86_400
            try repo.git(["add", "-A"])
            try repo.git(["commit", "-q", "-m", message], environment: ["GIT_AUTHOR_DATE": "\(day) +0000", "GIT_COMMITTER_DATE": "\(day) +0000"])
        }
        var lines = ["def planted(x):", "    total = 0"]
        for round in 0..<40 {
            lines.append("    total += \(round)")
            try repo.write("risky.py", (lines + ["    return total", ""]).joined(separator: "\n"))
            try commit("tweak \(round)")
            lines[1] = "    total = \(round % 2)"
            lines[lines.count - 1] = "    total += \(round) * 2"
            try repo.write("risky.py", (lines + ["    return total", ""]).joined(separator: "\n"))
            try commit("fix bug \(round)")
            try repo.write("docs/calm\(round % 5).py", "def calm\(round)():\n    return \(round)\n")
            try commit("calm \(round)")
        }
        #expect(try cli(["scan"], in: repo.path).status == 0)
        let train = try cli(["train", "--level", "commit", "--cutoffs", "0"], in: repo.path)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("commit: "))
        let predict = try cli(["predict", "--level", "commit", "--range", "HEAD~6..HEAD", "--format", "json"], in: repo.path)
        #expect(predict.status == 0, "\(predict.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(predict.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        let commits = try #require(document["commits"] as? [[String: Any]])
        #expect(commits.count == 6)
        for commit in commits {
            let risk = try #require(commit["risk"] as? Double)
            #expect(risk >= 0 && risk <= 1)
            #expect((commit["sha"] as? String)?.count == 40)
            #expect(commit["reasons"] is [[String: Any]])
        }
        // The own model learnt from too few examples: the shipped default scores, and says why.
        let model = try #require(document["model"] as? [String: Any])
        #expect(model["source"] as? String == "default")
        #expect((model["note"] as? String)?.contains("needs to be trusted") == true)
        let own = try cli(["predict", "--level", "commit", "--model", "repository", "--format", "json"], in: repo.path)
        let ownModel = try #require((try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [String: Any])?["model"] as? [String: Any])
        #expect(ownModel["source"] as? String == "repository")
        let evaluate = try cli(["evaluate", "--level", "commit", "--horizon", "20d", "--cutoffs", "2"], in: repo.path)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("Prognosis model"))
        #expect(evaluate.stdout.contains("LApredict"))
    }
}
