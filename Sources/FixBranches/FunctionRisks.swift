import Features
import GitKit
import Prediction
import Store

/// The risk model's scores of the functions at the base revision, by file: what fixes are
/// ranked by. Nil with a reason when nothing can score (no scan, no model), and the plan
/// says so instead of pretending.
public struct FunctionRisks: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var startLine: Int
        public var risk: Double
        public var reasons: [String]
    }

    public var byPath: [String: [Entry]]
    /// Which model scored, in words, for the commit message and the terminal.
    public var source: String

    public init(byPath: [String: [Entry]], source: String) {
        self.byPath = byPath
        self.source = source
    }

    /// Scores the functions at `base` with the model chosen as `predict` chooses it.
    public static func load(repository: Repository, store: Store, base: OID) throws -> FunctionRisks {
        let workspace = try Workspace(repository: repository, store: store)
        let commit = try workspace.commit(base.hex)
        let result = try Predictor.snapshot(workspace, level: .function, at: commit)
        var byPath: [String: [Entry]] = [:]
        for item in result.items {
            guard let path = item.path, let start = item.startLine else { continue }
            byPath[path, default: []].append(Entry(name: item.name ?? "", startLine: start, risk: item.risk,
                                                   reasons: item.reasons.filter { $0.weight > 0 }.prefix(3).map(\.text)))
        }
        return FunctionRisks(byPath: byPath, source: "\(result.model.source) model (\(result.model.booster))")
    }

    /// The risk of the function starting at `line` in `path`.
    public func entry(path: String, line: Int?) -> Entry? {
        guard let line else { return nil }
        return byPath[path]?.first { $0.startLine == line }
    }
}
