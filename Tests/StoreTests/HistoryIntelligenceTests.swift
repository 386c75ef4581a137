import CodeModel
import Foundation
import GitKit
import History
import Reporting
import Scanning
import Store
import TestSupport
import Testing

/// Line origins, function attribution and SZZ on hand-built histories, with `git blame -w` as
/// the oracle.
@Suite struct HistoryIntelligenceTests {
    /// The commit of each line of `path` at `rev`, as `git blame -w --porcelain` says.
    static func gitBlame(_ repo: TestRepository, _ path: String, rev: String = "HEAD") throws -> [String] {
        blameCommits(porcelain: try repo.git(["blame", "-w", "--porcelain", rev, "--", path]))
    }

    static func ours(_ repo: TestRepository, _ path: String, rev: String = "HEAD") throws -> [String] {
        let repository = try Repository(discovering: repo.path)
        let store = try Store(location: StoreLocation(gitCommonDirectory: repository.commonDirectory), create: false)
        return try #require(try store.resolvedOrigins(ofPath: path, at: try repository.resolveCommit(rev))).map { $0.commit.hex }
    }

    static func tracked(_ repo: TestRepository, rev: String = "HEAD") throws -> [String] {
        try repo.git(["ls-tree", "-r", "--name-only", rev]).split(separator: "\n").map(String.init)
            .filter { Language(path: $0) != nil }
    }

