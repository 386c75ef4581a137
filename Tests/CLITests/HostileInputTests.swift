import Foundation
import GitKit
import Store
import TestSupport
import Testing

/// Issue 12: the product tried as a hostile new user would — odd names, planted escape
/// sequences, odd objects and files — on real repositories built with plain git.
@Suite struct HostileInputTests {
    /// Runs a shell line in the repository: the only way to hand raw bytes to git and to us.
    func sh(_ script: String, in repo: TestRepository) throws -> ProcessResult {
        try runStatus("/bin/sh", ["-c", script], in: repo.path,
                      environment: ["PROGNOSIS": prognosis, "GIT_CONFIG_NOSYSTEM": "1", "HOME": repo.path, "LC_ALL": "C"])
    }

    @Test func namesThatAreNotUTF8StayApart() throws {
        let repo = try TestRepository()
        #expect(try sh("""
            printf 'def f(x):\\n    if x:\\n        return 1\\n' > "$(printf 'x\\377.py')"
            printf 'def g():\\n    return 2\\n' > "$(printf 'x\\376.py')"
            git add -A && git commit -qm one
            printf 'def f(x):\\n    if x:\\n        return 3\\n' > "$(printf 'x\\377.py')"
            printf 'def g():\\n    return 4\\n' > "$(printf 'x\\376.py')"
            git commit -qam two
            git mv "$(printf 'x\\376.py')" "$(printf 'y\\376.py')" && git commit -qm three
            """, in: repo).status == 0)
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let log = try cli(["log", "--numstat"], in: repo.path)
        #expect(log.stdout == (try repo.git(["log", "--numstat", "--format=%H"])))
        #expect(log.stdout.contains("\"x\\377.py\"") && log.stdout.contains("\"x\\376.py\""))
        let summary = try cli(["summary"], in: repo.path).stdout
        #expect(summary.contains("x\\xff.py") && summary.contains("x\\xfe.py"), "\(summary)")
        #expect(summary.contains("2  +4/-1  x\\xff.py"), "two files with two changes each, not one with four")

        let metrics = try cli(["metrics", "--format", "json"], in: repo.path)
        #expect(metrics.status == 0, "\(metrics.stderr)")
        #expect(metrics.stdout.contains("\"x\\udcff.py\"") && metrics.stdout.contains("\"y\\udcfe.py\""))

        // blame takes the raw name and serves git's own answer.
        let ours = try sh("\"$PROGNOSIS\" blame \"$(printf 'x\\377.py')\"", in: repo)
        let theirs = try sh("git blame -w -s -l \"$(printf 'x\\377.py')\"", in: repo)
        #expect(ours.status == 0, "\(ours.stderr)")
        #expect(!ours.stdout.isEmpty && ours.stdout == theirs.stdout)
        let history = try sh("\"$PROGNOSIS\" history \"$(printf 'y\\376.py')\"", in: repo)
        #expect(history.stdout.contains("3 change(s)"), "the rename is followed: \(history.stdout) \(history.stderr)")
    }

    @Test func commitMetadataIsReadAsGitReadsIt() throws {
        let repo = try TestRepository()
        #expect(try sh("""
            echo a > a.py && git add a.py
            printf 'Caf\\351 au lait\\n' > msg
            git -c i18n.commitEncoding=ISO-8859-1 -c user.name="$(printf 'Jos\\351')" commit -q -F msg
            T=$(git rev-parse HEAD^{tree}); P=$(git rev-parse HEAD)
            C=$(printf "tree $T\\nparent $P\\nauthor No Email 1700000000 +0000\\ncommitter C <c@x> 1700000000 +0000\\n\\nodd author\\n" | git hash-object -t commit -w --literally --stdin)
            git update-ref refs/heads/main $C
            """, in: repo).status == 0)
        #expect(try repo.git(["log", "--format=%an"]).contains("José"))
        let scan = try cli(["scan", "-q"], in: repo.path)
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(try cli(["log"], in: repo.path).stdout == (try repo.git(["log", "--format=%H"])))
        let summary = try cli(["summary"], in: repo.path).stdout
        #expect(summary.contains("José <author@example.com>"), "\(summary)")
        #expect(summary.contains("No Email <>"), "\(summary)")
        let history = try cli(["history", "a.py"], in: repo.path).stdout
        #expect(history.contains("José: Café au lait"), "\(history)")
    }

    @Test func plantedEscapeSequencesAreShownNotObeyed() throws {
        let repo = try TestRepository()
        let evil = "\u{1b}[2J\u{1b}]0;owned\u{07}\u{1b}c"
        try repo.write("evil\u{1b}[31m.py", "def f(:\n    pass\n@@@ \u{1b}c\n")
        try repo.write("ok.py", "def g():\n    return 1\n")
        try repo.commitAll("subject \(evil)", author: ("Mallory \(evil)", "m@example.com"))
        try repo.write("ok.py", "def g():\n    return 2\n")
        try repo.commitAll("fix \(evil) again", author: ("Mallory \(evil)", "m@example.com"))
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        var outputs: [(String, ProcessResult)] = []
        for arguments in [["summary"], ["store", "info"], ["history", "ok.py"], ["history", "ok.py:g"],
                          ["history", "--functions"], ["history", "--bug-introducing"], ["metrics"], ["outline", "."],
                          ["metrics", "--top", "5"]] {
            outputs.append((arguments.joined(separator: " "), try cli(arguments, in: repo.path)))
        }
        for (name, result) in outputs {
            let text = result.stdout + result.stderr
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "raw control characters in \(name): \(text)")
        }
        #expect(outputs[0].1.stdout.contains("Mallory \\e[2J\\e]0;owned\\x07\\ec"))
        #expect(outputs[7].1.stdout.contains("evil\\e[31m.py"))
    }

    @Test func aFIFONamedLikeSourceIsRefusedNotWaitedOn() throws {
        let repo = try TestRepository()
        try repo.write("ok.py", "def g():\n    return 1\n")
        #expect(mkfifo(repo.path + "/f.py", 0o644) == 0)
        let metrics = try runStatus(prognosis, ["metrics", "."], in: repo.path, timeout: 60)
        #expect(metrics.status == 1, "\(metrics.stderr)")
        #expect(metrics.stderr.contains("f.py") && metrics.stderr.contains("FIFO"))
        #expect(metrics.stdout.contains("ok.py"))
        let named = try runStatus(prognosis, ["metrics", "f.py"], in: repo.path, timeout: 60)
        #expect(named.status == 1 && named.stderr.contains("FIFO"))
        let outline = try runStatus(prognosis, ["outline", "f.py"], in: repo.path, timeout: 60)
        #expect(outline.status == 1 && outline.stderr.contains("FIFO"))
    }
}
