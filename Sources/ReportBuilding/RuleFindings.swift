import Configuration
import Fixes
import GitKit
import ReportModel

/// The fix rules' findings in the files the report details (the riskiest), as report values:
/// a safe fix is a warning, a suggestion a note. Only those files are read, so a report of a
/// large repository stays fast; `prognosis fix` covers the rest.
enum RuleFindings {
    static let rulePrefix = "prognosis/rule/"

    static func findings(repository: Repository, revision: OID, paths: [String]) throws -> [Finding] {
        let configuration = (try? ProjectConfiguration.load(repositoryPath: repository.workDirectory ?? repository.gitDirectory))
            ?? ProjectConfiguration()
        let engine = FixEngine(rules: try RuleRegistry.enabled(switches: configuration.ruleSwitches))
        let tree = try repository.commit(revision).tree()
        var result: [Finding] = []
        for path in paths {
            guard let entry = try? tree.entry(atPath: path), let blob = try? repository.blob(entry.oid), !blob.isBinary else { continue }
            for finding in engine.analyze(path: path, bytes: blob.bytes).findings {
                let how = finding.isFixable
                    ? " (a safe fix: prognosis fix --rule \(finding.ruleID) --path \(path))"
                    : finding.sketch.map { " (suggestion: \($0.split(separator: "\n").first ?? ""))" } ?? ""
                result.append(Finding(ruleID: rulePrefix + finding.ruleID, message: finding.message + how, path: path,
                                      line: finding.line, endLine: finding.endLine, severity: finding.isFixable ? .warning : .note))
            }
        }
        return result
    }
}
