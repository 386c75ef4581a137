import Foundation
import GitKit
import GRDB
import Scanning
import Store
import TestSupport
import Testing

@Suite struct ScanTests {
    func store(_ repo: TestRepository) throws -> Store {
        let r = try Repository(discovering: repo.path)
        return try Store(location: StoreLocation(gitCommonDirectory: r.commonDirectory), create: false)
    }

    @Test func storeLivesInTheGitFolderNotTheWorkTree() throws {
        let repo = try makeBranchyRepository()
        let result = try Scanner.scan(repositoryPath: repo.path)
        #expect(result.storePath.contains("/.git/prognosis/"))
        #expect(try repo.git(["status", "--porcelain"]).isEmpty)
    }

    @Test func secondScanOnlyMinesNewCommits() throws {
        let repo = try makeBranchyRepository()
        let first = try Scanner.scan(repositoryPath: repo.path)
        let total = Int(try repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(first.commitsStored == total)
        let again = try Scanner.scan(repositoryPath: repo.path)
        #expect(again.commitsPlanned == 0)
        try repo.write("new.py", "x = 1\n")
        try repo.commitAll("one more")
        let third = try Scanner.scan(repositoryPath: repo.path)
        #expect(third.commitsPlanned == 1)
        #expect(third.commitsStored == 1)
        #expect(try store(repo).info().commitCount == total + 1)
    }

    @Test func scanningAnotherBranchAddsOnlyItsOwnCommits() throws {
        let repo = try makeBranchyRepository()
        try repo.git(["checkout", "-q", "-b", "topic", "HEAD~4"])
        try repo.write("topic.py", "t = 1\n")
        try repo.commitAll("topic 1")
        try repo.commitAll("topic 2")
        try repo.git(["checkout", "-q", "main"])
        _ = try Scanner.scan(repositoryPath: repo.path)
        var options = ScanOptions()
        options.revision = "topic"
        let topic = try Scanner.scan(repositoryPath: repo.path, options: options)
        #expect(topic.commitsStored == 2)
        let all = Int(try repo.git(["rev-list", "--count", "--all"]).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(try store(repo).info().commitCount == all)
    }

    /// A partial clone (`--filter=blob:none`, `tree:0`) of `origin` in a new temporary folder.
    func filteredClone(of origin: TestRepository, filter: String) throws -> String {
        try origin.git(["config", "uploadpack.allowFilter", "true"])
        let clone = NSTemporaryDirectory() + "prognosis-partial-" + UUID().uuidString
        try run("git", ["clone", "-q", "--filter=" + filter, "--no-checkout", "file://" + origin.path, clone])
        return clone
    }

    @Test func partialCloneScansAndReportsMissingBlobs() throws {
        let origin = try makeBranchyRepository()
        let clone = try filteredClone(of: origin, filter: "blob:none")
        defer { try? FileManager.default.removeItem(atPath: clone) }
        let result = try Scanner.scan(repositoryPath: clone)
        let total = Int(try run("git", ["rev-list", "--count", "HEAD"], in: clone).trimmingCharacters(in: .whitespacesAndNewlines))!
        #expect(result.commitsStored == total)
        #expect(result.missingBlobs > 0)
        let r = try Repository(discovering: clone)
        let info = try Store(location: StoreLocation(gitCommonDirectory: r.commonDirectory), create: false).info()
        #expect(info.missingBlobCount > 0)
        #expect(info.fileChangeCount > 0)
        // No content, no origins: they are unknown rather than claimed by some commit.
        let store = try Store(location: StoreLocation(gitCommonDirectory: r.commonDirectory), create: false)
        #expect(try store.origins(ofPath: "lib/core_impl.py", at: try r.resolveCommit("HEAD")) == nil)
    }

    /// Issue 12, item 4: blobs fetched after a scan complete the commits that lacked them; the
    /// store then equals a full clone's, and origins equal git blame.
    @Test func partialCloneIsCompletedOnceBlobsArrive() throws {
        let origin = try makeBranchyRepository()
        let clone = try filteredClone(of: origin, filter: "blob:none")
        defer { try? FileManager.default.removeItem(atPath: clone) }
        let first = try Scanner.scan(repositoryPath: clone)
        #expect(first.missingBlobs > 0)
        let r = try Repository(discovering: clone)
        let head = try r.resolveCommit("HEAD")
        let location = StoreLocation(gitCommonDirectory: r.commonDirectory)
        #expect(try Store(location: location, create: false).origins(ofPath: "lib/core_impl.py", at: head) == nil)
        // git fetches every blob of history on demand (log -p reads them all).
        try run("git", ["log", "-p", "--all"], in: clone)
        let second = try Scanner.scan(repositoryPath: clone)
        #expect(second.completedAfterFetch > 0)
        #expect(second.missingBlobs == 0)
        let store = try Store(location: location, create: false)
        #expect(try store.info().missingBlobCount == 0)
        let origins = try #require(try store.origins(ofPath: "lib/core_impl.py", at: head))
        let commits = try store.commitOIDs(Set(origins.map { Int64($0.commit) }))
        #expect(origins.map { commits[Int64($0.commit)]!.hex }
                == blameCommits(porcelain: try run("git", ["blame", "-w", "--porcelain", "HEAD", "--", "lib/core_impl.py"], in: clone)))
        // The completed store holds what a scan of the full repository holds.
        _ = try Scanner.scan(repositoryPath: origin.path)
        let full = try Store(location: StoreLocation(gitCommonDirectory: try Repository(discovering: origin.path).commonDirectory), create: false)
        #expect(try store.contentDump() == full.contentDump())
        // Nothing left to complete: a third scan changes nothing.
        let third = try Scanner.scan(repositoryPath: clone)
        #expect(third.completedAfterFetch == 0 && third.commitsStored == 0)
    }

    /// Issue 12, item 5: a tree-less clone is refused with what to run, not a raw libgit2 error.
    @Test func treelessCloneIsRefusedClearly() throws {
        let origin = try makeBranchyRepository()
        let clone = try filteredClone(of: origin, filter: "tree:0")
        defer { try? FileManager.default.removeItem(atPath: clone) }
        do {
            _ = try Scanner.scan(repositoryPath: clone)
            Issue.record("a tree-less clone was scanned")
        } catch let error as ScanError {
            let message = error.localizedDescription
            #expect(message.contains("tree:0") && message.contains("git fetch --refetch --filter=blob:none"), "\(message)")
        }
    }

    @Test func shallowCloneScansWithBoundaryReported() throws {
        let origin = try makeBranchyRepository()
        let clone = NSTemporaryDirectory() + "prognosis-shallow-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try run("git", ["clone", "-q", "--depth", "3", "file://" + origin.path, clone])
        let result = try Scanner.scan(repositoryPath: clone)
        #expect(result.isShallow)
        #expect(result.commitsStored > 0)
        #expect(result.shallowBoundaries > 0)
        // Lines older than the boundary belong to the boundary commit, as git blame says.
        let r = try Repository(discovering: clone)
        let store = try Store(location: StoreLocation(gitCommonDirectory: r.commonDirectory), create: false)
        let head = try r.resolveCommit("HEAD")
        let commits = try store.commitOIDs(Set(try #require(try store.origins(ofPath: "lib/core_impl.py", at: head)).map { Int64($0.commit) }))
        let ours = try #require(try store.origins(ofPath: "lib/core_impl.py", at: head)).map { commits[Int64($0.commit)]!.hex }
        #expect(ours == blameCommits(porcelain: try run("git", ["blame", "-w", "--porcelain", "HEAD", "--", "lib/core_impl.py"], in: clone)))
    }

    @Test func heldLockIsReportedClearly() throws {
        let repo = try makeBranchyRepository()
        _ = try Scanner.scan(repositoryPath: repo.path)
        let r = try Repository(discovering: repo.path)
        let location = StoreLocation(gitCommonDirectory: r.commonDirectory)
        let lock = try ScanLock(path: location.lockPath, wait: false)
        defer { withExtendedLifetime(lock) {} }
        do {
            _ = try Scanner.scan(repositoryPath: repo.path)
            Issue.record("scan ran while the lock was held")
        } catch let error as StoreError {
            guard case .locked(_, let holder) = error else { Issue.record("wrong error \(error)"); return }
            #expect(holder?.contains("pid \(getpid())") == true)
        }
    }

    @Test func newerStoreIsRefusedUntouched() throws {
        let repo = try makeBranchyRepository()
        let result = try Scanner.scan(repositoryPath: repo.path)
        let queue = try DatabaseQueue(path: result.storePath)
        try queue.write { try $0.execute(sql: "PRAGMA user_version = 99") }
        try queue.close()
        func state() throws -> [String] {
            let q = try DatabaseQueue(path: result.storePath)
            defer { try? q.close() }
            return try q.read { db in
                [try String(Int.fetchOne(db, sql: "PRAGMA user_version") ?? -1),
                 try String(Int.fetchOne(db, sql: "SELECT COUNT(*) FROM commits") ?? -1),
                 try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").joined(separator: ",")]
            }
        }
        let before = try state()
        #expect(throws: StoreError.self) { _ = try Scanner.scan(repositoryPath: repo.path) }
        do {
            _ = try Scanner.scan(repositoryPath: repo.path)
        } catch let error as StoreError {
            guard case .newerSchema(_, let found, let supported) = error else { Issue.record("\(error)"); return }
            #expect(found == 99)
            #expect(supported == Store.supportedSchemaVersion)
        }
        // Checkpointing may rewrite bytes; what matters is that nothing was migrated or written.
        #expect(try state() == before)
        #expect(before[0] == "99")
    }

    @Test func interruptedScanStopsAfterABatchAndResumes() throws {
        let repo = try TestRepository()
        try repo.fastImport(linearHistoryStream(commits: 300))
        var options = ScanOptions()
        options.batchSize = 20
        let calls = Counter()
        do {
            _ = try Scanner.scan(repositoryPath: repo.path, options: options, stopRequested: { calls.next() > 3 })
            Issue.record("scan was not interrupted")
        } catch let error as ScanError {
            guard case .interrupted(let stored, _) = error else { Issue.record("\(error)"); return }
            #expect(stored > 0 && stored < 300)
        }
        let resumed = try Scanner.scan(repositoryPath: repo.path, options: options)
        #expect(resumed.commitsStored + (300 - resumed.commitsPlanned) == 300)
        #expect(try store(repo).info().commitCount == 300)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}

extension StoreError: Equatable {
    public static func == (lhs: StoreError, rhs: StoreError) -> Bool { "\(lhs)" == "\(rhs)" }
}
