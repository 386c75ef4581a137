import Foundation
import ReportModel

/// SARIF 2.1.0 for GitHub code scanning. Predictions and rule findings are kept apart by rule
/// id: `prognosis/risk/function` and `prognosis/risk/file` are the model's; rule findings keep
/// their rule's id. Only items at or above the warning threshold become results (a scan of a
/// large repository must not flood code scanning), with the level the thresholds give.
public enum SARIFFormatter {
    public static let functionRule = "prognosis/risk/function"
    public static let fileRule = "prognosis/risk/file"
    public static let informationURI = "https://github.com/prognosis-dev/prognosis"

    public static func data(_ report: RiskReport, version: String) throws -> Data {
        var results: [[String: Any]] = []
        let thresholds = report.thresholds
        for item in report.functions where item.risk >= thresholds.warning {
            results.append(result(rule: functionRule, item: item, level: thresholds.severity(of: item.risk),
                                  message: "\(item.name ?? "This function") has a \(percent(item.risk)) risk of needing a bug fix "
                                      + "(80% band \(percent(item.low))–\(percent(item.high)))" + because(item.reasons)))
        }
        for item in report.files where item.risk >= thresholds.warning {
            results.append(result(rule: fileRule, item: item, level: thresholds.severity(of: item.risk),
                                  message: "This file has a \(percent(item.risk)) risk of needing a bug fix "
                                      + "(80% band \(percent(item.low))–\(percent(item.high)))" + because(item.reasons)))
        }
        var rules: [[String: Any]] = [
            rule(id: functionRule, name: "RiskyFunction", short: "Function likely to need a bug fix",
                 full: "Prognosis's risk model predicts that this function will need a bug fix within its horizon. The risk is a "
                     + "calibrated probability learnt from this repository's history (or the shipped default model).",
                 help: "Review the reasons: frequent recent changes, earlier fixes, complexity and lines that later-fixed commits "
                     + "wrote raise the risk. Simplify, add tests around the behaviour that broke before, or split the function."),
            rule(id: fileRule, name: "RiskyFile", short: "File likely to need a bug fix",
                 full: "Prognosis's risk model predicts that this file will need a bug fix within its horizon.",
                 help: "Look at the riskiest functions of the file in the HTML report; its detail view shows the lines that "
                     + "later-fixed commits wrote and the file's story."),
        ]
        var findingRules = Set<String>()
        for finding in report.findings {
            if findingRules.insert(finding.ruleID).inserted {
                rules.append(rule(id: finding.ruleID, name: finding.ruleID, short: finding.message, full: finding.message,
                                  help: finding.message))
            }
            results.append([
                "ruleId": finding.ruleID,
                "level": finding.severity.rawValue,
                "message": ["text": finding.message],
                "locations": [location(path: finding.path, start: finding.line, end: finding.endLine)],
                "partialFingerprints": ["primaryLocationLineHash": fingerprint(finding.ruleID, finding.path, finding.message)],
            ])
        }
        let document: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [[
                "tool": ["driver": [
                    "name": "Prognosis",
                    "semanticVersion": version,
                    "informationUri": informationURI,
                    "rules": rules,
                ]],
                "originalUriBaseIds": ["SRCROOT": ["description": ["text": "The repository's root."]]],
                "versionControlProvenance": [["repositoryUri": informationURI, "revisionId": report.revision]],
                "results": results,
                "properties": ["repository": report.repository, "models": report.models.map { "\($0.level): \($0.source)" }],
            ]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    static func rule(id: String, name: String, short: String, full: String, help: String) -> [String: Any] {
        ["id": id, "name": name, "shortDescription": ["text": short], "fullDescription": ["text": full],
         "help": ["text": help, "markdown": help], "defaultConfiguration": ["level": "warning"],
         "properties": ["tags": ["reliability", "prognosis"]]]
    }

    static func result(rule: String, item: RiskItem, level: Severity, message: String) -> [String: Any] {
        var properties: [String: Any] = ["risk": item.risk, "low": item.low, "high": item.high]
        if let name = item.name { properties["function"] = name }
        return [
            "ruleId": rule,
            "level": level.rawValue,
            "message": ["text": message],
            "locations": [location(path: item.path, start: item.startLine ?? 1, end: item.endLine ?? item.startLine ?? 1)],
            // Stable across line moves: the rule, the path and the function's name, not its line.
            "partialFingerprints": ["primaryLocationLineHash": fingerprint(rule, item.path, item.name ?? "")],
            "properties": properties,
        ]
    }

    static func location(path: String, start: Int, end: Int) -> [String: Any] {
        ["physicalLocation": [
            "artifactLocation": ["uri": uri(path), "uriBaseId": "SRCROOT"],
            "region": ["startLine": max(1, start), "endLine": max(max(1, start), end)],
        ]]
    }

    /// A relative URI reference: each path segment percent-encoded.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#%")
        return path.split(separator: "/", omittingEmptySubsequences: false)
            .map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }.joined(separator: "/")
    }

    /// 64-bit FNV-1a in hex plus ":1", the shape GitHub's own line hashes have.
    static func fingerprint(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "\u{0}").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(format: "%016llx", hash) + ":1"
    }

    static func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }

    static func because(_ reasons: [ReportReason]) -> String {
        let raising = reasons.filter { $0.weight > 0 }.prefix(3).map(\.text)
        return raising.isEmpty ? "." : ": " + raising.joined(separator: "; ") + "."
    }
}
