import Foundation
import GitKit
import TestSupport
import Testing

@Suite struct RepositoryTests {
    @Test func resolvesRevisionsLikeGit() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        for rev in ["HEAD", "main", "feature", "HEAD~3", "HEAD^2", "v1.0", "v1.0-annotated", "side~1"] {
            let expected = try repo.git(["rev-parse", rev + "^{commit}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try r.resolveCommit(rev).hex == expected, "\(rev)")
        }
        let head = try r.resolveCommit("HEAD").hex
        #expect(try r.resolveCommit(String(head.prefix(8))).hex == head)
    }

    @Test func unknownRevisionIsReported() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        #expect(throws: GitError.unknownRevision("no-such-branch")) { try r.resolveCommit("no-such-branch") }
        #expect(throws: GitError.unknownRevision("HEAD~999")) { try r.resolveCommit("HEAD~999") }
    }

    @Test func discoversFromSubfolderBareAndWorktree() throws {
        let repo = try makeBranchyRepository()
        let sub = try Repository(discovering: repo.path + "/app")
        #expect(sub.workDirectory.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
                == URL(fileURLWithPath: repo.path).standardizedFileURL.path)

        let bare = NSTemporaryDirectory() + "prognosis-bare-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: bare) }
        try run("git", ["clone", "-q", "--bare", repo.path, bare])
        let b = try Repository(discovering: bare)
        #expect(b.isBare)
        #expect(try b.resolveCommit("HEAD") == (try sub.resolveCommit("HEAD")))

        let worktree = NSTemporaryDirectory() + "prognosis-wt-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: worktree) }
        try repo.git(["worktree", "add", "-q", worktree, "feature"])
        let w = try Repository(discovering: worktree)
        #expect(try w.resolveCommit("HEAD") == (try sub.resolveCommit("feature")))
        // Shared state belongs in the common folder, the same from every worktree.
        #expect(URL(fileURLWithPath: w.commonDirectory).standardizedFileURL
                == URL(fileURLWithPath: sub.commonDirectory).standardizedFileURL)
    }

    @Test func notARepositoryIsReported() throws {
        let dir = NSTemporaryDirectory() + "prognosis-plain-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: GitError.notARepository(path: dir)) { try Repository(discovering: dir) }
    }

    @Test func commitMetadataKeepsTimeZones() throws {
        let repo = try TestRepository()
        try repo.write("a.txt", "a\n")
        try repo.git(["add", "-A"])
        try repo.git(["commit", "-q", "-m", "subject line\n\nbody text"],
                     environment: ["GIT_AUTHOR_DATE": "1700000000 -0530", "GIT_COMMITTER_DATE": "1700000100 +0945"])
        let r = try Repository(discovering: repo.path)
        let c = try r.commit(try r.resolveCommit("HEAD"))
        #expect(c.author.time == 1_700_000_000)
        #expect(c.author.offsetMinutes == -330)
        #expect(c.author.offsetText == "-0530")
        #expect(c.committer.time == 1_700_000_100)
        #expect(c.committer.offsetText == "+0945")
        #expect(c.summary == "subject line")
        #expect(c.message == "subject line\n\nbody text")
        #expect(c.author.name == "Test Author")
        #expect(c.parentIDs.isEmpty)
    }

    @Test func blobsReportSizeBinaryAndLines() throws {
        let repo = try makeBranchyRepository()
        let r = try Repository(discovering: repo.path)
        let tree = try r.commit(try r.resolveCommit("feature")).tree()
        let bin = try #require(try tree.entry(atPath: "data/blob.bin"))
        let blob = try r.blob(bin.oid)
        #expect(blob.isBinary)
        #expect(blob.size == 8)
        let text = try r.blob(try #require(try tree.entry(atPath: "app/feature.py")).oid)
        #expect(!text.isBinary)
        #expect(text.lineCount == 2)
        #expect(String(decoding: text.bytes, as: UTF8.self) == "def feature():\n    return 42\n")
    }

    @Test func mailmapResolvesIdentities() throws {
        let repo = try TestRepository()
        try repo.write(".mailmap", "Real Name <real@example.com> <old@example.com>\n")
        try repo.commitAll("one", author: ("Old Name", "old@example.com"))
        let r = try Repository(discovering: repo.path)
        let mailmap = try Mailmap(repository: r)
        let resolved = try mailmap.resolve(name: "Old Name", email: "old@example.com")
        #expect(resolved.name == "Real Name")
        #expect(resolved.email == "real@example.com")
        let untouched = try mailmap.resolve(name: "Someone", email: "someone@example.com")
        #expect(untouched.name == "Someone" && untouched.email == "someone@example.com")
    }
}
