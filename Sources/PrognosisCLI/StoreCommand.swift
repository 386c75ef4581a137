import ArgumentParser
import Foundation

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
                print("store:          \(info.path)")
                print("schema version: \(info.schemaVersion)")
                print("size:           \(ByteCountFormatter.string(fromByteCount: info.sizeBytes, countStyle: .file))")
                print("commits:        \(info.commitCount)")
                print("authors:        \(info.authorCount)")
                print("file changes:   \(info.fileChangeCount)")
                if info.missingBlobCount > 0 {
                    print("missing blobs:  \(info.missingBlobCount) (partial clone)")
                }
                if let newest = info.newestCommit {
                    let date = Date(timeIntervalSince1970: TimeInterval(newest.time))
                    print("last commit:    \(newest.oid.hex) \(ISO8601DateFormatter().string(from: date)) \(newest.summary)")
                }
                if let scan = info.lastScan {
                    print("last scan:      \(scan.rev) at \(scan.tip.hex.prefix(12)), \(scan.status)")
                }
            }
        }
    }
}
