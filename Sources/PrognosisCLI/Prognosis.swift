import ArgumentParser

@main
struct Prognosis: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prognosis",
        abstract: "Predicts where a git repository's Swift and Python code will break next.",
        discussion: ExitStatus.documentation,
        version: "0.1.0",
        subcommands: [Scan.self, Log.self, Blame.self, History.self, StoreCommand.self, Summary.self, Outline.self, MetricsCommand.self, Train.self, Predict.self, Evaluate.self, Report.self, CheckCommand.self, Hooks.self, FixCommand.self, RulesCommand.self, FeedbackCommand.self, LintCommand.self, TrainDefault.self]
    )
}
