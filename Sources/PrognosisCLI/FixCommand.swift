import ArgumentParser
import Configuration
import Fixes
import FixBranches
import Foundation
import GitKit
import Store

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Find error-prone code and offer fixes as branches, riskiest first.",
        discussion: """
            Runs the rules (`prognosis rules`) over the Python and Swift files of --base (default HEAD; the work tree is \
            never read or written) and ranks each rule's findings per file by the predicted risk of the functions they sit \
            in times the rule's acceptance record. --dry-run (the default) prints unified diffs and suggestions. \
            --open-branches writes one branch per rule and file, prognosis/fix/<rule>/<path>, each one commit on the base, \
            through the object database: the work tree, the index, HEAD and other branches stay untouched, and an existing \
            branch of that name is left alone unless --force. With --verify CMD the command runs in a temporary worktree \
            of each new commit and the branch is kept only if it passes. Exit codes: 0 done (dropped branches included), \
            1 failure, 2 not a git repository, 3 unknown revision, 64 unknown rule.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var repository: RepositoryOption
    @Flag(help: "Print diffs and suggestions, change nothing (the default).") var dryRun = false
    @Flag(help: "Create one branch per rule and file.") var openBranches = false
    @Option(help: "Run this shell command in a temporary worktree of each branch; keep the branch only if it passes.")
    var verify: String?
    @Option(help: "The revision to fix (default HEAD).") var base = "HEAD"
    @Flag(help: "Replace existing prognosis/fix branches of the same name.") var force = false
    @Option(help: "At most this many rule·file groups (0: all).") var top = 10
    @Option(name: .customLong("rule"), help: "Only this rule (id or ruff code); repeatable.") var rules: [String] = []
    @Option(name: .customLong("path"), help: "Only files matching this glob; repeatable.") var paths: [String] = []
    @Option(help: "Only findings in functions at or above this risk (0–1).") var minRisk: Double?
    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        if dryRun && openBranches { throw ValidationError("give --dry-run or --open-branches, not both") }
        if verify != nil && !openBranches { throw ValidationError("--verify needs --open-branches") }
        if let minRisk, !(0...1).contains(minRisk) { throw ValidationError("--min-risk must be from 0 to 1") }
        if top < 0 { throw ValidationError("--top must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let repo = try repository.open()
            let baseOID = try repo.resolveCommit(base)
            let configuration = try ProjectConfiguration.load(repositoryPath: repo.workDirectory ?? repo.gitDirectory)
            let store = try? Store(location: StoreLocation(gitCommonDirectory: repo.commonDirectory), create: true)
            if let store { try FeedbackLedger.reconcile(repository: repo, store: store) }
            var notes: [String] = []
            var risks: FunctionRisks?
            if let store {
                do { risks = try FunctionRisks.load(repository: repo, store: store, base: baseOID) } catch {
                    notes.append("no risk scores (\((error as? LocalizedError)?.errorDescription ?? "\(error)"))")
                }
            }
            var selection = FixSelection()
            selection.rules = rules
            selection.paths = paths.map(Glob.init)
            selection.minimumRisk = minRisk
            selection.top = top == 0 ? nil : top
            selection.fixableOnly = openBranches
            let plan = try FixPlanner.plan(repository: repo, base: baseOID, configuration: configuration, selection: selection,
                                           risks: risks, records: FeedbackLedger.records(store: store))
            try? store?.rememberFindings(plan.fixes.flatMap(\.findings).map { ($0.id, $0.ruleID, $0.path, $0.line) })
            if !openBranches {
                if format == .json { print(try FixPlanFormatter.json(plan, base: baseOID.hex)) } else {
                    let colour = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
                    for note in notes { printError("prognosis: \(note)") }
                    say(FixPlanFormatter.text(plan, colour: colour), raw: true)
                }
                return
            }
            var opened = 0, dropped = 0, existing = 0
            for fix in plan.fixes where fix.fixed != nil {
                if isatty(2) != 0 && verify != nil { printError("… verifying \(fix.branchName)") }
                switch try BranchWriter.open(fix, base: baseOID, repository: repo, store: store, verify: verify, force: force) {
                case .opened(let branch, let commit, _):
                    opened += 1
                    say("opened \(branch) (\(commit.hex.prefix(10)))")
                case .dropped(let branch, let outcome):
                    dropped += 1
                    say("dropped \(branch): the verify command exited \(outcome.status)")
                    if !outcome.tail.isEmpty { say(outcome.tail.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")) }
                case .exists(let branch):
                    existing += 1
                    say("kept the existing \(branch) (use --force to replace it)")
                case .nothingToApply:
                    break
                }
            }
            say("\(opened) branches opened, \(dropped) dropped by --verify, \(existing) left as they were (suggestions: see --dry-run).")
        }
    }
}
