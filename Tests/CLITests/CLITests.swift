import Foundation
import GitKit
import GRDB
import Scanning
import Store
import TestSupport
import Testing

/// The built `prognosis` binary, beside the test bundle in the build folder.
let prognosis: String = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    return bundle.appendingPathComponent("prognosis").path
}()

func cli(_ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
    try runStatus(prognosis, arguments, in: directory)
}

/// Starts the binary without waiting, output discarded: for tests that interrupt or kill it.
func startPrognosis(_ arguments: [String], in directory: String) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: prognosis)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

@Suite struct CLITests {
    @Test func binaryIsBuilt() {
        #expect(FileManager.default.isExecutableFile(atPath: prognosis), "build the prognosis product before the tests")
    }

    @Test func logEqualsGitLogNumstatWithAndWithoutRenames() throws {
        let repo = try makeBranchyRepository()
        #expect(try cli(["scan", "--quiet"], in: repo.path).status == 0)
        for (ours, theirs) in [(["log", "--numstat"], ["log", "--numstat", "--format=%H"]),
                               (["log", "--numstat", "--no-renames"], ["log", "--numstat", "--format=%H", "--no-renames"]),
                               (["log"], ["log", "--format=%H"]),
                               (["log", "--numstat", "--rev", "feature"], ["log", "--numstat", "--format=%H", "feature"])] {
            let result = try cli(ours, in: repo.path)
            #expect(result.status == 0, "\(result.stderr)")
            let git = try repo.git(theirs)
            #expect(result.stdout == git, "prognosis \(ours.joined(separator: " "))")
        }
    }

    @Test func exitCodesAndMessagesAreDocumented() throws {
        let plain = NSTemporaryDirectory() + "prognosis-plain-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let notRepo = try cli(["scan"], in: plain)
        #expect(notRepo.status == 2)
        #expect(notRepo.stderr.contains("not a git repository"))
        #expect(notRepo.stderr.contains(URL(fileURLWithPath: plain).standardizedFileURL.path))

        let repo = try makeBranchyRepository()
        let noStore = try cli(["store", "info"], in: repo.path)
        #expect(noStore.status == 7)
        #expect(noStore.stderr.contains("run 'prognosis scan' first"))

        let unknown = try cli(["scan", "--rev", "does-not-exist"], in: repo.path)
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("unknown revision 'does-not-exist'"))

        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let r = try Repository(discovering: repo.path)
        let location = StoreLocation(gitCommonDirectory: r.commonDirectory)
        do {
            let lock = try ScanLock(path: location.lockPath, wait: false)
            let locked = try cli(["scan"], in: repo.path)
            #expect(locked.status == 4)
            #expect(locked.stderr.contains("another Prognosis scan is running"))
            withExtendedLifetime(lock) {}
        }

        let usage = try cli(["scan", "--jobs", "0"], in: repo.path)
        #expect(usage.status == 64)

        let queue = try DatabaseQueue(path: location.databasePath)
        try queue.write { try $0.execute(sql: "PRAGMA user_version = 42") }
        try queue.close()
        let newer = try cli(["scan"], in: repo.path)
        #expect(newer.status == 5)
        #expect(newer.stderr.contains("schema version 42"))

        try? FileManager.default.removeItem(atPath: location.databasePath + "-wal")
        try? FileManager.default.removeItem(atPath: location.databasePath + "-shm")
        try Data("this is not a database, just text that is long enough to fill a header".utf8)
            .write(to: URL(fileURLWithPath: location.databasePath))
        let corrupt = try cli(["store", "info"], in: repo.path)
        #expect(corrupt.status == 6)
        #expect(corrupt.stderr.contains("delete it to rescan"))
    }

    @Test func storeInfoAndSummaryDescribeTheStore() throws {
        let repo = try makeBranchyRepository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        let info = try cli(["store", "info"], in: repo.path)
        #expect(info.status == 0)
        let count = try repo.git(["rev-list", "--count", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(info.stdout.contains("commits:        \(count)"))
        #expect(info.stdout.contains("schema version: \(Store.supportedSchemaVersion)"))
        let head = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(info.stdout.contains("last commit:    \(head)"))
        let summary = try cli(["summary", "--top", "3"], in: repo.path)
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("Commits: \(count)"))
        #expect(summary.stdout.contains("app/feature.py"))
    }

    @Test func scanIsQuietWhenNotATerminal() throws {
        let repo = try makeBranchyRepository()
        let result = try cli(["scan"], in: repo.path)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "no progress bar outside a terminal: \(result.stderr)")
        #expect(result.stdout.hasPrefix("Scanned "))
        let quiet = try cli(["scan", "--quiet"], in: repo.path)
        #expect(quiet.stdout.isEmpty)
    }

    /// SIGKILL at arbitrary moments of a real scan, then a second scan: the store must equal
    /// the one an uninterrupted scan builds.
    @Test func killedScanResumesToTheSameStore() throws {
        let repo = try TestRepository()
        try repo.fastImport(linearHistoryStream(commits: 1500))
        let reference = try TestRepository()
        try reference.fastImport(linearHistoryStream(commits: 1500))
        #expect(try cli(["scan", "-q", "--batch-size", "25"], in: reference.path).status == 0)
        let expected = try dump(reference)
        #expect(expected.contains("commit "))

        let r = try Repository(discovering: repo.path)
        let location = StoreLocation(gitCommonDirectory: r.commonDirectory)
        var kills = 0
        for delay in [0.05, 0.15, 0.3, 0.5, 0.8] {
            let process = try startPrognosis(["scan", "-q", "--batch-size", "25", "--jobs", "1"], in: repo.path)
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: location.databasePath) {
                // Whatever moment it died at, the store opens and is consistent.
                let info = try Store(location: location, create: false).info()
                #expect(info.commitCount <= 1500)
            }
        }
        #expect(kills > 0, "the scan finished before any kill: make the history larger")
        let resumed = try cli(["scan", "-q", "--batch-size", "25"], in: repo.path)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try dump(repo) == expected)
        let integrity = try DatabaseQueue(path: location.databasePath).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")
    }

    func dump(_ repo: TestRepository) throws -> String {
        let r = try Repository(discovering: repo.path)
        return try Store(location: StoreLocation(gitCommonDirectory: r.commonDirectory), create: false).contentDump()
    }
}
