import Foundation
import TestSupport
import Testing

/// `prognosis fix`, `rules` and `feedback` through the real binary, on real repositories.
@Suite struct FixCommandTests {
    /// A repository with a scanned history, a risky function that holds two findings of one
    /// rule, and a quiet file with one finding of another.
    func repository() throws -> TestRepository {
        let repo = try TestRepository()
        for round in 0..<8 {
            try repo.write("app/store.py", """
            def load(path, cache={}):
                if path in cache:
                    return cache[path]
                try:
                    with open(path) as f:
                        cache[path] = f.read()
                except:
                    return None
                if cache[path] == None:
                    return ""
                return cache[path] * \(round)

            """)
            try repo.write("app/quiet.py", "def ok(x):\n    return x == None\n")
            try repo.commitAll(round % 3 == 2 ? "fix load \(round)" : "work on load \(round)")
        }
        try repo.write("Sources/Lib/Thing.swift", "func read(_ d: [String: Int]) {\n    let v = d[\"k\"]!\n    print(v)\n}\n")
        try repo.commitAll("add swift")
        return repo
    }

    /// Everything a fix run must leave alone: HEAD, the index, the work tree, every ref but its own.
    func snapshot(_ repo: TestRepository) throws -> [String] {
        let index = FileManager.default.contents(atPath: repo.path + "/.git/index") ?? Data()
        let refs = try repo.git(["for-each-ref", "--format=%(refname) %(objectname)"])
            .split(separator: "\n").filter { !$0.hasPrefix("refs/heads/prognosis/") }.joined(separator: "\n")
        return [try repo.git(["rev-parse", "HEAD"]), try repo.git(["symbolic-ref", "HEAD"]), index.base64EncodedString(), refs,
                try repo.git(["status", "--porcelain", "--untracked-files=all"]),
                try String(contentsOfFile: repo.path + "/app/store.py", encoding: .utf8)]
    }

    @Test func dryRunPrintsDiffsAndChangesNothing() throws {
        let repo = try repository()
        try repo.write("untracked.py", "x = 1\n")
        let before = try snapshot(repo)
        let result = try cli(["fix"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("+def load(path, cache=None):"))
        #expect(result.stdout.contains("+        cache = {}"))
        #expect(result.stdout.contains("-    except:") && result.stdout.contains("+    except Exception:"))
        #expect(result.stdout.contains("+    guard let v = d[\"k\"] else { return }"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(try snapshot(repo) == before)
        #expect(try repo.git(["branch", "--list", "prognosis/*"]).isEmpty)

        let json = try cli(["fix", "--format", "json", "--top", "0"], in: repo.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let fixes = try #require(object["fixes"] as? [[String: Any]])
        #expect(object["schemaVersion"] as? Int == 1)
        #expect(Set(fixes.map { $0["rule"] as? String ?? "" }) ==
                ["mutable-default-argument", "bare-except", "none-comparison", "open-without-encoding", "force-unwrap-lookup"])
        // Two `== None` findings in two files are two groups: one branch per rule and file.
        #expect(fixes.filter { $0["rule"] as? String == "none-comparison" }.count == 2)

        let filtered = try cli(["fix", "--format", "json", "--rule", "E722", "--path", "app/**"], in: repo.path)
        let only = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any])
        #expect((only["fixes"] as? [[String: Any]])?.map { $0["rule"] as? String } == ["bare-except"])
        let unknown = try cli(["fix", "--rule", "no-such-rule"], in: repo.path)
        #expect(unknown.status == 64 && unknown.stderr.contains("no-such-rule"))