    /// Merges where each side changes other lines, a conflict resolved by hand, a merge that takes
    /// the second parent's version whole, whitespace-only edits, a rename with edits on a branch,
    /// a file deleted and re-added, and a criss-cross of branches.
    static func makeMergeHistory() throws -> TestRepository {
        let repo = try makeBranchyRepository()
        try repo.git(["checkout", "-q", "main"])
        let lines = (1...30).map { "value_\($0) = \($0)" }
        try repo.write("lib/a.py", lines.joined(separator: "\n") + "\n")
        try repo.write("lib/b.swift", "struct B {\n    func run() -> Int {\n        return 1\n    }\n}\n")
        try repo.commitAll("add a and b")
        try repo.git(["checkout", "-q", "-b", "m-side"])
        var side = lines
        side[2] = "value_3 = 300"
        side[20] = "value_21 = 2100"
        try repo.write("lib/a.py", side.joined(separator: "\n") + "\n")
        try repo.git(["mv", "lib/b.swift", "lib/renamed.swift"])
        try repo.write("lib/renamed.swift", "struct B {\n    func run() -> Int {\n        return 2\n    }\n}\n")
        try repo.commitAll("side: edit a, move and edit b")
        try repo.git(["checkout", "-q", "main"])
        var main = lines
        main[10] = "value_11 = 1100"
        main[20] = "value_21 = -21"
        try repo.write("lib/a.py", main.map { $0.replacingOccurrences(of: " = ", with: "  =  ") }.joined(separator: "\n") + "\n")
        try repo.commitAll("main: edit a, respace every line")
        _ = try? repo.git(["merge", "-q", "--no-edit", "m-side"])
        var resolved = lines
        resolved[2] = "value_3 = 300"
        resolved[10] = "value_11 = 1100"
        resolved[20] = "value_21 = 0  # resolved by hand"
        resolved.append("merged = True")
        try repo.write("lib/a.py", resolved.joined(separator: "\n") + "\n")
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "--no-edit"])
        // A merge that keeps the second parent's file whole.
        try repo.git(["checkout", "-q", "-b", "m-theirs"])
        try repo.write("lib/c.py", "x = 1\ny = 2\n")
        try repo.commitAll("theirs: c")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("lib/c.py", "x = 1\n")
        try repo.commitAll("main: c")
        _ = try? repo.git(["merge", "-q", "--no-edit", "m-theirs"])
        try repo.git(["checkout", "m-theirs", "--", "lib/c.py"])
        try repo.git(["commit", "-q", "--no-edit"])
        // Deleted and re-added.
        try repo.remove("lib/c.py")
        try repo.commitAll("drop c")
        try repo.write("lib/c.py", "x = 1\nz = 3\n")
        try repo.commitAll("bring c back")
        // Criss-cross.
        try repo.git(["checkout", "-q", "-b", "m-cross"])
        try repo.write("lib/a.py", (resolved + ["cross = 1"]).joined(separator: "\n") + "\n")
        try repo.commitAll("cross: append")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("lib/a.py", (["# head"] + resolved).joined(separator: "\n") + "\n")
        try repo.commitAll("main: prepend")
        try repo.git(["merge", "-q", "--no-edit", "m-cross"])
        try repo.git(["checkout", "-q", "m-cross"])
        try repo.git(["merge", "-q", "--no-edit", "main"])
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["merge", "-q", "--no-edit", "m-cross"])
        return repo
    }

    @Test func originsEqualGitBlameOnEveryFileAndRevision() throws {
        let repo = try Self.makeMergeHistory()
        _ = try Scanner.scan(repositoryPath: repo.path)
        var compared = 0
        for rev in try repo.git(["rev-list", "HEAD"]).split(separator: "\n").map(String.init) {
            for path in try Self.tracked(repo, rev: rev) {
                let theirs = try Self.gitBlame(repo, path, rev: rev)
                #expect(try Self.ours(repo, path, rev: rev) == theirs, "\(path) at \(rev.prefix(8))")
                compared += theirs.count
            }
        }
        #expect(compared > 500)
    }

    @Test func anIncrementalScanContinuesFromTheStoredOrigins() throws {
        let repo = try Self.makeMergeHistory()
        let middle = try repo.git(["rev-parse", "HEAD~4"]).trimmingCharacters(in: .whitespacesAndNewlines)
        var options = ScanOptions()
        options.revision = middle
        _ = try Scanner.scan(repositoryPath: repo.path, options: options)
        let second = try Scanner.scan(repositoryPath: repo.path)
        #expect(second.commitsStored > 0)
        for path in try Self.tracked(repo) {
            #expect(try Self.ours(repo, path) == Self.gitBlame(repo, path), "\(path)")
        }
    }

    @Test func functionChangesAreAttributedToTheFunctionsTheyTouch() throws {
        let repo = try TestRepository()
        let original = """
            import functools


            class Shop:
                def open(self):
                    return 1

                @functools.cache
                def price(self, item):
                    total = item * 2
                    return total

                def close(self):
                    pass


            def helper(a, b):
                x = a + b
                y = x * 2
                return y

            """
        try repo.write("shop.py", original)
        let initial = try repo.commitAll("initial")
        // Inside one method.
        try repo.write("shop.py", original.replacingOccurrences(of: "total = item * 2", with: "total = item * 3"))
        let one = try repo.commitAll("change price")
        // Across two methods.
        var text = original.replacingOccurrences(of: "total = item * 2", with: "total = item * 3")
        text = text.replacingOccurrences(of: "return 1", with: "return 2").replacingOccurrences(of: "pass", with: "return None")
        try repo.write("shop.py", text)
        let two = try repo.commitAll("change open and close")
        // In a decorator.
        text = text.replacingOccurrences(of: "@functools.cache", with: "@functools.lru_cache(maxsize=8)")
        try repo.write("shop.py", text)
        let decorator = try repo.commitAll("decorator")
        // A function renamed with its body unchanged.
        text = text.replacingOccurrences(of: "def helper(a, b):", with: "def combine(a, b):")
        try repo.write("shop.py", text)
        let renamed = try repo.commitAll("rename helper")

        _ = try Scanner.scan(repositoryPath: repo.path)
        let repository = try Repository(discovering: repo.path)
        let store = try Store(location: StoreLocation(gitCommonDirectory: repository.commonDirectory), create: false)
        func changes(_ oid: String) throws -> [String: (Int, Int)] {
            var result: [String: (Int, Int)] = [:]
            for change in try store.functionChanges(at: OID(hex: oid)!) { result[change.name] = (change.added, change.deleted) }
            return result
        }
        let first = try changes(one)
        #expect(first.keys.sorted() == ["Shop.price"])
        #expect(first["Shop.price"]! == (1, 1))
        #expect(try changes(two).keys.sorted() == ["Shop.close", "Shop.open"])
        #expect(try changes(decorator).keys.sorted() == ["Shop.price"])
        #expect(try changes(renamed).keys.sorted() == ["combine", "helper"])
        let renames = try store.functionRenames(at: OID(hex: renamed)!)
        #expect(renames.map { "\($0.old)→\($0.new)" } == ["helper→combine"])
        // The function's story follows the rename back.
        let story = try store.history(path: "shop.py", function: "combine")
        #expect(Set(story.map(\.commit)) == [initial, renamed], "added as helper, renamed to combine")
        #expect(Set(story.compactMap(\.function)) == ["helper", "combine"])
        // Per-function records, under the newest name.
        let stats = Dictionary(uniqueKeysWithValues: try store.functionStats().map { ($0.function, $0) })
        #expect(stats["Shop.price"]?.changes == 3, "added, changed, decorator changed")
        #expect(stats["combine"]?.changes == 2, "added as helper, renamed")
        #expect(stats["helper"] == nil)
        #expect(stats["Shop.open"]?.changes == 2)
        #expect(stats["Shop.open"]?.authors == 1)
        #expect(stats["Shop.price"]?.added == 6 && stats["Shop.price"]?.deleted == 2, "4 lines with its decorator, then two one-line edits")
    }

    @Test func szzTracesAFixToTheCommitsThatWroteTheLinesItChanged() throws {
        let repo = try TestRepository()
        try repo.write("calc.py", "def area(w, h):\n    # width times height\n    return w * h\n\n\ndef cost(n):\n    return n * 2\n")
        let introducing = try repo.commitAll("add area and cost")
        try repo.write("calc.py", "def area(w, h):\n    # width times height\n    return w * h\n\n\ndef cost(n):\n    return n * 3\n")
        let second = try repo.commitAll("make cost dearer")
        // The fix: changes a line of each commit, a comment, re-indents nothing else, adds lines.
        try repo.write("calc.py", "def area(w, h):\n    # area of a rectangle\n    return abs(w) * abs(h)\n\n\ndef cost(n):\n    return max(n, 0) * 3\n")
        let fix = try repo.commitAll("Fix negative sizes crashing the report (#12)")
        try repo.write("README.md", "typo fixed\n")
        try repo.commitAll("fix typo in readme")

        let result = try Scanner.scan(repositoryPath: repo.path)
        #expect(result.fixCommits == 1)
        let repository = try Repository(discovering: repo.path)
        let store = try Store(location: StoreLocation(gitCommonDirectory: repository.commonDirectory), create: false)
        let links = try store.bugIntroductions()
        #expect(Set(links.map(\.fix)) == [fix])
        var byIntroducing: [String: [Int]] = [:]
        for link in links { byIntroducing[link.introducing, default: []] += link.lines }
        // Line 3 (area's return) came from the first commit, line 7 (cost's return) from the second;
        // line 2 is a comment and is not traced.
        #expect(byIntroducing == [introducing: [3], second: [7]])
        // The oracle: git blame of the fix's parent, line by line.
        let parentBlame = try Self.gitBlame(repo, "calc.py", rev: fix + "^")
        for link in links { for line in link.lines { #expect(parentBlame[line - 1] == link.introducing) } }
        #expect(try store.verdict(of: OID(hex: fix)!) == "fix")
    }

    @Test func szzLinksEqualABlameOfEachFixParentOnABranchyHistory() throws {
        let repo = try Self.makeMergeHistory()
        // Label every non-merge commit a fix, so every changed line is traced.
        var options = ScanOptions()
        options.classifier.extraPatterns = ["."]
        options.classifier.harmlessWords = []
        _ = try Scanner.scan(repositoryPath: repo.path, options: options)
        let repository = try Repository(discovering: repo.path)
        let store = try Store(location: StoreLocation(gitCommonDirectory: repository.commonDirectory), create: false)
        let links = try store.bugIntroductions()
        #expect(links.count > 3)
        var checked = 0
        for link in links {
            let blame = try Self.gitBlame(repo, link.path, rev: link.fix + "^")
            for line in link.lines {
                #expect(blame[line - 1] == link.introducing, "\(link.path):\(line) fixed by \(link.fix.prefix(8))")
                checked += 1
            }
        }
        #expect(checked >= 8)
    }
}

