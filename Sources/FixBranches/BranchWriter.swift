import Fixes
import Foundation
import GitKit
import Store

/// Writes one planned fix as a branch: blob, tree and commit go into the object database and
/// only `refs/heads/prognosis/fix/…` is created. The work tree, the index, HEAD and every other
/// branch stay as they were.
public enum BranchWriter {
    public enum Outcome: Sendable {
        case opened(branch: String, commit: OID, verify: CommandVerifier.Outcome?)
        /// `--verify` failed: no branch was created.
        case dropped(branch: String, verify: CommandVerifier.Outcome)
        /// A branch of that name exists and `--force` was not given: left alone.
        case exists(branch: String)
        /// Nothing to commit (suggestions only, or no edit survived re-parsing).
        case nothingToApply
    }

    public static func open(_ fix: PlannedFix, base: OID, repository: Repository, store: Store?, verify: String?,
                            force: Bool) throws -> Outcome {
        guard let fixed = fix.fixed else { return .nothingToApply }
        let branch = fix.branchName
        if try repository.branchTarget(branch) != nil && !force { return .exists(branch: branch) }
        let writer = ObjectWriter(repository: repository)
        let baseCommit = try repository.commit(base)
        let tree = try writer.writeTree(base: try baseCommit.tree(), changes: [fix.path: fixed])
        var outcome: CommandVerifier.Outcome?
        if let verify {
            let result = try CommandVerifier.verify(verify, tree: tree, repository: repository)
            guard result.passed else { return .dropped(branch: branch, verify: result) }
            outcome = result
        }
        let now = Int64(Date().timeIntervalSince1970)
        let offset = Int32(TimeZone.current.secondsFromGMT() / 60)
        var signature = repository.defaultSignature() ?? Signature(name: "Prognosis", email: "prognosis@localhost", time: now, offsetMinutes: offset)
        signature.time = now
        let commit = try writer.writeCommit(tree: tree, parents: [base], message: message(fix, verify: verify, outcome: outcome),
                                            author: signature, committer: signature)
        try writer.createBranch(named: branch, at: commit, replacing: force)
        let fixedBlob = try repository.tree(tree).entry(atPath: fix.path)?.oid ?? commit
        try store?.saveFixBranch(StoredFixBranch(branch: branch, rule: fix.rule.id, path: fix.path, commit: commit, base: base,
                                                 fixedBlob: fixedBlob, findingIDs: fix.findings.map(\.id)))
        return .opened(branch: branch, commit: commit, verify: outcome)
    }

    /// What was risky, what the edit does, why it is safe, and how it was verified.
    static func message(_ fix: PlannedFix, verify: String?, outcome: CommandVerifier.Outcome?) -> String {
        let fixedFindings = fix.findings.filter(\.isFixable)
        var text = "prognosis: \(fix.rule.title.prefix(1).lowercased() + fix.rule.title.dropFirst()) in \(fix.path)\n\n"
        text += "What was risky\n"
        text += wrap(fix.rule.rationale) + "\n"
        let functions = Set(fixedFindings.compactMap(\.function)).sorted()
        if let risk = fix.risk {
            text += "- predicted risk \(FixPlanFormatter.riskText(risk)) for \(functions.isEmpty ? "this file" : functions.map { "`\($0)`" }.joined(separator: ", "))"
            text += fix.riskReasons.isEmpty ? "\n" : ": " + fix.riskReasons.joined(separator: "; ") + "\n"
        }
        text += "\nWhat the edit does\n"
        for finding in fixedFindings { text += "- line \(finding.line): \(finding.message)\n" }
        text += "\nWhy it is safe\n" + wrap(fix.rule.safetyNote) + "\n"
        text += "The edited file was re-parsed and parses without errors.\n"
        if let verify, let outcome {
            text += "\nVerified\n`\(verify)` passed in a temporary worktree of this commit (exit \(outcome.status), \(String(format: "%.1f", outcome.seconds)) s).\n"
        } else {
            text += "\nNot verified: no --verify command was given.\n"
        }
        text += "\nPrognosis-Rule: \(fix.rule.id)\(fix.rule.ruffCode.map { " (ruff \($0))" } ?? "")\n"
        text += "Prognosis-Findings: \(fixedFindings.map(\.id).joined(separator: " "))\n"
        return text
    }

    static func wrap(_ text: String, width: Int = 72) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
