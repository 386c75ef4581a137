import CodeModel
import Configuration
import Fixes
import Foundation
import GitKit
import Support

/// Which findings a run considers: `--rule`, `--path`, `--min-risk`, `--top`, and the rules
/// `.prognosis.yml` switches off.
public struct FixSelection: Sendable {
    public var rules: [String] = []
    public var paths: [Glob] = []
    public var minimumRisk: Double?
    public var top: Int?
    /// Only groups with safe edits (what `--open-branches` can use), before `top` applies.
    public var fixableOnly = false
    public var workers = ProcessInfo.processInfo.activeProcessorCount

    public init() {}

    /// The enabled rules: those named (all when none are), minus the configuration's `off`.
    public func enabledRules(_ configuration: ProjectConfiguration) throws -> [any FixRule] {
        try RuleRegistry.enabled(named: rules, switches: configuration.ruleSwitches)
    }
}

/// One rule's findings in one file: one branch, one commit.
public struct PlannedFix: Sendable {
    public var rule: RuleDescription
    public var path: String
    public var findings: [RuleFinding]
    public var original: [UInt8]
    /// The file with every safe edit applied; nil when the findings are suggestions only.
    public var fixed: [UInt8]?
    /// The highest risk of the functions the findings sit in (nil: nothing scored them).
    public var risk: Double?
    public var riskReasons: [String]
    public var acceptance: Double
    /// risk × expected acceptance: the order fixes are offered in.
    public var score: Double

    public var branchName: String { "prognosis/fix/\(rule.id)/\(Self.slug(path))" }

    /// A path as one branch-name component: lower case letters, digits, dashes and dots.
    static func slug(_ path: String) -> String {
        var slug = ""
        for scalar in path.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII {
                slug.unicodeScalars.append(scalar)
            } else if scalar == "." || scalar == "_" || scalar == "-" {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasPrefix(".") || slug.hasPrefix("-") { slug.removeFirst() }
        while slug.hasSuffix(".") || slug.hasSuffix("-") { slug.removeLast() }
        slug = slug.replacingOccurrences(of: "..", with: ".")
        if slug.hasSuffix(".lock") { slug += "-file" }
        return slug.isEmpty ? "file" : slug
    }
}

/// Everything a run found, ranked.
public struct FixPlan: Sendable {
    public var fixes: [PlannedFix]
    public var filesRead: Int
    public var skipped: [(path: String, reason: String)]
    /// Findings whose edit would not re-parse (their edits were dropped).
    public var rejectedEdits: [RuleFinding]
    public var suppressed: Int
    /// How the findings were ranked, in words.
    public var ranking: String
}

public enum FixPlanner {
    /// Reads the Python and Swift files of `base`'s tree (never the work tree), runs the rules
    /// and ranks each (rule, file) group by risk × acceptance.
    public static func plan(repository: Repository, base: OID, configuration: ProjectConfiguration, selection: FixSelection,
                            risks: FunctionRisks?, records: [String: RuleRecord]) throws -> FixPlan {
        let rules = try selection.enabledRules(configuration)
        let tree = try repository.commit(base).tree()
        let codeRule = CodeRule(configuration: configuration)
        var candidates: [(path: String, oid: OID)] = []
        for (path, entry) in try tree.files() where !entry.isSubmodule && !entry.isSymlink {
            guard Language(path: path) != nil, codeRule.verdict(path: path) == .included else { continue }
            if !selection.paths.isEmpty && !selection.paths.contains(where: { $0.matches(path) }) { continue }
            candidates.append((path, entry.oid))
        }
        let engine = FixEngine(rules: rules)
        let files = candidates
        let gitDirectory = repository.gitDirectory
        let results = WorkerPool.map(count: files.count, workers: selection.workers) {
            let handle = try? Repository(discovering: gitDirectory)
            return { index -> (FixEngine.FileResult, [UInt8]) in
                let candidate = files[index]
                guard let handle, let blob = try? handle.blob(candidate.oid) else {
                    var missing = FixEngine.FileResult(path: candidate.path)
                    missing.skipped = "its blob is missing (a partial clone?)"
                    return (missing, [])
                }
                let bytes = blob.bytes
                if bytes.count > CodeRule.sizeLimit || CodeRule.isBinary(bytes) {
                    var skipped = FixEngine.FileResult(path: candidate.path)
                    skipped.skipped = bytes.count > CodeRule.sizeLimit ? "larger than \(CodeRule.sizeLimit >> 20) MiB" : "binary"
                    return (skipped, bytes)
                }
                return (engine.analyze(path: candidate.path, bytes: bytes), bytes)
            }
        }
        var fixes: [PlannedFix] = []
        var skipped: [(String, String)] = []
        var rejected: [RuleFinding] = []
        var suppressed = 0
        let descriptions = Dictionary(rules.map { ($0.description.id, $0.description) }, uniquingKeysWith: { a, _ in a })
        for (result, bytes) in results {
            if let reason = result.skipped {
                if reason != "not Python or Swift" { skipped.append((result.path, reason)) }
                continue
            }
            rejected += result.rejectedEdits
            suppressed += result.suppressed
            var byRule: [String: [RuleFinding]] = [:]
            for finding in result.findings { byRule[finding.ruleID, default: []].append(finding) }
            for (ruleID, findings) in byRule {
                guard let rule = descriptions[ruleID] else { continue }
                var risk: Double?
                var reasons: [String] = []
                for finding in findings {
                    if let entry = risks?.entry(path: result.path, line: finding.functionLine), entry.risk > (risk ?? -1) {
                        risk = entry.risk
                        reasons = entry.reasons
                    }
                }
                // Outside any scored function (a property, module level): the file's mean function risk.
                if risk == nil, let entries = risks?.byPath[result.path], !entries.isEmpty {
                    risk = entries.map(\.risk).reduce(0, +) / Double(entries.count)
                    reasons = ["outside a function: the mean risk of this file's functions"]
                }
                if let minimum = selection.minimumRisk, (risk ?? 0) < minimum { continue }
                let edits = findings.flatMap(\.edits)
                var fixed: [UInt8]?
                if !edits.isEmpty, let applied = try? SourceEdit.apply(edits, to: bytes),
                   FixEngine.parseFailure(language: rule.language, path: result.path, bytes: applied) == nil {
                    fixed = applied
                }
                let acceptance = (records[ruleID] ?? RuleRecord()).expectedAcceptance
                fixes.append(PlannedFix(rule: rule, path: result.path, findings: findings, original: bytes, fixed: fixed,
                                        risk: risk, riskReasons: reasons, acceptance: acceptance,
                                        score: (risk ?? 0) * acceptance))
            }
        }
        if selection.fixableOnly { fixes.removeAll { $0.fixed == nil } }
        // Ties (no risk scores at all) go to safe edits first, then by path.
        fixes.sort { ($0.score, $0.fixed == nil ? 0 : 1, $1.path, $1.rule.id) > ($1.score, $1.fixed == nil ? 0 : 1, $0.path, $0.rule.id) }
        if let top = selection.top { fixes = Array(fixes.prefix(top)) }
        let ranking = risks.map { "risk from the \($0.source) × each rule's acceptance record" }
            ?? "each rule's acceptance record only (no risk scores: run `prognosis scan` and `prognosis train`)"
        return FixPlan(fixes: fixes, filesRead: candidates.count, skipped: skipped, rejectedEdits: rejected,
                       suppressed: suppressed, ranking: ranking)
    }
}
