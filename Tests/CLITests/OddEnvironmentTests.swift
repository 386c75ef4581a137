import Foundation
import GitKit
import Store
import TestSupport
import Testing

/// Issue 12, items 8 and 9: read-only stores, other users' repositories, odd repositories and
/// the smaller promises (exit codes, scan status, branch names).
@Suite struct OddEnvironmentTests {
    static let isRoot = getuid() == 0

    /// Acting as `nobody` needs root, `setpriv`, and a binary that other users may reach (every
    /// folder above it searchable by others): a clone under a private home folder is not.
    static let canActAsNobody: Bool = {
        guard isRoot, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return false }
        var url = URL(fileURLWithPath: prognosis).standardizedFileURL
        while url.path != "/" {
            var status = stat()
            guard stat(url.path, &status) == 0, status.st_mode & 0o001 != 0 else { return false }
            url = url.deletingLastPathComponent()
        }
        return true
    }()

    /// Runs the binary as user `nobody` with a home whose git configuration has `safeDirectory`.
    func asNobody(_ arguments: [String], in directory: String, safeDirectory: String) throws -> ProcessResult {
        let home = NSTemporaryDirectory() + "prognosis-nobody-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "[safe]\n\tdirectory = \(safeDirectory)\n".write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
        _ = chmod(home, 0o755)
        _ = chmod(home + "/.gitconfig", 0o644)
        return try runStatus("/usr/bin/setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", prognosis] + arguments,
                             in: directory, environment: ["HOME": home])
    }

    @Test(.enabled(if: canActAsNobody, "needs root, setpriv and a binary other users can reach, to act as another user"))
    func readersWorkOnAStoreTheyCannotWrite() throws {
        let repo = try makeBranchyRepository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        _ = chmod(repo.path, 0o755)
        try run("chmod", ["-R", "a+rX,go-w", repo.path])
        let probe = try asNobody(["--version"], in: "/", safeDirectory: repo.path)
        try #require(probe.status == 0, "the test binary must be readable by nobody: \(probe.stderr)")
        for arguments in [["store", "info"], ["log", "--numstat"], ["summary"], ["history", "--functions"],
                          ["blame", "lib/core_impl.py"], ["history", "lib/core_impl.py"]] {
            let result = try asNobody(arguments, in: repo.path, safeDirectory: repo.path)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("readonly"), "\(arguments): \(result.stderr)")
        }
        #expect(try asNobody(["log", "--numstat"], in: repo.path, safeDirectory: "*").stdout
                == (try cli(["log", "--numstat"], in: repo.path).stdout), "safe.directory = * is honoured, as git does")
        // A writer still says clearly that it cannot write.
        let scan = try asNobody(["scan"], in: repo.path, safeDirectory: repo.path)
        #expect(scan.status == 6, "\(scan.stderr)")
    }

    @Test(.enabled(if: isRoot, "needs root to give the repository to another user"))
    func anotherUsersRepositoryIsDubiousOwnership() throws {
        let repo = try makeBranchyRepository()
        try run("chown", ["-R", "65534", repo.path])
        let home = NSTemporaryDirectory() + "prognosis-home-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try runStatus(prognosis, ["summary"], in: repo.path, environment: ["HOME": home])
        #expect(result.status == 2)
        #expect(result.stderr.contains("dubious ownership") && result.stderr.contains("safe.directory"), "\(result.stderr)")
        #expect(!result.stderr.contains("not a git repository"))
    }

    @Test func bareRepositoryWithoutConfigIsBare() throws {
        let source = try makeBranchyRepository()
        let bare = NSTemporaryDirectory() + "prognosis-bare-" + UUID().uuidString + "/project"
        try FileManager.default.createDirectory(atPath: bare, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (bare as NSString).deletingLastPathComponent) }
        try run("git", ["clone", "-q", "--bare", source.path, bare])
        try FileManager.default.removeItem(atPath: bare + "/config")
        #expect(try cli(["scan", "-q"], in: bare).status == 0)
        let blame = try cli(["blame", "lib/core_impl.py"], in: bare)
        #expect(blame.status == 0, "\(blame.stderr)")
        #expect(blame.stdout == (try run("git", ["--git-dir", bare, "blame", "-w", "-s", "-l", "HEAD", "--", "lib/core_impl.py"])))
        #expect(try cli(["history", "lib/core_impl.py"], in: bare).status == 0)
        #expect(!FileManager.default.fileExists(atPath: (bare as NSString).deletingLastPathComponent + "/.prognosis"))
    }

    @Test func anExclusiveDatabaseLockIsTheLockExitCode() throws {
        let repo = try makeBranchyRepository()
        #expect(try cli(["scan", "-q"], in: repo.path).status == 0)
        try repo.write("app/new.py", "x = 1\n")
        try repo.commitAll("one more")
        let database = try Repository(discovering: repo.path).commonDirectory + "prognosis/prognosis.sqlite"
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute('BEGIN EXCLUSIVE')
            print('locked', flush=True)
            time.sleep(14)
            """, database]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        defer { holder.terminate(); holder.waitUntilExit() }
        _ = pipe.fileHandleForReading.availableData  // waits for "locked"
        let scan = try cli(["scan", "-q"], in: repo.path)
        #expect(scan.status == 4, "\(scan.stderr)")
        #expect(scan.stderr.contains("lock"))
    }

    @Test func interruptedScanIsNotReportedAsRunning() throws {
        let repo = try TestRepository()
        try repo.fastImport(linearHistoryStream(commits: 1500))
        let process = try startPrognosis(["scan", "-q", "--batch-size", "25", "--jobs", "1"], in: repo.path)
        Thread.sleep(forTimeInterval: 0.4)
        let interrupted = process.isRunning
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let info = try cli(["store", "info"], in: repo.path)
        #expect(!info.stdout.contains(", running"), "\(info.stdout)")
        if interrupted && process.terminationStatus == 130 {
            #expect(info.stdout.contains("interrupted"), "\(info.stdout)")
        }
        // And a scan killed outright, which could not write its end, is not "running" either.
        let killer = try startPrognosis(["scan", "-q", "--batch-size", "25", "--jobs", "1"], in: repo.path)
        Thread.sleep(forTimeInterval: 0.3)
        kill(killer.processIdentifier, SIGKILL)
        killer.waitUntilExit()
        #expect(!(try cli(["store", "info"], in: repo.path)).stdout.contains(", running"))
    }

    @Test func metricsOfAMissingPathAtARevisionFails() throws {
        let repo = try makeBranchyRepository()
        let result = try cli(["metrics", "--rev", "HEAD", "nope.py"], in: repo.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nope.py"))
        #expect(try cli(["metrics", "nope.py"], in: repo.path).status == 1)
    }

    @Test func unbornHeadNamesTheBranchesThatHaveCommits() throws {
        let repo = try makeBranchyRepository()
        try repo.git(["checkout", "-q", "--orphan", "fresh"])
        let result = try cli(["scan"], in: repo.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("fresh") && result.stderr.contains("main") && result.stderr.contains("--rev"), "\(result.stderr)")
    }
}
