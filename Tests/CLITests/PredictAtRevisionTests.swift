import Foundation
import TestSupport
import Testing

/// The time-travel property on a real history, this repository's own: `predict --at REV` on a
/// store of the full history gives the same numbers, item for item, as `predict` on a clone
/// whose history ends at REV (both scored by the shipped default model, which neither trained).
@Suite struct PredictAtRevisionTests {
    static var ownRepository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// Commits in this repository's history; 0 where it is absent (an export without `.git`).
    static var ownHistoryLength: Int {
        guard FileManager.default.fileExists(atPath: ownRepository + "/.git"),
              let output = try? run("git", ["rev-list", "--count", "HEAD"], in: ownRepository) else { return 0 }
        return Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// Reported as skipped (not passed) where the history is too short to cut.
    @Test(.enabled(if: ownHistoryLength >= 30, "needs this repository's history: a clone with at least 30 commits"))
    func fullStoreAtRevisionEqualsTruncatedClone() throws {
        let source = Self.ownRepository
        let count = Self.ownHistoryLength
        let work = NSTemporaryDirectory() + "prognosis-at-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: work) }
        let full = work + "/full", cut = work + "/cut"
        try run("git", ["clone", "-q", "--no-local", source, full])
        // A revision well inside the history, on the first-parent chain.
        let revision = try run("git", ["rev-parse", "HEAD~\(count / 3)"], in: full).trimmingCharacters(in: .whitespacesAndNewlines)
        try run("git", ["branch", "cut", revision], in: full)
        try run("git", ["clone", "-q", "--no-local", "--single-branch", "-b", "cut", full, cut])
        #expect(try cli(["scan", "-q"], in: full).status == 0)
        #expect(try cli(["scan", "-q"], in: cut).status == 0)
        for arguments in [["--level", "function"], ["--level", "file"], ["--level", "commit", "--range", "\(revision)~5..\(revision)"]] {
            let a = try cli(["predict", "--at", revision, "--model", "default", "--format", "json", "--top", "0"] + arguments, in: full)
            let b = try cli(["predict", "--at", revision, "--model", "default", "--format", "json", "--top", "0"] + arguments, in: cut)
            #expect(a.status == 0, "\(a.stderr)")
            #expect(b.status == 0, "\(b.stderr)")
            let left = try #require(try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any])
            let right = try #require(try JSONSerialization.jsonObject(with: Data(b.stdout.utf8)) as? [String: Any])
            let key = arguments[1] == "commit" ? "commits" : arguments[1] == "file" ? "files" : "functions"
            let itemsA = try #require(left[key] as? [[String: Any]]), itemsB = try #require(right[key] as? [[String: Any]])
            #expect(!itemsA.isEmpty)
            #expect(itemsA.count == itemsB.count, "\(arguments)")
            // Same items, same risks, same reasons: compared through their canonical JSON.
            let canonical = { (items: [[String: Any]]) in
                String(decoding: try JSONSerialization.data(withJSONObject: items, options: [.sortedKeys]), as: UTF8.self)
            }
            #expect(try canonical(itemsA) == canonical(itemsB), "\(arguments)")
        }
    }
}
