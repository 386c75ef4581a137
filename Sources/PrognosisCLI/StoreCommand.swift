import ArgumentParser
import Foundation
import Store

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Inspect the store.", subcommands: [Info.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the store's schema version, size, commit count and last commit.")

        @OptionGroup var repository: RepositoryOption

        func run() throws {
            try reportingErrors {
                let repo = try repository.open()
                let info = try repository.openStore(repo).info()
                say("store:          \(info.path)")
                say("schema version: \(info.schemaVersion)")
                say("size:           \(ByteCountFormatter.string(fromByteCount: info.sizeBytes, countStyle: .file))")
                say("commits:        \(info.commitCount)")
                say("authors:        \(info.authorCount)")
                say("file changes:   \(info.fileChangeCount)")
                if info.missingBlobCount > 0 {
                    say("missing blobs:  \(info.missingBlobCount) (partial clone)")
                }
                if let newest = info.newestCommit {
                    let date = Date(timeIntervalSince1970: TimeInterval(newest.time))
                    say("last commit:    \(newest.oid.hex) \(ISO8601DateFormatter().string(from: date)) \(newest.summary)")
                }
                if let scan = info.lastScan {
                    // A scan killed outright (SIGKILL, a power cut) could not write its end; the
                    // lock, which the kernel frees with the process, tells the truth.
                    var status = scan.status
                    if status == "running", ScanLock.isHeld(path: StoreLocation(gitCommonDirectory: repo.commonDirectory).lockPath) == false {
                        status = "interrupted (no scan is running; 'prognosis scan' resumes it)"
                    }
                    say("last scan:      \(scan.rev) at \(scan.tip.hex.prefix(12)), \(status)")
                }
            }
        }
    }
}
