import Foundation
import GRDB
import TestSupport
import Testing

/// `prognosis blame` and `prognosis history` through the real binary.
@Suite struct HistoryCommandTests {
    /// Renames on a branch, a hand-resolved merge conflict and whitespace-only edits: `blame`
    /// must print exactly what `git blame -w -s -l` prints, file name column included.
    static func makeRepository() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("src/calc.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n")
        try repo.write("Sources/App/main.swift", "let x = 1\nprint(x)\n")
        try repo.commitAll("initial")
        try repo.git(["checkout", "-q", "-b", "topic"])
        try repo.git(["mv", "src/calc.py", "src/arith.py"])
        try repo.write("src/arith.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a * b\n")
        try repo.commitAll("topic: rename calc to arith, add mul")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("Sources/App/main.swift", "let x  =  1\nprint(x)\nprint(x + 1)\n")
        try repo.commitAll("main: respace and print more")
        try repo.git(["merge", "-q", "--no-edit", "topic"])
        try repo.write("src/arith.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return b - a  # fixed\n\n\ndef mul(a, b):\n    return a * b\n")
        try repo.commitAll("Fix sub returning the wrong sign")
        return repo
    }

    @Test func blameIsByteForByteGitBlame() throws {
        let repo = try Self.makeRepository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        for path in ["src/arith.py", "Sources/App/main.swift"] {
            let ours = try cli(["blame", path], in: repo.path)
            #expect(ours.status == 0, "\(ours.stderr)")
            #expect(ours.stdout == (try repo.git(["blame", "-w", "-s", "-l", path])), "\(path)")
        }
        // At an older revision, and from a subfolder with a path relative to it.
        let old = try cli(["blame", "--rev", "HEAD~1", "arith.py"], in: repo.path + "/src")
        #expect(old.stdout == (try repo.git(["blame", "-w", "-s", "-l", "HEAD~1", "--", "src/arith.py"])))
    }

    @Test func blameAndHistoryFailClearly() throws {
        let repo = try Self.makeRepository()
        let before = try cli(["blame", "src/arith.py"], in: repo.path)
        #expect(before.status == 7, "not scanned yet: \(before.stderr)")
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        try repo.write("notes.txt", "plain text\n")
        try repo.commitAll("notes")
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let untracked = try cli(["blame", "notes.txt"], in: repo.path)
        #expect(untracked.status == 1)
        #expect(untracked.stderr.contains("only Swift and Python files are tracked"))
        #expect(try cli(["history"], in: repo.path).status == 64)
        #expect(try cli(["history", "src/arith.py", "--top", "3"], in: repo.path).status == 64)
        let unknown = try cli(["history", "src/nowhere.py"], in: repo.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no stored change to src/nowhere.py"))
        let noFunction = try cli(["history", "src/arith.py:nope"], in: repo.path)
        #expect(noFunction.status == 1)
        #expect(noFunction.stderr.contains("no stored change to nope in src/arith.py"))
        #expect(try cli(["blame", "src/arith.py", "--rev", "no-such-rev"], in: repo.path).status == 3)
    }

    @Test func historyTellsTheStoryOfFilesFunctionsAndBugs() throws {
        let repo = try Self.makeRepository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let file = try cli(["history", "src/arith.py", "--json"], in: repo.path)
        #expect(file.status == 0, "\(file.stderr)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(file.stdout.utf8)) as? [[String: Any]])
        // Followed through the rename: the initial commit (as calc.py), the rename, the fix.
        #expect(events.compactMap { $0["path"] as? String } == ["src/calc.py", "src/arith.py", "src/arith.py"])
        #expect(events.compactMap { $0["verdict"] as? String } == ["not-fix", "not-fix", "fix"])

        let function = try cli(["history", "src/arith.py:sub"], in: repo.path)
        #expect(function.stdout.contains("Fix sub returning the wrong sign"))
        #expect(function.stdout.contains("2 change(s), +3 -1 lines, 1 author(s), 1 fix(es), 1 bug-introducing"), "\(function.stdout)")
        #expect(function.stdout.contains("introduced lines later fixed by"))

        let bugs = try cli(["history", "--bug-introducing", "--json"], in: repo.path)
        let links = try #require(try JSONSerialization.jsonObject(with: Data(bugs.stdout.utf8)) as? [[String: Any]])
        let initial = try repo.git(["rev-list", "--max-parents=0", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(links.count == 1)
        #expect(links.first?["introducing"] as? String == initial)
        #expect(links.first?["lines"] as? [Int] == [6])
        #expect(links.first?["path"] as? String == "src/arith.py")
    }
}

@Suite struct StoreUpgradeTests {
    /// A schema-1 store (history mined without origins) is upgraded: its history is mined again
    /// so that every commit gets origins, and the user is told.
    @Test func aVersionOneStoreIsMinedAgainWithOrigins() throws {
        let repo = try HistoryCommandTests.makeRepository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let database = repo.path + "/.git/prognosis/prognosis.sqlite"
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: """
                DROP TABLE line_origins; DROP TABLE commit_labels; DROP TABLE szz_links; DROP TABLE function_changes;
                DROP TABLE function_renames; DROP TABLE blob_outlines;
                DELETE FROM grdb_migrations WHERE identifier LIKE 'v2%';
                PRAGMA user_version = 1;
                """)
        }
        let upgraded = try cli(["scan"], in: repo.path)
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(upgraded.stderr.contains("upgraded from schema 1"))
        #expect(upgraded.stdout.contains("Scanned 5 new commit(s)"), "\(upgraded.stdout)")
        let blame = try cli(["blame", "src/arith.py"], in: repo.path)
        #expect(blame.stdout == (try repo.git(["blame", "-w", "-s", "-l", "src/arith.py"])))
        #expect(try cli(["log", "--numstat"], in: repo.path).stdout == (try repo.git(["log", "--numstat", "--format=%H"])))
    }
}
