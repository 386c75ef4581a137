import Foundation

/// Runs a program and returns its output; a non-zero exit is a thrown failure with stderr.
@discardableResult
public func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                environment: [String: String] = [:], input: Data? = nil, timeout: TimeInterval? = nil) throws -> String {
    let result = try runStatus(executable, arguments, in: directory, environment: environment, input: input,
                               timeout: timeout)
    guard result.status == 0 else {
        throw TestFailure("\(executable) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
    }
    return result.stdout
}

public struct ProcessResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// With `timeout`, a child still running after that many seconds is terminated (a non-zero
/// exit), so a hung oracle fails its test instead of hanging the whole run.
public func runStatus(_ executable: String, _ arguments: [String], in directory: String? = nil,
                      environment: [String: String] = [:], input: Data? = nil,
                      timeout: TimeInterval? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    // Output goes to temporary files: simple, and a chatty child can never block on a pipe.
    let stamp = UUID().uuidString
    let outPath = NSTemporaryDirectory() + "prognosis-out-" + stamp
    let errPath = NSTemporaryDirectory() + "prognosis-err-" + stamp
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
    }
    let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardOutput = outHandle
    process.standardError = errHandle
    let inPipe = Pipe()
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try? inPipe.fileHandleForWriting.close()
    let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
    if let timeout { DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog) }
    process.waitUntilExit()
    watchdog.cancel()
    try? outHandle.close()
    try? errHandle.close()
    let outData = FileManager.default.contents(atPath: outPath) ?? Data()
    let errData = FileManager.default.contents(atPath: errPath) ?? Data()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A real git repository in a fresh temporary folder, driven by the `git` command, with fixed
/// identities and dates so every run builds the same history.
public final class TestRepository {
    public let path: String
    private var clock: Int = 1_700_000_000

    public init(bare: Bool = false) throws {
        path = NSTemporaryDirectory() + "prognosis-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(bare ? ["init", "-q", "--bare", "-b", "main"] : ["init", "-q", "-b", "main"])
        try git(["config", "user.name", "Test Author"])
        try git(["config", "user.email", "author@example.com"])
        try git(["config", "commit.gpgsign", "false"])
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Runs git in the repository with deterministic dates (each call advances the clock).
    @discardableResult
    public func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        clock += 3600
        var env = ["GIT_AUTHOR_DATE": "\(clock) +0200", "GIT_COMMITTER_DATE": "\(clock) +0200",
                   "GIT_CONFIG_NOSYSTEM": "1", "HOME": path, "LC_ALL": "C"]
        env.merge(environment) { _, new in new }
        return try run("git", arguments, in: path, environment: env)
    }

    public func write(_ relativePath: String, _ content: String) throws {
        try write(relativePath, Data(content.utf8))
    }

    public func write(_ relativePath: String, _ data: Data) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + relativePath)
    }

    /// Stages everything and commits; returns the new commit id.
    @discardableResult
    public func commitAll(_ message: String, author: (String, String)? = nil) throws -> String {
        try git(["add", "-A"])
        var env: [String: String] = [:]
        if let author { env = ["GIT_AUTHOR_NAME": author.0, "GIT_AUTHOR_EMAIL": author.1] }
        try git(["commit", "-q", "--allow-empty", "-m", message], environment: env)
        return try git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Imports a history through `git fast-import`: thousands of commits in well under a second.
    public func fastImport(_ stream: String) throws {
        try run("git", ["fast-import", "--quiet"], in: path, input: Data(stream.utf8))
    }
}

/// Builds a fast-import stream of `count` linear commits on `main`, each editing a few of
/// `files` Python-like files, so that a scan has real work and many transactions.
public func linearHistoryStream(commits count: Int, files: Int = 20) -> String {
    var stream = ""
    var contents = (0..<files).map { i in (0..<30).map { "line \($0) of file \(i)" } }
    for n in 0..<count {
        stream += "commit refs/heads/main\nmark :\(n + 1)\n"
        stream += "author Dev \(n % 7) <dev\(n % 7)@example.com> \(1_600_000_000 + n * 60) +0000\n"
        stream += "committer Dev \(n % 7) <dev\(n % 7)@example.com> \(1_600_000_000 + n * 60) +0000\n"
        // Every fifth commit reads as a bug fix, so resumed scans also redo SZZ.
        let message = n % 5 == 4 ? "fix crash \(n)\n" : "change \(n)\n"
        stream += "data \(message.utf8.count)\n\(message)"
        if n > 0 { stream += "from :\(n)\n" }
        for k in 0..<(1 + n % 3) {
            let f = (n * 7 + k * 3) % files
            contents[f][(n + k) % contents[f].count] = "edit \(n) \(k)"
            if n % 5 == 0 { contents[f].append("appended \(n)") }
            let body = contents[f].joined(separator: "\n") + "\n"
            stream += "M 100644 inline pkg/module\(f).py\ndata \(body.utf8.count)\n\(body)"
        }
    }
    return stream
}

/// The commit of each line, in order, from `git blame --porcelain` output: the oracle for
/// line origins.
public func blameCommits(porcelain: String) -> [String] {
    var byLine: [Int: String] = [:]
    for line in porcelain.split(separator: "\n") {
        let parts = line.split(separator: " ")
        if parts.count >= 3, parts[0].count == 40, parts[0].allSatisfy(\.isHexDigit), let final = Int(parts[2]) {
            byLine[final] = String(parts[0])
        }
    }
    return byLine.keys.sorted().map { byLine[$0]! }
}
