import ArgumentParser
import FixBranches
import Foundation
import GitKit
import Store

struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Record a verdict on a finding or fix branch: accept, reject or wrong.",
        discussion: "ID is a finding id or a branch name that `prognosis fix` showed. Verdicts move the rule's rank. Exit codes: 0, 1 unknown id, 2 not a git repository.")

    enum Verdict: String, ExpressibleByArgument, CaseIterable { case accept, reject, wrong }

    @OptionGroup var repository: RepositoryOption
    @Argument(help: "accept, reject or wrong.") var verdict: Verdict
    @Argument(help: "A finding id or fix branch name.") var id: String
    @Option(help: "Why, kept with the verdict.") var why: String?

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let store = try Store(location: StoreLocation(gitCommonDirectory: repo.commonDirectory), create: true)
            let kind = FixVerdict.Kind(rawValue: verdict.rawValue)!
            let rule = try FeedbackLedger.record(kind, target: id, why: why, store: store)
            let record = FeedbackLedger.records(store: store)[rule] ?? RuleRecord()
            say("recorded \(verdict.rawValue) for \(id) (\(rule)); \(rule) now has \(record.accepted) accepted, \(record.rejected) rejected")
        }
    }
}
