import GitKit
import Store

/// Verdicts on fixes: given with `prognosis feedback`, or seen in the repository. A fix branch
/// whose commit (or whose fixed file) reached HEAD was accepted; one deleted without reaching
/// it was rejected. Each rule's tally feeds `RuleRecord`.
public enum FeedbackLedger {
    public struct Change: Sendable {
        public var branch: String
        public var rule: String
        public var accepted: Bool
    }

    /// Settles open fix branches against HEAD. Squash and rebase merges are recognised by the
    /// fixed file's blob being HEAD's.
    @discardableResult
    public static func reconcile(repository: Repository, store: Store) throws -> [Change] {
        guard let head = try repository.headCommit() else { return [] }
        let headTree = try repository.commit(head).tree()
        var changes: [Change] = []
        for branch in try store.fixBranches(status: "open") {
            let target = try repository.branchTarget(branch.branch)
            var merged = try repository.contains(branch.commit) && repository.isAncestor(branch.commit, of: head)
            if !merged, let target, target != branch.commit, try repository.contains(target) {
                merged = try repository.isAncestor(target, of: head)
            }
            if !merged { merged = try landed(branch, in: headTree, repository: repository) }
            if merged {
                try store.resolveFixBranch(branch.branch, status: "accepted",
                                           verdict: FixVerdict(rule: branch.rule, target: branch.branch, verdict: .accept, source: "merged"))
                changes.append(Change(branch: branch.branch, rule: branch.rule, accepted: true))
            } else if target == nil {
                try store.resolveFixBranch(branch.branch, status: "rejected",
                                           verdict: FixVerdict(rule: branch.rule, target: branch.branch, verdict: .reject, source: "deleted"))
                changes.append(Change(branch: branch.branch, rule: branch.rule, accepted: false))
            }
        }
        return changes
    }

    /// Whether a squash or rebase merge brought the fix to HEAD: the fixed file is HEAD's, or
    /// every line the fix added is in HEAD's file and a line it removed is gone (other fixes
    /// may have changed the same file since).
    static func landed(_ branch: StoredFixBranch, in headTree: Tree, repository: Repository) throws -> Bool {
        guard let headBlob = try headTree.entry(atPath: branch.path)?.oid else { return false }
        if headBlob == branch.fixedBlob { return true }
        guard try repository.contains(branch.fixedBlob), try repository.contains(branch.base),
              let baseBlob = try repository.commit(branch.base).tree().entry(atPath: branch.path)?.oid,
              try repository.contains(baseBlob), try repository.contains(headBlob) else { return false }
        func lines(_ oid: OID) throws -> [Substring: Int] {
            var counts: [Substring: Int] = [:]
            let text = String(decoding: try repository.blob(oid).bytes, as: UTF8.self)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { counts[line, default: 0] += 1 }
            return counts
        }
        let base = try lines(baseBlob), fixed = try lines(branch.fixedBlob), head = try lines(headBlob)
        let added = fixed.filter { $0.value > base[$0.key, default: 0] }
        let removed = base.filter { $0.value > fixed[$0.key, default: 0] }
        guard !added.isEmpty || !removed.isEmpty else { return false }
        let addedPresent = added.allSatisfy { head[$0.key, default: 0] >= $0.value - base[$0.key, default: 0] }
        let removedGone = removed.isEmpty || removed.contains { head[$0.key, default: 0] < $0.value }
        return addedPresent && removedGone
    }

    /// Records a person's verdict on a finding id or a fix branch shown earlier.
    public static func record(_ verdict: FixVerdict.Kind, target: String, why: String?, store: Store) throws -> String {
        guard let known = try store.fixTarget(target) else { throw FixBranchesError.unknownFinding(target) }
        let record = FixVerdict(rule: known.rule, target: target, verdict: verdict, source: "user", why: why)
        if known.isBranch {
            try store.resolveFixBranch(target, status: verdict == .accept ? "accepted" : "rejected", verdict: record)
        } else {
            try store.recordVerdict(record)
        }
        return known.rule
    }

    public static func records(store: Store?) -> [String: RuleRecord] {
        guard let store, let tallies = try? store.ruleRecords() else { return [:] }
        return tallies.mapValues { RuleRecord(accepted: $0.accepted, rejected: $0.rejected) }
    }
}