        // --base reads that revision's tree: the Swift file came with HEAD, so at HEAD~1 it is not there.
        let parent = try cli(["fix", "--format", "json", "--top", "0", "--base", "HEAD~1"], in: repo.path)
        let atParent = try #require(try JSONSerialization.jsonObject(with: Data(parent.stdout.utf8)) as? [String: Any])
        let parentRules = Set(((atParent["fixes"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        #expect(parentRules.contains("bare-except") && !parentRules.contains("force-unwrap-lookup"), "\(parentRules)")
        #expect(try cli(["fix", "--base", "no-such-revision"], in: repo.path).status == 3)
        let outside = try cli(["fix"], in: NSTemporaryDirectory())
        #expect(outside.status == 2 && outside.stderr.contains("error"))

        // lint: findings exit 1; a missing path is an error that names it.
        let lint = try cli(["lint", "--format", "json", repo.path + "/app"], in: repo.path)
        #expect(lint.status == 1 && lint.stdout.contains("\"rule\":\"bare-except\""), "\(lint.stdout)")
        let missing = try cli(["lint", repo.path + "/no-such.py"], in: repo.path)
        #expect(missing.status != 0 && missing.stderr.contains("no such file or folder"), "\(missing.stderr)")
    }

    @Test func branchesAreOneCommitOnTheBaseAndTouchNothingElse() throws {
        let repo = try repository()
        try repo.git(["branch", "feature"])
        try repo.write("app/quiet.py", "def ok(x):\n    return x  # edited, not staged\n")
        let before = try snapshot(repo)
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)

        let result = try cli(["fix", "--open-branches", "--top", "0"], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try snapshot(repo) == before, "work tree, index, HEAD and other refs are untouched")
        let branches = try repo.git(["branch", "--list", "prognosis/*", "--format=%(refname:short)"])
            .split(separator: "\n").map(String.init).sorted()
        #expect(branches == ["prognosis/fix/bare-except/app-store.py", "prognosis/fix/force-unwrap-lookup/Sources-Lib-Thing.swift",
                             "prognosis/fix/mutable-default-argument/app-store.py", "prognosis/fix/none-comparison/app-quiet.py",
                             "prognosis/fix/none-comparison/app-store.py", "prognosis/fix/open-without-encoding/app-store.py"])
        for branch in branches {
            #expect(try repo.git(["rev-parse", branch + "^"]).trimmingCharacters(in: .whitespacesAndNewlines) == head)
            #expect(try repo.git(["rev-list", "--count", head + ".." + branch]).trimmingCharacters(in: .whitespaces) == "1\n")
            #expect(try repo.git(["diff", "--name-only", head, branch]).split(separator: "\n").count == 1)
        }
        let diff = try repo.git(["diff", head, "prognosis/fix/none-comparison/app-store.py"])
        #expect(diff.contains("-    if cache[path] == None:") && diff.contains("+    if cache[path] is None:"))
        let message = try repo.git(["log", "-1", "--format=%B", "prognosis/fix/bare-except/app-store.py"])
        #expect(message.contains("What was risky") && message.contains("What the edit does") && message.contains("Why it is safe"))
        #expect(message.contains("Prognosis-Rule: bare-except (ruff E722)"))
        // The fixed files compile with CPython.
        let fixed = try repo.git(["show", "prognosis/fix/mutable-default-argument/app-store.py:app/store.py"])
        #expect(fixed.contains("    if cache is None:\n        cache = {}\n"))
        if let python = Corpora.python() {
            #expect(try runStatus(python, ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], input: Data(fixed.utf8)).status == 0)
        }
        _ = try repo.git(["fsck", "--strict"])

        // A second run leaves existing branches alone; --force replaces them.
        let again = try cli(["fix", "--open-branches", "--rule", "bare-except"], in: repo.path)
        #expect(again.stdout.contains("kept the existing prognosis/fix/bare-except/app-store.py"))
        try repo.git(["branch", "-f", "prognosis/fix/bare-except/app-store.py", "feature~1"])
        let forced = try cli(["fix", "--open-branches", "--rule", "bare-except", "--force"], in: repo.path)
        #expect(forced.stdout.contains("opened prognosis/fix/bare-except/app-store.py"), "\(forced.stdout)")
        #expect(try repo.git(["rev-parse", "prognosis/fix/bare-except/app-store.py^"]) == (try repo.git(["rev-parse", "HEAD"])))
        #expect(try snapshot(repo) == before)
    }

