import ArgumentParser
import Fixes
import FixBranches
import Foundation
import GitKit
import Store

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the fix rules with their acceptance record, or show one with its examples.",
        discussion: "In a repository, the record counts merged and deleted fix branches and `prognosis feedback` verdicts. Exit codes: 0, 64 unknown rule.")

    @OptionGroup var repository: RepositoryOption
    @Argument(help: "A rule id or ruff code.") var id: String?

    func run() throws {
        try reportingErrors {
            var records: [String: RuleRecord] = [:]
            if let repo = try? repository.open(),
               let store = try? Store(location: StoreLocation(gitCommonDirectory: repo.commonDirectory), create: false) {
                try? FeedbackLedger.reconcile(repository: repo, store: store)
                records = FeedbackLedger.records(store: store)
            }
            if let id {
                guard let rule = RuleRegistry.rule(id) else { throw FixesError.unknownRule(id) }
                say(RuleText.detail(rule.description, record: records[rule.description.id] ?? RuleRecord()))
            } else {
                say(RuleText.table(RuleRegistry.all.map(\.description), records: records))
            }
        }
    }
}

/// `prognosis rules` output.
enum RuleText {
    static func table(_ rules: [RuleDescription], records: [String: RuleRecord]) -> String {
        var lines = ["rule                           lang    safety      ruff     record     title"]
        for rule in rules {
            let record = records[rule.id] ?? RuleRecord()
            let tally = "\(record.accepted)✓ \(record.rejected)✗"
            lines.append(pad(rule.id, 31) + pad(rule.language.rawValue, 8) + pad(rule.safety.rawValue, 12) + pad(rule.ruffCode ?? "-", 9)
                         + pad(tally, 11) + rule.title)
        }
        return lines.joined(separator: "\n")
    }

    static func detail(_ rule: RuleDescription, record: RuleRecord) -> String {
        var text = "\(rule.id) (\(rule.language.rawValue), \(rule.safety.rawValue)\(rule.ruffCode.map { ", ruff \($0)" } ?? ""))\n"
        text += "\(rule.title)\n\nWhy: \(rule.rationale)\nSafety: \(rule.safetyNote)\n"
        text += "Record: \(record.accepted) accepted, \(record.rejected) rejected; expected acceptance \(String(format: "%.2f", record.expectedAcceptance))\n"
        for example in rule.triggering {
            text += "\nTriggers (↓ marks the finding):\n" + indent(example.source)
            if let fixed = example.fixed { text += "Becomes:\n" + indent(fixed) }
        }
        for example in rule.nonTriggering { text += "\nDoes not trigger:\n" + indent(example.source) }
        return text
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
            .map { "    " + $0 }.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
