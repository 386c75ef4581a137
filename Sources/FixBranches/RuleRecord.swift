/// A rule's acceptance record as a Beta-Bernoulli bandit: each merged branch or `accept` is a
/// success, each deleted branch, `reject` or `wrong` a failure. With the Beta(2, 2) prior a
/// rule starts at 0.5 and moves only as verdicts accumulate.
public struct RuleRecord: Sendable, Hashable {
    public static let priorAccepted = 2.0
    public static let priorRejected = 2.0

    public var accepted: Int
    public var rejected: Int

    public init(accepted: Int = 0, rejected: Int = 0) {
        self.accepted = accepted
        self.rejected = rejected
    }

    /// The posterior mean acceptance rate: deterministic, so two runs rank alike.
    public var expectedAcceptance: Double {
        (Double(accepted) + Self.priorAccepted) / (Double(accepted + rejected) + Self.priorAccepted + Self.priorRejected)
    }
}