    @Test func verifyKeepsPassingBranchesOnlyAndRemovesItsWorktree() throws {
        let repo = try repository()
        let before = try snapshot(repo)
        let temporary = FileManager.default.temporaryDirectory.path
        let leftovers = { Set((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).filter { $0.hasPrefix("prognosis-verify-") } }
        let existing = leftovers()
        // The command sees the fixed tree: it passes only where store.py has no bare except.
        let check = "test -f app/store.py && ! grep -q 'except:' app/store.py"
        let result = try cli(["fix", "--open-branches", "--top", "0", "--path", "app/store.py", "--verify", check], in: repo.path)
        #expect(result.status == 0, "\(result.stderr)")
        let branches = try repo.git(["branch", "--list", "prognosis/*", "--format=%(refname:short)"]).split(separator: "\n")
        #expect(branches == ["prognosis/fix/bare-except/app-store.py"], "\(result.stdout)")
        #expect(result.stdout.contains("1 branches opened, 3 dropped by --verify"))
        #expect(try repo.git(["log", "-1", "--format=%B", "prognosis/fix/bare-except/app-store.py"]).contains("passed in a temporary worktree"))
        #expect(leftovers() == existing, "the temporary worktrees are removed")
        #expect(try repo.git(["worktree", "list"]).split(separator: "\n").count == 1)

        let failing = try cli(["fix", "--open-branches", "--top", "0", "--rule", "open-without-encoding", "--verify", "exit 3"], in: repo.path)
        #expect(failing.status == 0)
        #expect(try repo.git(["branch", "--list", "prognosis/fix/open-without-encoding/*"]).isEmpty, "a failing verify leaves no branch")
        #expect(leftovers() == existing)
        #expect(try snapshot(repo) == before)
        _ = try repo.git(["fsck"])
    }

    @Test func interruptedVerifyRemovesItsWorktreeAndKeepsNoBranch() throws {
        let repo = try repository()
        let marker = repo.path + "-verify-started"
        let process = try startPrognosis(["fix", "--open-branches", "--rule", "bare-except", "--verify", "touch \(marker); sleep 30"],
                                         in: repo.path)
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { usleep(50_000) }
        #expect(FileManager.default.fileExists(atPath: marker))
        defer { try? FileManager.default.removeItem(atPath: marker) }
        let folders = { ((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)) ?? [])
            .filter { $0.hasPrefix("prognosis-verify-\(process.processIdentifier)") } }
        #expect(!folders().isEmpty, "the verify folder exists while the command runs")
        process.interrupt()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(folders().isEmpty)
        #expect(try repo.git(["branch", "--list", "prognosis/*"]).isEmpty)
    }

