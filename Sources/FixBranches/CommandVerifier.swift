import Foundation
import GitKit

/// Runs `--verify CMD` in a temporary worktree of a tree: its files exported from the object
/// database into a fresh folder (the repository's index, work tree and worktree list are not
/// touched). The folder is removed when the command ends, fails, or the run is interrupted.
public enum CommandVerifier {
    public struct Outcome: Sendable {
        public var passed: Bool
        public var status: Int32
        public var seconds: Double
        /// The last lines of the command's output, for the commit message or the error.
        public var tail: String
    }

    /// The folder of the verification running now, removed by the signal handler.
    nonisolated(unsafe) static var activeFolder: String?
    nonisolated(unsafe) static var activeProcess: Process?
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

    public static func verify(_ command: String, tree: OID, repository: Repository) throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("prognosis-verify-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        activeFolder = folder
        installInterruptHandler()
        defer {
            try? FileManager.default.removeItem(atPath: folder)
            activeFolder = nil
            activeProcess = nil
        }
        try repository.export(tree: tree, to: folder)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = URL(fileURLWithPath: folder + ".log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        activeProcess = process
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let tail = log.split(separator: "\n", omittingEmptySubsequences: true).suffix(5).joined(separator: "\n")
        return Outcome(passed: process.terminationStatus == 0, status: process.terminationStatus,
                       seconds: Date().timeIntervalSince(started), tail: tail)
    }

    /// On SIGINT or SIGTERM: stop the command, remove the folder, exit 130 (nothing was kept).
    static func installInterruptHandler() {
        guard signalSources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if let process = activeProcess, process.isRunning { process.terminate() }
                if let folder = activeFolder {
                    try? FileManager.default.removeItem(atPath: folder)
                    try? FileManager.default.removeItem(atPath: folder + ".log")
                }
                FileHandle.standardError.write(Data("prognosis: \(FixBranchesError.interrupted.localizedDescription)\n".utf8))
                exit(130)
            }
            source.resume()
            signalSources.append(source)
        }
    }
}