    @Test func feedbackAndMergesMoveTheRuleRecord() throws {
        let repo = try repository()
        #expect(try cli(["fix", "--open-branches", "--top", "0"], in: repo.path).status == 0)
        // Merged into the main line: accepted. Deleted unmerged: rejected.
        try repo.git(["merge", "-q", "--no-edit", "prognosis/fix/bare-except/app-store.py"])
        try repo.git(["branch", "-D", "prognosis/fix/none-comparison/app-quiet.py"])
        // A squash merge counts too: the fixed file reached HEAD.
        try repo.git(["merge", "-q", "--squash", "prognosis/fix/open-without-encoding/app-store.py"])
        try repo.git(["commit", "-q", "-m", "squashed"])
        let scan = try cli(["scan"], in: repo.path)
        #expect(scan.stdout.contains("prognosis/fix/none-comparison/app-quiet.py: deleted unmerged, counted as rejected"), "\(scan.stdout)")
        #expect(scan.stdout.contains("prognosis/fix/bare-except/app-store.py: merged, counted as accepted"))
        let rules = try cli(["rules"], in: repo.path)
        #expect(rules.status == 0)
        let line = { (id: String) in rules.stdout.split(separator: "\n").first { $0.hasPrefix(id + " ") }.map(String.init) ?? "" }
        #expect(line("bare-except").contains("1✓ 0✗"), "\(rules.stdout)")
        #expect(line("none-comparison").contains("0✓ 1✗"), "\(rules.stdout)")
        #expect(line("open-without-encoding").contains("1✓ 0✗"), "\(rules.stdout)")

        // Verdicts by finding id, from a dry run's JSON.
        let json = try cli(["fix", "--format", "json", "--rule", "force-unwrap-lookup"], in: repo.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let finding = try #require(((object["fixes"] as? [[String: Any]])?.first?["findings"] as? [[String: Any]])?.first?["id"] as? String)
        let wrong = try cli(["feedback", "wrong", finding, "--why", "the key is always there"], in: repo.path)
        #expect(wrong.status == 0 && wrong.stdout.contains("force-unwrap-lookup"), "\(wrong.stderr)")
        #expect(try cli(["feedback", "accept", "0000deadbeef"], in: repo.path).status == 1)
        let after = try cli(["rules", "force-unwrap-lookup"], in: repo.path)
        #expect(after.stdout.contains("Record: 0 accepted, 1 rejected; expected acceptance 0.40"), "\(after.stdout)")
        #expect(after.stdout.contains("Triggers (↓ marks the finding)"))
        #expect(try cli(["rules", "nope"], in: repo.path).status == 64)
    }

    @Test func rulesSwitchedOffInTheConfigurationDoNotRun() throws {
        let repo = try repository()
        try repo.write(".prognosis.yml", "rules:\n  bare-except: off\n  E711: false\n")
        let json = try cli(["fix", "--format", "json", "--top", "0"], in: repo.path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rules = Set(((object["fixes"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String })
        #expect(!rules.contains("bare-except") && !rules.contains("none-comparison") && rules.contains("mutable-default-argument"))
        try repo.write(".prognosis.yml", "rules:\n  no-such-rule: off\n")
        #expect(try cli(["fix"], in: repo.path).status == 64)
    }

    @Test func findingsAreRankedByFunctionRiskTimesAcceptance() throws {
        let repo = try repository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        func plan() throws -> [[String: Any]] {
            let json = try cli(["fix", "--format", "json", "--top", "0"], in: repo.path)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect((object["ranking"] as? String)?.contains("model") == true, "\(object["ranking"] ?? "")")
            return try #require(object["fixes"] as? [[String: Any]])
        }
        let first = try plan()
        for fix in first {
            let risk = try #require(fix["risk"] as? Double, "every finding here sits in a scored function")
            #expect(abs((fix["score"] as? Double ?? -1) - risk * (fix["acceptance"] as? Double ?? -1)) < 1e-9)
        }
        let scores = first.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        // Rejections lower a rule's acceptance (Beta(2, 2) prior: 2/7 after three) and its rank.
        let top = try #require(first.first)
        let rule = try #require(top["rule"] as? String)
        let id = try #require((top["findings"] as? [[String: Any]])?.first?["id"] as? String)
        for _ in 0..<3 { #expect(try cli(["feedback", "reject", id], in: repo.path).status == 0) }
        let second = try plan()
        let moved = try #require(second.first { $0["rule"] as? String == rule && $0["path"] as? String == top["path"] as? String })
        #expect(abs((moved["acceptance"] as? Double ?? 0) - 2.0 / 7.0) < 1e-9)
        let reordered = second.compactMap { $0["score"] as? Double }
        #expect(reordered == reordered.sorted(by: >))
    }

    /// The report carries the rules' findings in the files it details: in its JSON (schema
    /// valid) and in SARIF under `prognosis/rule/<id>`, apart from the model's results.
    @Test func theReportCarriesRuleFindings() throws {
        let repo = try repository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let json = try cli(["report", "--format", "json"], in: repo.path)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        let ids = Set(findings.compactMap { $0["ruleID"] as? String })
        #expect(ids.isSuperset(of: ["prognosis/rule/bare-except", "prognosis/rule/mutable-default-argument"]), "\(ids)")
        let bare = try #require(findings.first { $0["ruleID"] as? String == "prognosis/rule/bare-except" })
        #expect(bare["path"] as? String == "app/store.py" && bare["line"] as? Int == 7 && bare["severity"] as? String == "warning")
        #expect(try schemaErrors(json.stdout, schema: "Documentation/schemas/report-v1.schema.json") == "")
        let sarif = try cli(["report", "--format", "sarif"], in: repo.path)
        #expect(sarif.stdout.contains("\"ruleId\" : \"prognosis/rule/bare-except\""), "\(sarif.stdout.prefix(400))")
        #expect(try schemaErrors(sarif.stdout, schema: "Tests/Fixtures/sarif-schema-2.1.0.json") == "")
    }
}
